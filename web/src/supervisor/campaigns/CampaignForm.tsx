import { AutoComplete, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../admin/FormModal.tsx';
import { useQueues } from '../queries.ts';
import {
  callerIdPattern,
  toCampaignBody,
  toFormValues,
  type CampaignFormValues,
} from './campaign-form.ts';
import { dialerModes, retryResults, weekdays, type Campaign } from './campaign-types.ts';
import { DayWindowsInput } from './DayWindowsInput.tsx';

const zones = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Shanghai'];
  }
})();

/**
 * Creates or edits a campaign. The fields carry the API's names, so a server refusal
 * (`dialer.invalid_campaign` with `details.field`, or `validation.failed`) is shown on its
 * field; the caller ID is checked here first with the server's own rule.
 */
export function CampaignForm(p: {
  open: boolean;
  campaign: Campaign | null;
  onClose(): void;
  onSubmit(body: ReturnType<typeof toCampaignBody>): Promise<unknown>;
}) {
  const { t } = useTranslation('campaigns');
  const queues = useQueues();
  const initial = useMemo(
    () => toFormValues(p.campaign, queues.data?.[0]?.id ?? ''),
    [p.campaign, queues.data],
  );
  const required = { required: true, message: t('form.required') };
  return (
    <FormModal<CampaignFormValues>
      testId="campaign-form"
      open={p.open}
      width={780}
      title={p.campaign ? t('form.editTitle', { name: p.campaign.name }) : t('form.newTitle')}
      initial={initial}
      onClose={p.onClose}
      onSubmit={(v) => p.onSubmit(toCampaignBody(v))}
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="name" label={t('col.name')} rules={[required]}>
            <Input maxLength={100} data-testid="campaign-name" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="mode"
            label={t('col.mode')}
            extra={t('form.modeHelp')}
            rules={[required]}
          >
            <Select
              data-testid="campaign-mode"
              options={dialerModes.map((m) => ({ value: m, label: t(`mode.${m}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="queueId" label={t('col.queue')} rules={[required]}>
            <Select
              data-testid="campaign-queue"
              loading={queues.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
              options={(queues.data ?? []).map((q) => ({ value: q.id, label: q.name }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="callerId"
            label={t('col.callerId')}
            extra={t('form.callerIdHelp')}
            rules={[
              required,
              {
                validator: (_, v: unknown) =>
                  typeof v !== 'string' || v === '' || callerIdPattern.test(v.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('form.badCallerId'))),
              },
            ]}
          >
            <Input placeholder="+861012345678" maxLength={20} data-testid="campaign-caller-id" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="timeZone" label={t('form.timeZone')} rules={[required]}>
            <AutoComplete
              data-testid="campaign-time-zone"
              options={zones.map((z) => ({ value: z }))}
              showSearch={{
                filterOption: (input, o) =>
                  String(o?.value ?? '')
                    .toLowerCase()
                    .includes(input.toLowerCase()),
              }}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="maxAbandonRate"
            label={t('form.maxAbandonRate')}
            extra={t('form.maxAbandonRateHelp')}
            rules={[required]}
          >
            <InputNumber
              min={0}
              max={20}
              step={0.5}
              suffix="%"
              style={{ width: '100%' }}
              data-testid="campaign-max-abandon"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label={t('form.windows')}
        extra={t('form.windowsHelp')}
        style={{ marginBottom: 4 }}
      >
        {weekdays.map((d) => (
          <Row key={d} gutter={8} wrap={false}>
            <Col flex="56px" style={{ lineHeight: '24px' }}>
              {t(`day.${d}`)}
            </Col>
            <Col flex="auto">
              <Form.Item name={['windows', d]} style={{ marginBottom: 6 }}>
                <DayWindowsInput day={d} />
              </Form.Item>
            </Col>
          </Row>
        ))}
      </Form.Item>
      <Form.Item name="holidays" label={t('form.holidays')} extra={t('form.holidaysHelp')}>
        <DatePicker
          multiple
          maxTagCount="responsive"
          style={{ width: '100%' }}
          data-testid="campaign-holidays"
        />
      </Form.Item>
      <Form.Item label={t('form.retry')} extra={t('form.retryHelp')} style={{ marginBottom: 0 }}>
        {retryResults.map((r) => (
          <Row key={r} gutter={8} align="middle">
            <Col flex="110px">{t(`result.${r}`)}</Col>
            <Col flex="180px">
              <Form.Item
                name={['retry', r, 'maxAttempts']}
                rules={[required]}
                style={{ marginBottom: 6 }}
              >
                <InputNumber
                  min={1}
                  max={20}
                  precision={0}
                  prefix={t('form.maxAttempts')}
                  style={{ width: '100%' }}
                  data-testid={`campaign-retry-${r}-attempts`}
                />
              </Form.Item>
            </Col>
            <Col flex="220px">
              <Form.Item
                name={['retry', r, 'retryAfterMinutes']}
                rules={[required]}
                style={{ marginBottom: 6 }}
              >
                <InputNumber
                  min={1}
                  max={10080}
                  precision={0}
                  prefix={t('form.retryAfter')}
                  suffix={t('form.minutes')}
                  style={{ width: '100%' }}
                  data-testid={`campaign-retry-${r}-minutes`}
                />
              </Form.Item>
            </Col>
          </Row>
        ))}
      </Form.Item>
    </FormModal>
  );
}
