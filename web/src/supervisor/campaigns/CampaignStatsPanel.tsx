import { Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaff } from '../queries.ts';
import { percentText } from './campaign-form.ts';
import { recordStateColor } from './campaign-moves.ts';
import {
  dialResults,
  recordStates,
  type Campaign,
  type CampaignStats,
  type RecordState,
} from './campaign-types.ts';

/**
 * A campaign's figures: attempts, connects, the abandon rate against its limit (red when over),
 * attempts by result, connects per agent by name, and records by state (a click filters the
 * records below).
 */
export function CampaignStatsPanel(p: {
  campaign: Campaign;
  stats: CampaignStats | undefined;
  onPickState(s: RecordState): void;
}) {
  const { t } = useTranslation('campaigns');
  const staff = useStaff();
  const names = useMemo(
    () => new Map((staff.data ?? []).map((u) => [u.id, u.displayName])),
    [staff.data],
  );
  const s = p.stats;
  if (!s) return <Card size="small" loading />;
  const over = s.abandonRate > p.campaign.maxAbandonRate;
  const totalRecords = recordStates.reduce((n, st) => n + (s.records[st] ?? 0), 0);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="campaign-stats">
      <Row gutter={12}>
        <Col span={5}>
          <Card size="small">
            <Statistic title={t('stats.records')} value={totalRecords} data-testid="stat-records" />
          </Card>
        </Col>
        <Col span={5}>
          <Card size="small">
            <Statistic title={t('stats.attempts')} value={s.attempts} data-testid="stat-attempts" />
          </Card>
        </Col>
        <Col span={5}>
          <Card size="small">
            <Statistic title={t('stats.connects')} value={s.connects} data-testid="stat-connects" />
          </Card>
        </Col>
        <Col span={9}>
          <Card size="small">
            <Statistic
              title={t('stats.abandonRate', {
                abandoned: s.abandoned,
                answered: s.answered,
              })}
              value={percentText(s.abandonRate)}
              suffix={
                <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                  {t('stats.limit', { limit: percentText(p.campaign.maxAbandonRate) })}
                </Typography.Text>
              }
              styles={{ content: { color: over ? '#cf1322' : undefined } }}
              data-testid={over ? 'stat-abandon-over' : 'stat-abandon'}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Card size="small" title={t('stats.byState')}>
            <Space wrap size={[4, 6]} data-testid="stats-by-state">
              {recordStates
                .filter((st) => (s.records[st] ?? 0) > 0)
                .map((st) => (
                  <Tag
                    key={st}
                    color={recordStateColor[st]}
                    style={{ cursor: 'pointer' }}
                    onClick={() => p.onPickState(st)}
                    data-testid={`stats-state-${st}`}
                  >
                    {t(`record.${st}`)} {s.records[st]}
                  </Tag>
                ))}
              {totalRecords === 0 && (
                <Typography.Text type="secondary">{t('stats.noRecords')}</Typography.Text>
              )}
            </Space>
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('stats.byResult')}>
            <Space wrap size={[4, 6]} data-testid="stats-by-result">
              {dialResults.map((r) => (
                <Tag key={r}>
                  {t(`result.${r}`)} {s.byResult[r] ?? 0}
                </Tag>
              ))}
            </Space>
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('stats.perAgent')}>
            {s.perAgent.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.noConnects')} />
            ) : (
              <Table
                size="small"
                rowKey="agentId"
                pagination={false}
                dataSource={s.perAgent}
                data-testid="stats-per-agent"
                columns={[
                  {
                    title: t('col.agent'),
                    dataIndex: 'agentId',
                    render: (id: string) => names.get(id) ?? id,
                  },
                  { title: t('stats.connects'), dataIndex: 'connects', width: 90 },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
