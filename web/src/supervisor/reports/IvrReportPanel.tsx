/** The IVR report (IVR 报表): containment per flow, and visits and exits per node. */
import { useQuery } from '@tanstack/react-query';
import { DatePicker, Flex, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { get } from '../http.ts';
import { ratioText } from './ratio.ts';
import { rangeQuery, useRange } from './use-range.ts';

interface NodeRow {
  node: string;
  visits: number;
  exits: Record<string, number>;
}
interface FlowRow {
  flowId: string;
  calls: number;
  shortHangups: number;
  contained: number;
  toAgent: number;
  containment: number | null;
  nodes: NodeRow[];
}

export function IvrReportPanel() {
  const { t } = useTranslation('reports');
  const [range, setRange] = useRange();
  const q = useQuery({
    queryKey: ['report-ivr', rangeQuery(range)],
    queryFn: () => get<{ items: FlowRow[] }>(`/api/reports/ivr?${rangeQuery(range)}`),
  });
  return (
    <Flex vertical gap={8} data-testid="ivr-report">
      <DatePicker.RangePicker
        value={range}
        allowClear={false}
        onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
      />
      <Table<FlowRow>
        size="small"
        rowKey="flowId"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (f) => (
            <Table<NodeRow>
              size="small"
              rowKey="node"
              pagination={false}
              dataSource={f.nodes}
              columns={[
                { title: t('ivr.node'), dataIndex: 'node' },
                { title: t('ivr.visits'), dataIndex: 'visits', align: 'right' },
                {
                  title: t('ivr.exits'),
                  dataIndex: 'exits',
                  render: (exits: Record<string, number>) =>
                    Object.entries(exits).map(([k, n]) => (
                      <Tag key={k}>
                        {k}: {n}
                      </Tag>
                    )),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('ivr.flow'), dataIndex: 'flowId' },
          { title: t('ivr.calls'), dataIndex: 'calls', align: 'right' },
          { title: t('ivr.contained'), dataIndex: 'contained', align: 'right' },
          { title: t('ivr.toAgent'), dataIndex: 'toAgent', align: 'right' },
          { title: t('ivr.short'), dataIndex: 'shortHangups', align: 'right' },
          {
            title: t('ivr.containment'),
            dataIndex: 'containment',
            align: 'right',
            render: (v: number | null) => <span data-testid="ivr-containment">{ratioText(v)}</span>,
          },
        ]}
      />
    </Flex>
  );
}
