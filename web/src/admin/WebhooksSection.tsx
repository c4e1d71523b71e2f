import { useQuery } from '@tanstack/react-query';
import { App, Button, Form, Input, Popconfirm, Select, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookViewT, WebhookWithSecretT } from '../../../src/contracts/webhooks.ts';
import { useReportError } from '../shared/errors.ts';
import { CrudSection } from './CrudSection.tsx';
import { FormModal } from './FormModal.tsx';
import { del, get, patch, post } from './problem-api.ts';
import { useRefresh } from './queries.ts';
import { useEditor } from './useEditor.ts';
import { WebhookDeliveries } from './WebhookDeliveries.tsx';
import { WebhookSecretModal } from './WebhookSecretModal.tsx';
import { eventTypeSuggestions, isWebhookUrl, webhookPatternSyntax } from './webhook-fields.ts';

interface Values {
  name: string;
  url: string;
  eventTypes: string[];
}
const key = 'adm-webhooks';

/**
 * Webhooks: which events go to which URL, signed with a secret shown once. Each row can send a
 * test event, open its delivery log (with replay), rotate its secret, and be disabled or
 * re-enabled (kefu disables one by itself after repeated failure; see docs/webhooks.md).
 */
export function WebhooksSection() {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const reportError = useReportError();
  const refresh = useRefresh();
  const ed = useEditor<WebhookViewT>();
  const [secret, setSecret] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<WebhookViewT | null>(null);
  const hooks = useQuery({
    queryKey: [key],
    queryFn: async () => (await get<{ items: WebhookViewT[] }>('/api/webhooks')).items,
  });
  const path = (h: WebhookViewT, rest = '') => `/api/webhooks/${encodeURIComponent(h.id)}${rest}`;
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      void message.success(done);
      await refresh(key);
    } catch (e) {
      reportError(e);
    }
  };
  const save = async (v: Values) => {
    if (ed.row) await patch(path(ed.row), v);
    else setSecret((await post<WebhookWithSecretT>('/api/webhooks', v)).secret);
    void message.success(t('saved'));
    await refresh(key);
  };
  return (
    <>
      <CrudSection<WebhookViewT>
        testId="webhooks"
        title={t('menu.webhooks')}
        description={t('webhook.note')}
        rows={hooks.data}
        loading={hooks.isLoading}
        rowKey={(h) => h.id}
        onCreate={ed.create}
        onEdit={ed.edit}
        onDelete={async (h) => {
          await del(path(h));
          await refresh(key);
        }}
        columns={[
          { title: t('webhook.name'), dataIndex: 'name', width: 160 },
          { title: t('webhook.url'), dataIndex: 'url', ellipsis: true },
          {
            title: t('webhook.eventTypes'),
            dataIndex: 'eventTypes',
            render: (v: string[]) => v.map((p) => <Tag key={p}>{p}</Tag>),
          },
          {
            title: t('webhook.stateTitle'),
            key: 'active',
            width: 120,
            render: (_: unknown, h) =>
              h.active ? (
                <Tag color="green">{t('webhook.active')}</Tag>
              ) : (
                <Tooltip
                  title={
                    h.disabledReason === 'manual' ? t('webhook.manual') : (h.disabledReason ?? '')
                  }
                >
                  <Tag color="red" data-testid={`webhook-disabled-${h.id}`}>
                    {t('webhook.disabled')}
                  </Tag>
                </Tooltip>
              ),
          },
          {
            title: t('webhook.operations'),
            key: 'ops',
            width: 300,
            render: (_: unknown, h) => (
              <Space size={0} wrap>
                <Button
                  size="small"
                  type="link"
                  onClick={() => void act(() => post(path(h, '/test')), t('webhook.testSent'))}
                  data-testid={`webhook-test-${h.id}`}
                >
                  {t('webhook.test')}
                </Button>
                <Button
                  size="small"
                  type="link"
                  onClick={() => setLogOf(h)}
                  data-testid={`webhook-log-${h.id}`}
                >
                  {t('webhook.log')}
                </Button>
                <Button
                  size="small"
                  type="link"
                  onClick={() =>
                    void act(
                      () => patch(path(h), { active: !h.active }),
                      h.active ? t('webhook.disabledNow') : t('webhook.enabledNow'),
                    )
                  }
                  data-testid={`webhook-toggle-${h.id}`}
                >
                  {h.active ? t('webhook.disable') : t('webhook.enable')}
                </Button>
                <Popconfirm
                  title={t('webhook.rotateConfirm')}
                  onConfirm={() =>
                    void act(
                      async () =>
                        setSecret(
                          (await post<WebhookWithSecretT>(path(h, '/rotate-secret'))).secret,
                        ),
                      t('webhook.rotated'),
                    )
                  }
                >
                  <Button size="small" type="link" data-testid={`webhook-rotate-${h.id}`}>
                    {t('webhook.rotate')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <FormModal<Values>
        testId="webhook-form"
        open={ed.open}
        title={ed.row?.name ?? t('menu.webhooks')}
        initial={ed.row ?? { eventTypes: ['case.*'] }}
        onClose={ed.close}
        onSubmit={save}
      >
        <Form.Item
          name="name"
          label={t('webhook.name')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input maxLength={100} data-testid="webhook-name" />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('webhook.url')}
          extra={t('webhook.urlHelp')}
          rules={[
            { required: true, message: t('required') },
            {
              validator: (_, v: unknown) =>
                typeof v !== 'string' || v === '' || isWebhookUrl(v)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('webhook.badUrl'))),
            },
          ]}
        >
          <Input
            maxLength={2000}
            placeholder="https://boss.example.cn/kefu-events"
            data-testid="webhook-url"
          />
        </Form.Item>
        <Form.Item
          name="eventTypes"
          label={t('webhook.eventTypes')}
          extra={t('webhook.patternHelp')}
          rules={[
            { required: true, type: 'array', min: 1, message: t('required') },
            {
              validator: (_, v: unknown) => {
                const bad = (Array.isArray(v) ? (v as string[]) : []).filter(
                  (p) => !webhookPatternSyntax.test(p.trim()),
                );
                return bad.length === 0
                  ? Promise.resolve()
                  : Promise.reject(
                      new Error(t('webhook.badPattern', { patterns: bad.join(', ') })),
                    );
              },
            },
          ]}
        >
          <Select
            mode="tags"
            tokenSeparators={[',', ' ']}
            options={eventTypeSuggestions.map((v) => ({ value: v, label: v }))}
            data-testid="webhook-event-types"
          />
        </Form.Item>
      </FormModal>
      <WebhookSecretModal secret={secret} onClose={() => setSecret(null)} />
      <WebhookDeliveries hook={logOf} onClose={() => setLogOf(null)} />
    </>
  );
}
