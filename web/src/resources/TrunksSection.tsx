import { App, Form, Input, InputNumber, Switch, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CrudSection } from '../admin/CrudSection.tsx';
import { FormModal } from '../admin/FormModal.tsx';
import { del, post, put } from '../admin/problem-api.ts';
import { useRefresh } from '../admin/queries.ts';
import { useEditor } from '../admin/useEditor.ts';
import { useTrunks } from './queries.ts';
import './texts.ts';
import type { Trunk } from './types.ts';

interface Values {
  name: string;
  provider?: string;
  addresses?: string;
  outbound?: string;
  channelLimit?: number | null;
  numbers?: string;
  callerId?: string;
  probe: boolean;
  enabled: boolean;
}

const list = (s: string | undefined) =>
  (s ?? '')
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** `IP`, `IP:port`, `[v6]` or `[v6]:port` (the port defaults to 5060). */
function outbound(s: string | undefined) {
  const v = s?.trim();
  if (!v) return null;
  const m = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(v);
  return { address: m?.[1] ?? m?.[2] ?? v, port: m?.[3] ? Number(m[3]) : 5060 };
}

/**
 * Trunks: carriers' SIP connections. The ones given on the command line are listed read-only;
 * stored ones are served by the switch as soon as they are saved.
 */
export function TrunksSection() {
  const { t } = useTranslation('resources');
  const { t: ta } = useTranslation('admin');
  const { message } = App.useApp();
  const trunks = useTrunks();
  const refresh = useRefresh();
  const ed = useEditor<Trunk>();
  const save = async (v: Values) => {
    const body = {
      name: v.name,
      provider: v.provider ?? '',
      addresses: list(v.addresses),
      outbound: outbound(v.outbound),
      channelLimit: v.channelLimit ?? null,
      numbers: list(v.numbers),
      callerId: v.callerId?.trim() ? v.callerId.trim() : null,
      probe: v.probe,
      enabled: v.enabled,
    };
    if (ed.row) await put(`/api/resources/trunks/${encodeURIComponent(ed.row.id)}`, body);
    else await post('/api/resources/trunks', body);
    void message.success(ta('saved'));
    await refresh('res-trunks');
  };
  const stored = (x: Trunk) => x.source === 'stored';
  return (
    <>
      <CrudSection<Trunk>
        testId="trunks"
        title={t('menu.trunks')}
        rows={trunks.data}
        loading={trunks.isLoading}
        rowKey={(x) => x.name}
        onCreate={ed.create}
        rowActions={(x) =>
          stored(x) ? null : (
            <Tag data-testid={`trunk-config-${x.name}`}>{t('trunk.source.config')}</Tag>
          )
        }
        onEdit={(x) => (stored(x) ? ed.edit(x) : undefined)}
        onDelete={async (x) => {
          if (!stored(x)) return;
          await del(`/api/resources/trunks/${encodeURIComponent(x.id)}`);
          await refresh('res-trunks');
        }}
        columns={[
          { title: t('trunk.name'), dataIndex: 'name', width: 140 },
          { title: t('trunk.provider'), dataIndex: 'provider', width: 120 },
          {
            title: t('trunk.addresses'),
            dataIndex: 'addresses',
            render: (a: string[]) => a.join(', '),
          },
          {
            title: t('trunk.outbound'),
            dataIndex: 'outbound',
            width: 160,
            render: (o: Trunk['outbound']) => (o ? `${o.address}:${o.port}` : ''),
          },
          {
            title: t('trunk.channelLimit'),
            dataIndex: 'channelLimit',
            width: 90,
            render: (n: number | null) => n ?? '∞',
          },
          {
            title: t('trunk.numbers'),
            dataIndex: 'numbers',
            ellipsis: true,
            render: (n: string[]) => n.join(', '),
          },
          {
            title: t('trunk.enabled'),
            dataIndex: 'enabled',
            width: 70,
            render: (v: boolean) => (v ? ta('yes') : ta('no')),
          },
        ]}
      />
      <FormModal<Values>
        testId="trunk-form"
        open={ed.open}
        title={ed.row?.name ?? t('menu.trunks')}
        initial={
          ed.row
            ? {
                ...ed.row,
                addresses: ed.row.addresses.join(', '),
                numbers: ed.row.numbers.join(', '),
                outbound: ed.row.outbound
                  ? `${ed.row.outbound.address}:${ed.row.outbound.port}`
                  : '',
                callerId: ed.row.callerId ?? '',
              }
            : { probe: true, enabled: true }
        }
        onClose={ed.close}
        onSubmit={save}
      >
        <Form.Item
          name="name"
          label={t('trunk.name')}
          rules={[{ required: true, message: ta('required') }]}
        >
          <Input maxLength={40} data-testid="trunk-name" />
        </Form.Item>
        <Form.Item name="provider" label={t('trunk.provider')}>
          <Input maxLength={60} data-testid="trunk-provider" />
        </Form.Item>
        <Form.Item name="addresses" label={t('trunk.addresses')} extra={t('trunk.addressesHint')}>
          <Input data-testid="trunk-addresses" />
        </Form.Item>
        <Form.Item name="outbound" label={t('trunk.outbound')} extra={t('trunk.outboundHint')}>
          <Input data-testid="trunk-outbound" />
        </Form.Item>
        <Form.Item name="channelLimit" label={t('trunk.channelLimit')}>
          <InputNumber min={1} max={100000} data-testid="trunk-limit" />
        </Form.Item>
        <Form.Item name="numbers" label={t('trunk.numbers')}>
          <Input data-testid="trunk-numbers" />
        </Form.Item>
        <Form.Item name="callerId" label={t('trunk.callerId')}>
          <Input maxLength={24} />
        </Form.Item>
        <Form.Item name="probe" label={t('trunk.probe')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="enabled" label={t('trunk.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </FormModal>
    </>
  );
}
