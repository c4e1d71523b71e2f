/**
 * The search bar: agent, customer (id or number), queue, case id and a start-time range.
 * Inputs are bounded here as the API bounds them, so a search never comes back as a 400.
 */
import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { RecordingSearch } from './recording-types.ts';

interface Values {
  agentId?: string;
  customer?: string;
  queueId?: string;
  caseId?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

export function RecordingFilters({
  agents,
  queues,
  onSearch,
}: {
  agents: { value: string; label: string }[];
  queues: { value: string; label: string }[];
  onSearch: (s: RecordingSearch) => void;
}) {
  const { t } = useTranslation('recordings');
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) => {
    const s: RecordingSearch = {};
    if (v.agentId) s.agentId = v.agentId;
    if (v.customer?.trim()) s.customer = v.customer.trim();
    if (v.queueId) s.queueId = v.queueId;
    if (v.caseId?.trim()) s.caseId = v.caseId.trim();
    const [from, to] = v.dates ?? [];
    if (from) s.from = from.startOf('day').toISOString();
    if (to) s.to = to.add(1, 'day').startOf('day').toISOString();
    onSearch(s);
  };
  return (
    <Form form={form} layout="inline" onFinish={submit} data-testid="rec-filters">
      <Form.Item name="agentId">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('filter.agent')}
          options={agents}
          style={{ width: 160 }}
          data-testid="rec-filter-agent"
        />
      </Form.Item>
      <Form.Item name="customer">
        <Input
          allowClear
          maxLength={100}
          placeholder={t('filter.customer')}
          style={{ width: 180 }}
          data-testid="rec-filter-customer"
        />
      </Form.Item>
      <Form.Item name="queueId">
        <Select
          allowClear
          placeholder={t('filter.queue')}
          options={queues}
          style={{ width: 160 }}
          data-testid="rec-filter-queue"
        />
      </Form.Item>
      <Form.Item name="caseId">
        <Input
          allowClear
          maxLength={100}
          placeholder={t('filter.case')}
          style={{ width: 160 }}
          data-testid="rec-filter-case"
        />
      </Form.Item>
      <Form.Item name="dates">
        <DatePicker.RangePicker data-testid="rec-filter-dates" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" data-testid="rec-search">
          {t('filter.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onSearch({});
          }}
        >
          {t('filter.reset')}
        </Button>
      </Space>
    </Form>
  );
}
