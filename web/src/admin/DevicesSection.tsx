import { useQuery } from '@tanstack/react-query';
import { App, Form, Input, Select, Switch, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { CrudSection } from './CrudSection.tsx';
import { FormModal } from './FormModal.tsx';
import { del, get, put } from './problem-api.ts';
import { useRefresh } from './queries.ts';
import type { Device } from './types.ts';
import { useEditor } from './useEditor.ts';
import { useSeats } from '../resources/queries.ts';
import '../resources/texts.ts';

interface Values {
  extension: string;
  displayName?: string;
  password: string;
  enabled: boolean;
  kind: Device['kind'];
  seatId?: string | null;
}

/** SIP phones by extension, with where each is registered from and whether it answers. */
export function DevicesSection() {
  const { t } = useTranslation('admin');
  const { t: tr } = useTranslation('resources');
  const { message } = App.useApp();
  const seats = useSeats();
  const seatName = new Map((seats.data ?? []).map((s) => [s.id, s.name]));
  const devices = useQuery({
    queryKey: ['adm-devices'],
    queryFn: () => get<Device[]>('/api/devices'),
  });
  const refresh = useRefresh();
  const ed = useEditor<Device>();
  const save = async (v: Values) => {
    // PUT replaces the device; the password is always given (only its digests are stored).
    await put(`/api/devices/${encodeURIComponent(ed.row?.extension ?? v.extension)}`, {
      password: v.password,
      enabled: v.enabled,
      kind: v.kind,
      seatId: v.seatId ?? null,
      ...(v.displayName?.trim() ? { displayName: v.displayName.trim() } : {}),
    });
    void message.success(t('saved'));
    await refresh('adm-devices');
  };
  return (
    <>
      <CrudSection<Device>
        testId="devices"
        title={t('menu.devices')}
        rows={devices.data}
        loading={devices.isLoading}
        rowKey={(d) => d.extension}
        onCreate={ed.create}
        onEdit={ed.edit}
        onDelete={async (d) => {
          await del(`/api/devices/${encodeURIComponent(d.extension)}`);
          await refresh('adm-devices');
        }}
        columns={[
          { title: t('device.extension'), dataIndex: 'extension', width: 100 },
          { title: t('device.displayName'), dataIndex: 'displayName', width: 200 },
          {
            title: t('device.kind'),
            dataIndex: 'kind',
            width: 100,
            render: (k: string) => tr(`phone.kind.${k}`),
          },
          {
            title: t('device.seat'),
            dataIndex: 'seatId',
            width: 90,
            render: (id: string | null) => (id ? (seatName.get(id) ?? '') : ''),
          },
          {
            title: t('device.enabled'),
            dataIndex: 'enabled',
            width: 80,
            render: (v: boolean) => (v ? t('yes') : t('no')),
          },
          {
            title: t('device.registrations'),
            dataIndex: 'registrations',
            render: (regs: Device['registrations']) =>
              regs.length === 0 ? (
                <Tag>{t('device.unregistered')}</Tag>
              ) : (
                regs.map((r) => (
                  <Tooltip key={r.contact} title={r.userAgent ?? r.contact}>
                    <Tag color={r.reachable === false ? 'red' : 'green'}>
                      {r.source} ·{' '}
                      {r.reachable === false ? t('device.unreachable') : t('device.reachable')}
                      {r.rttMs !== null ? ` · ${r.rttMs} ms` : ''}
                    </Tag>
                  </Tooltip>
                ))
              ),
          },
        ]}
      />
      <FormModal<Values>
        testId="device-form"
        open={ed.open}
        title={ed.row ? `${ed.row.extension} ${ed.row.displayName}` : t('menu.devices')}
        initial={ed.row ? { ...ed.row, password: '' } : { enabled: true, kind: 'desk_phone' }}
        onClose={ed.close}
        onSubmit={save}
      >
        <Form.Item
          name="extension"
          label={t('device.extension')}
          rules={[{ required: true, pattern: /^[0-9]{2,12}$/, message: t('required') }]}
        >
          <Input disabled={!ed.isNew} maxLength={12} />
        </Form.Item>
        <Form.Item name="displayName" label={t('device.displayName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('device.password')}
          extra={t('device.passwordHint')}
          rules={[{ required: true, min: 8, message: t('device.passwordHint') }]}
        >
          <Input.Password maxLength={128} autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="kind" label={t('device.kind')}>
          <Select
            data-testid="device-kind"
            options={(['desk_phone', 'softphone'] as const).map((k) => ({
              value: k,
              label: tr(`phone.kind.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="seatId" label={t('device.seat')}>
          <Select
            allowClear
            data-testid="device-seat"
            options={(seats.data ?? []).map((s) => ({
              value: s.id,
              label: `${s.name} · ${s.zone}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="enabled" label={t('device.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </FormModal>
    </>
  );
}
