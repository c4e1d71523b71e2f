/**
 * Workforce (排班预测): an Erlang calculator (agents needed for a traffic and a target) and the
 * forecast staffing plan per 15 minutes of a queue, from /api/wfm/staffing and /api/wfm/plan.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  InputNumber,
  Select,
  Space,
  Flex,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../http.ts';
import { EChart } from '../EChart.tsx';
import { ratioText } from './ratio.ts';

interface Calc {
  model: 'erlang-b' | 'erlang-c' | 'erlang-a';
  arrivalsPerHour: number;
  ahtSeconds: number;
  targetAnswerSeconds: number;
  targetServicePercent: number;
  patienceSeconds?: number | null;
  shrinkagePercent?: number | null;
}
interface Staffing {
  agents: number;
  scheduledAgents: number;
  serviceLevel: number;
  asa: number | null;
  occupancy: number;
}
interface Slot {
  start: string;
  offered: number;
  agents: number;
  scheduledAgents: number;
}

export function WorkforcePanel() {
  const { t } = useTranslation('reports');
  const [form] = Form.useForm<Calc>();
  const model = Form.useWatch('model', form);
  const calc = useMutation({
    mutationFn: (v: Calc) =>
      post<Staffing>('/api/wfm/staffing', {
        model: v.model,
        arrivalsPerHour: v.arrivalsPerHour,
        ahtSeconds: v.ahtSeconds,
        targetAnswerSeconds: v.targetAnswerSeconds,
        targetServiceLevel: v.targetServicePercent / 100,
        ...(v.model === 'erlang-a' && v.patienceSeconds
          ? { patienceSeconds: v.patienceSeconds }
          : {}),
        ...(v.shrinkagePercent ? { shrinkage: v.shrinkagePercent / 100 } : {}),
      }),
  });
  const queues = useQuery({
    queryKey: ['wfm-queues'],
    queryFn: () => get<{ id: string; name: string }[]>('/api/queues'),
  });
  const [queue, setQueue] = useState<string | null>(null);
  const [from, setFrom] = useState<Dayjs>(() => dayjs().add(1, 'day'));
  const key = queue ?? queues.data?.[0]?.id ?? null;
  const plan = useQuery({
    queryKey: ['wfm-plan', key, from.format('YYYY-MM-DD')],
    enabled: key !== null,
    queryFn: () =>
      get<{ items: Slot[] }>(
        `/api/wfm/plan?key=${encodeURIComponent(key!)}&from=${from.format('YYYY-MM-DD')}&days=1`,
      ),
  });
  const option = useMemo(() => {
    const slots = plan.data?.items ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 30, bottom: 0, containLabel: true },
      xAxis: { type: 'category', data: slots.map((s) => dayjs(s.start).format('HH:mm')) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('wfm.forecast'),
          type: 'bar',
          data: slots.map((s) => Math.round(s.offered * 10) / 10),
        },
        { name: t('wfm.planAgents'), type: 'line', step: 'end', data: slots.map((s) => s.agents) },
      ],
    };
  }, [plan.data, t]);
  const r = calc.data;
  return (
    <Flex vertical gap={8} data-testid="workforce">
      <Card size="small" title={t('wfm.calculator')}>
        <Form<Calc>
          form={form}
          layout="inline"
          initialValues={{
            model: 'erlang-c',
            arrivalsPerHour: 360,
            ahtSeconds: 240,
            targetAnswerSeconds: 20,
            targetServicePercent: 80,
            shrinkagePercent: 30,
          }}
          onFinish={(v) => calc.mutate(v)}
        >
          <Form.Item name="model" label={t('wfm.model')}>
            <Select
              style={{ width: 120 }}
              options={['erlang-b', 'erlang-c', 'erlang-a'].map((m) => ({ value: m, label: m }))}
            />
          </Form.Item>
          <Form.Item name="arrivalsPerHour" label={t('wfm.arrivals')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1_000_000} data-testid="wfm-arrivals" />
          </Form.Item>
          <Form.Item name="ahtSeconds" label={t('wfm.aht')} rules={[{ required: true }]}>
            <InputNumber min={1} max={86_400} data-testid="wfm-aht" />
          </Form.Item>
          <Form.Item
            name="targetAnswerSeconds"
            label={t('wfm.answerSeconds')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={86_400} />
          </Form.Item>
          <Form.Item
            name="targetServicePercent"
            label={t('wfm.targetSl')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={99} />
          </Form.Item>
          {model === 'erlang-a' && (
            <Form.Item
              name="patienceSeconds"
              label={t('wfm.patience')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={86_400} />
            </Form.Item>
          )}
          <Form.Item name="shrinkagePercent" label={t('wfm.shrinkage')}>
            <InputNumber min={0} max={99} />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={calc.isPending}
            data-testid="wfm-calculate"
          >
            {t('wfm.calculate')}
          </Button>
        </Form>
        {r && (
          <Descriptions size="small" style={{ marginTop: 12 }} column={5} data-testid="wfm-result">
            <Descriptions.Item label={t('wfm.agents')}>
              <span data-testid="wfm-agents">{r.agents}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('wfm.scheduled')}>{r.scheduledAgents}</Descriptions.Item>
            <Descriptions.Item label={t('wfm.sl')}>{ratioText(r.serviceLevel)}</Descriptions.Item>
            <Descriptions.Item label={t('wfm.asa')}>
              {r.asa === null ? '—' : r.asa.toFixed(1)}
            </Descriptions.Item>
            <Descriptions.Item label={t('wfm.occupancy')}>
              {ratioText(r.occupancy)}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card size="small" title={t('wfm.plan')}>
        <Space style={{ marginBottom: 8 }}>
          <Select
            style={{ width: 200 }}
            value={key}
            onChange={setQueue}
            options={(queues.data ?? []).map((q) => ({ value: q.id, label: q.name }))}
          />
          <DatePicker value={from} allowClear={false} onChange={(d) => d && setFrom(d)} />
        </Space>
        <EChart option={option} height={240} testId="chart-plan" replace />
      </Card>
    </Flex>
  );
}
