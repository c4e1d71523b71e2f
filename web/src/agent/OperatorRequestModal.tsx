import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client.ts';
import type { Case } from '../api/types.ts';
import { useReportError } from '../shared/errors.ts';

const orderKinds = ['open_service', 'close_service', 'report_lost_sim', 'change_plan'] as const;
type OrderKind = (typeof orderKinds)[number];

/**
 * Asks the operator's systems for the case: a service-request case places a BOSS order (open or
 * close a service, report a lost SIM, change plan), a fault-report case opens an NMS fault
 * ticket. The case follows the request; its status changes appear in the history.
 */
export function OperatorRequestButton({ kase }: { kase: Case }) {
  const { t } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const report = useReportError();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<OrderKind>('open_service');
  const [code, setCode] = useState('');
  const [location, setLocation] = useState('');
  const [symptom, setSymptom] = useState('');
  const boss = kase.type === 'service_request';
  if (!boss && kase.type !== 'fault_report') return null;
  if (!kase.customerId || kase.stage === 'closed' || kase.stage === 'canceled') return null;
  const needsCode = kind !== 'report_lost_sim';
  const ready = boss ? !needsCode || code.trim() !== '' : location.trim() && symptom.trim();

  const submit = async () => {
    setBusy(true);
    try {
      if (boss)
        await post(`/api/cases/${kase.id}/boss-orders`, {
          kind,
          ...(kind === 'change_plan' ? { planCode: code.trim() } : {}),
          ...(kind === 'open_service' || kind === 'close_service'
            ? { serviceCode: code.trim() }
            : {}),
        });
      else
        await post(`/api/cases/${kase.id}/nms-tickets`, {
          location: location.trim(),
          symptom: symptom.trim(),
        });
      void client.invalidateQueries({ queryKey: ['case', kase.id] });
      setOpen(false);
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="operator-request">
        {boss ? t('operator.placeOrder') : t('operator.openTicket')}
      </Button>
      <Modal
        open={open}
        title={boss ? t('operator.placeOrder') : t('operator.openTicket')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okText={boss ? t('operator.place') : t('operator.open')}
        cancelText={tc('cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: !ready, 'data-testid': 'operator-request-confirm' }}
      >
        <Form layout="vertical">
          {boss ? (
            <>
              <Form.Item label={t('operator.kind')}>
                <Select
                  value={kind}
                  onChange={setKind}
                  data-testid="operator-order-kind"
                  options={orderKinds.map((k) => ({ value: k, label: t(`operator.kind_${k}`) }))}
                />
              </Form.Item>
              {needsCode && (
                <Form.Item
                  label={
                    kind === 'change_plan' ? t('operator.planCode') : t('operator.serviceCode')
                  }
                >
                  <Input
                    value={code}
                    onChange={(e) => setCode(e.target.value)}
                    maxLength={40}
                    data-testid="operator-order-code"
                  />
                </Form.Item>
              )}
            </>
          ) : (
            <>
              <Form.Item label={t('operator.location')}>
                <Input
                  value={location}
                  onChange={(e) => setLocation(e.target.value)}
                  maxLength={200}
                  data-testid="operator-ticket-location"
                />
              </Form.Item>
              <Form.Item label={t('operator.symptom')}>
                <Input.TextArea
                  value={symptom}
                  onChange={(e) => setSymptom(e.target.value)}
                  maxLength={1000}
                  autoSize={{ minRows: 2, maxRows: 5 }}
                  data-testid="operator-ticket-symptom"
                />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
