/** Knowledge-base statistics over the last 30 days. */
import { Card, Col, Row, Statistic, Table, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useKbStats } from './queries.ts';
import type { KbStats } from './types.ts';

type Counted = KbStats['mostViewed'][number];

export function KbStatsPanel() {
  const { t } = useTranslation('kb');
  const s = useKbStats();
  const d = s.data?.deflection;
  const articles = (rows: Counted[], testId: string) => (
    <Table<Counted>
      size="small"
      rowKey="articleId"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      columns={[
        { title: t('list.title'), render: (_, r) => r.title ?? r.articleId },
        { title: t('stats.count'), dataIndex: 'n', width: 80 },
      ]}
    />
  );
  return (
    <div data-testid="kb-stats">
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={6}>
          <Card size="small">
            <Statistic title={t('stats.searches')} value={s.data?.searches ?? 0} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Tooltip
              title={t('stats.deflectionHint', { d: d?.deflected ?? 0, n: d?.sessions ?? 0 })}
            >
              <Statistic
                title={t('stats.deflection')}
                value={
                  d?.rate === null || d?.rate === undefined ? '—' : `${Math.round(d.rate * 100)}%`
                }
              />
            </Tooltip>
          </Card>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Card size="small" title={t('stats.mostViewed')}>
            {articles(s.data?.mostViewed ?? [], 'kb-most-viewed')}
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title={t('stats.mostUsed')}>
            {articles(s.data?.mostUsed ?? [], 'kb-most-used')}
          </Card>
        </Col>
        <Col span={12} style={{ marginTop: 12 }}>
          <Card size="small" title={t('stats.empty')}>
            <Table
              size="small"
              rowKey="query"
              pagination={false}
              dataSource={s.data?.emptySearches ?? []}
              columns={[
                { title: t('stats.query'), dataIndex: 'query' },
                { title: t('stats.count'), dataIndex: 'n', width: 80 },
              ]}
            />
          </Card>
        </Col>
        <Col span={12} style={{ marginTop: 12 }}>
          <Card size="small" title={t('stats.feedback')}>
            <Table
              size="small"
              rowKey={(r) => `${r.articleId}-${r.source}`}
              pagination={false}
              dataSource={s.data?.feedback ?? []}
              columns={[
                { title: t('list.title'), render: (_, r) => r.title ?? r.articleId },
                { title: '', width: 70, render: (_, r) => t(`stats.source.${r.source}`) },
                { title: t('stats.helpful'), dataIndex: 'helpful', width: 80 },
                { title: t('stats.notHelpful'), dataIndex: 'notHelpful', width: 80 },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
