import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Row, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IvrEditor } from './IvrEditor.tsx';
import { get, post, put } from './problem-api.ts';
import { useRefresh } from './queries.ts';
import { IvrNumbers } from './IvrNumbers.tsx';
import type { IvrSummary } from './types.ts';

/** What a new flow starts from: a greeting, the general queue, goodbye. */
const template = {
  name: 'New flow',
  language: 'zh',
  start: 'welcome',
  nodes: {
    welcome: { type: 'play', prompts: [{ prompt: 'welcome' }], next: 'queue' },
    queue: { type: 'queue', queueId: 'queue-general', announcePosition: true },
  },
};

/** IVR flows: the list, the numbers that run them, and the editor of the chosen flow. */
export function IvrSection() {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const flows = useQuery({
    queryKey: ['adm-ivr'],
    queryFn: () => get<IvrSummary[]>('/api/ivr-flows'),
  });
  // The first flow opens by itself: there is usually one, and its graph is what one came for.
  const first = flows.data?.[0]?.id;
  useEffect(() => {
    if (first) setSelected((s) => s ?? first);
  }, [first]);
  const doc = useQuery({
    queryKey: ['adm-ivr-doc', selected],
    queryFn: () =>
      get<Record<string, unknown>>(`/api/ivr-flows/${encodeURIComponent(selected ?? '')}`),
    enabled: selected !== null && selected !== 'new',
  });
  const publish = async (d: Record<string, unknown>) => {
    const flow =
      selected === 'new' || selected === null
        ? await post<{ id: string; version: number }>('/api/ivr-flows', d)
        : await put<{ id: string; version: number }>(
            `/api/ivr-flows/${encodeURIComponent(selected)}`,
            d,
          );
    void message.success(t('ivr.published', { version: flow.version }));
    await refresh('adm-ivr');
    await refresh('adm-ivr-doc');
    setSelected(flow.id);
  };
  const editorText =
    selected === 'new'
      ? JSON.stringify(template, null, 2)
      : doc.data
        ? JSON.stringify(doc.data, null, 2)
        : null;
  return (
    <Row gutter={8} data-testid="section-ivr">
      <Col span={6}>
        <Card
          size="small"
          title={t('ivr.flows')}
          extra={
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setSelected('new')}
              data-testid="ivr-new"
            >
              {t('ivr.new')}
            </Button>
          }
          styles={{ body: { padding: 4 } }}
        >
          {/* A plain list: antd's List is deprecated in v6 and warns on the console. */}
          {flows.isLoading ? (
            <Spin />
          ) : !flows.data?.length ? (
            <Empty description={t('ivr.none')} />
          ) : (
            flows.data.map((f) => (
              <div
                key={f.id}
                role="button"
                tabIndex={0}
                onClick={() => setSelected(f.id)}
                onKeyDown={(e) => e.key === 'Enter' && setSelected(f.id)}
                style={{
                  cursor: 'pointer',
                  background: f.id === selected ? '#e6f4ff' : undefined,
                  padding: '6px 8px',
                  borderBottom: '1px solid #f0f0f0',
                }}
                data-testid={`ivr-flow-${f.id}`}
              >
                <Typography.Text strong>{f.name}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{`${f.id} · v${f.version} · ${f.language}`}</Typography.Text>
              </div>
            ))
          )}
        </Card>
        <IvrNumbers flows={flows.data ?? []} />
      </Col>
      <Col span={18}>
        <Card size="small" title={selected === 'new' ? t('ivr.new') : (selected ?? t('menu.ivr'))}>
          {selected === null ? (
            <Empty description={t('ivr.pick')} />
          ) : editorText === null ? (
            <Spin />
          ) : (
            // A new key per flow and version restarts the editor from the loaded document.
            <IvrEditor
              key={`${selected}:${String(doc.data?.['version'] ?? 'new')}`}
              initialText={editorText}
              onPublish={publish}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
