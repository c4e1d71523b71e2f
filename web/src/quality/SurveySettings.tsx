import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { get, put } from '../api/client.ts';
import type {
  IvrSurveySettingsView,
  SmsSurveySettingsView,
} from '../../../src/contracts/quality.ts';
import { useReportError } from '../shared/errors.ts';

type Sms = z.infer<typeof SmsSurveySettingsView>;
type Ivr = z.infer<typeof IvrSurveySettingsView>;

const channels = ['voice', 'sms', 'email', 'webchat', 'webform', 'fax'] as const;

/** When customers are surveyed: by SMS after a contact, and by phone after a call. */
export function SurveySettings() {
  const { t } = useTranslation('quality');
  const queues = useQuery({
    queryKey: ['qa-queues'],
    queryFn: () => get<{ id: string; name: string }[]>('/api/queues'),
    staleTime: 60_000,
  });
  const queueOptions = (queues.data ?? []).map((q) => ({ value: q.id, label: q.name }));
  return (
    <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
      <SettingsCard<Ivr> kind="ivr" title={t('settings.ivr')}>
        <Form.Item name="queueIds" label={t('settings.queues')} extra={t('settings.allQueues')}>
          <Select mode="multiple" options={queueOptions} data-testid="ivr-survey-queues" />
        </Form.Item>
        <Form.Item
          name="answerSeconds"
          label={t('settings.answerSeconds')}
          rules={[{ required: true }]}
        >
          <InputNumber min={2} max={30} />
        </Form.Item>
      </SettingsCard>
      <SettingsCard<Sms> kind="sms" title={t('settings.sms')}>
        <Form.Item name="channels" label={t('settings.channels')}>
          <Select
            mode="multiple"
            options={channels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="queueIds" label={t('settings.queues')} extra={t('settings.allQueues')}>
          <Select mode="multiple" options={queueOptions} />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('settings.text')}
          rules={[{ required: true, whitespace: true, message: t('required') }]}
        >
          <Input.TextArea rows={2} maxLength={300} data-testid="sms-survey-text" />
        </Form.Item>
        <Form.Item name="replyHours" label={t('settings.replyHours')} rules={[{ required: true }]}>
          <InputNumber min={1} max={168} />
        </Form.Item>
      </SettingsCard>
    </div>
  );
}

function SettingsCard<T extends object>({
  kind,
  title,
  children,
}: {
  kind: 'ivr' | 'sms';
  title: string;
  children: ReactNode;
}) {
  const { t } = useTranslation('quality');
  const { message } = App.useApp();
  const reportError = useReportError();
  const qc = useQueryClient();
  const path = `/api/surveys/${kind}-settings`;
  const current = useQuery({ queryKey: ['qa-settings', kind], queryFn: () => get<T>(path) });
  const [form] = Form.useForm<T>();
  useEffect(() => {
    if (current.data) form.setFieldsValue(current.data as never);
  }, [current.data, form]);
  const save = useMutation({
    mutationFn: (v: T) => put<T>(path, v),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['qa-settings', kind] });
      void message.success(t('settings.saved'));
    },
    onError: reportError,
  });
  return (
    <Card size="small" title={title} style={{ width: 440 }} data-testid={`${kind}-survey-settings`}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="enabled" label={t('settings.enabled')} valuePropName="checked">
          <Switch data-testid={`${kind}-survey-enabled`} />
        </Form.Item>
        {children}
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          disabled={!current.data}
          data-testid={`${kind}-survey-save`}
        >
          {t('save')}
        </Button>
      </Form>
    </Card>
  );
}
