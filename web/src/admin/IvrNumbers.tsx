import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../shared/errors.ts';
import { get, put } from './problem-api.ts';
import { useRefresh } from './queries.ts';
import type { IvrNumber, IvrSummary } from './types.ts';

/** Which flow answers each dialled number (DID); point a number at a flow, or remove it. */
export function IvrNumbers({ flows }: { flows: IvrSummary[] }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const refresh = useRefresh();
  const [number, setNumber] = useState('');
  const [flowId, setFlowId] = useState<string | undefined>(undefined);
  const numbers = useQuery({
    queryKey: ['adm-ivr-numbers'],
    queryFn: () => get<IvrNumber[]>('/api/ivr-numbers'),
  });
  const point = async (n: string, to: string | null) => {
    try {
      await put(`/api/ivr-numbers/${encodeURIComponent(n)}`, { flowId: to });
      void message.success(t('saved'));
      setNumber('');
      await refresh('adm-ivr-numbers');
    } catch (e) {
      reportError(e);
    }
  };
  return (
    <Card
      size="small"
      title={t('ivr.numbers')}
      style={{ marginTop: 8 }}
      styles={{ body: { padding: 4 } }}
    >
      <Table<IvrNumber>
        size="small"
        rowKey="number"
        pagination={false}
        dataSource={numbers.data}
        columns={[
          { title: t('ivr.number'), dataIndex: 'number' },
          { title: t('ivr.flow'), dataIndex: 'flowId', render: (id: string) => <Tag>{id}</Tag> },
          {
            key: 'remove',
            width: 56,
            render: (_: unknown, r) => (
              <Button size="small" type="link" danger onClick={() => void point(r.number, null)}>
                {tc('delete')}
              </Button>
            ),
          },
        ]}
      />
      <Space.Compact style={{ width: '100%', marginTop: 6 }}>
        <Input
          size="small"
          placeholder={t('ivr.number')}
          value={number}
          onChange={(e) => setNumber(e.target.value.trim())}
          style={{ width: '38%' }}
        />
        <Select
          size="small"
          placeholder={t('ivr.flow')}
          value={flowId}
          onChange={setFlowId}
          options={flows.map((f) => ({ value: f.id, label: f.name }))}
          style={{ width: '42%' }}
        />
        <Button
          size="small"
          type="primary"
          disabled={!number || !flowId}
          onClick={() => flowId && void point(number, flowId)}
        >
          {tc('save')}
        </Button>
      </Space.Compact>
    </Card>
  );
}
