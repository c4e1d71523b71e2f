/**
 * The compliance report (合规报表), print-ready: a title, the period, when it was generated, the
 * 15-second answer rate per day and queue, and case stage deadlines met per case type.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { get } from '../http.ts';
import './compliance.css';
import { ratioText } from './ratio.ts';
import { rangeQuery, useRange } from './use-range.ts';

interface Report {
  from: string;
  to: string;
  timeZone: string;
  generatedAt: string;
  answerSeconds: number;
  answer: {
    date: string;
    queueName: string;
    queueId: string;
    offered: number;
    answeredWithin: number;
    rate: number | null;
  }[];
  deadlines: {
    caseType: string;
    stage: string;
    met: number;
    missed: number;
    rate: number | null;
  }[];
}

const local = (iso: string) => new Date(iso).toLocaleString();

export function CompliancePanel() {
  const { t } = useTranslation('reports');
  const [range, setRange] = useRange();
  const q = useQuery({
    queryKey: ['report-compliance', rangeQuery(range)],
    queryFn: () => get<Report>(`/api/reports/compliance?${rangeQuery(range)}`),
  });
  const r = q.data;
  const s = r?.answerSeconds ?? 15;
  return (
    <div className="compliance-print" data-testid="compliance-report">
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
        />
        <Button onClick={() => window.print()} data-testid="compliance-print">
          {t('print')}
        </Button>
      </Space>
      <Typography.Title level={3}>{t('compliance.title')}</Typography.Title>
      {r && (
        <Typography.Paragraph>
          {t('compliance.period', { from: local(r.from), to: local(r.to), tz: r.timeZone })}
          <br />
          {t('compliance.generated', { at: local(r.generatedAt) })}
        </Typography.Paragraph>
      )}
      <Typography.Title level={5}>{t('compliance.answer', { s })}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        loading={q.isLoading}
        rowKey={(x) => `${x.date}|${x.queueId}`}
        dataSource={r?.answer ?? []}
        data-testid="compliance-answer"
        columns={[
          { title: t('compliance.date'), dataIndex: 'date' },
          { title: t('compliance.queue'), dataIndex: 'queueName' },
          { title: t('compliance.offered'), dataIndex: 'offered', align: 'right' },
          { title: t('compliance.within', { s }), dataIndex: 'answeredWithin', align: 'right' },
          { title: t('compliance.rate'), dataIndex: 'rate', align: 'right', render: ratioText },
        ]}
      />
      <Typography.Title level={5}>{t('compliance.deadlines')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        loading={q.isLoading}
        rowKey={(x) => `${x.caseType}|${x.stage}`}
        dataSource={r?.deadlines ?? []}
        columns={[
          { title: t('compliance.caseType'), dataIndex: 'caseType' },
          { title: t('compliance.stage'), dataIndex: 'stage' },
          { title: t('compliance.met'), dataIndex: 'met', align: 'right' },
          { title: t('compliance.missed'), dataIndex: 'missed', align: 'right' },
          { title: t('compliance.rate'), dataIndex: 'rate', align: 'right', render: ratioText },
        ]}
      />
    </div>
  );
}
