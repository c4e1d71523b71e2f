import { App, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CrudSection } from '../admin/CrudSection.tsx';
import { FormModal } from '../admin/FormModal.tsx';
import { del, post, put } from '../admin/problem-api.ts';
import { useRefresh, useTeams } from '../admin/queries.ts';
import { useEditor } from '../admin/useEditor.ts';
import { useSeats } from './queries.ts';
import './texts.ts';
import type { Seat } from './types.ts';

type Values = { name: string; zone: string; floor?: string; teamId?: string | null };

/** Seats (位置): where agents sit, by floor and zone; phones are bound to them. */
export function SeatsSection() {
  const { t } = useTranslation('resources');
  const { t: ta } = useTranslation('admin');
  const { message } = App.useApp();
  const seats = useSeats();
  const teams = useTeams();
  const refresh = useRefresh();
  const ed = useEditor<Seat>();
  const teamName = new Map((teams.data ?? []).map((x) => [x.id, x.name]));
  const save = async (v: Values) => {
    const body = { name: v.name, zone: v.zone, floor: v.floor ?? '', teamId: v.teamId ?? null };
    if (ed.row) await put(`/api/resources/seats/${encodeURIComponent(ed.row.id)}`, body);
    else await post('/api/resources/seats', body);
    void message.success(ta('saved'));
    await refresh('res-seats');
  };
  return (
    <>
      <CrudSection<Seat>
        testId="seats"
        title={t('menu.seats')}
        rows={seats.data}
        loading={seats.isLoading}
        rowKey={(x) => x.name}
        onCreate={ed.create}
        onEdit={ed.edit}
        onDelete={async (x) => {
          await del(`/api/resources/seats/${encodeURIComponent(x.id)}`);
          await refresh('res-seats');
        }}
        columns={[
          { title: t('seat.name'), dataIndex: 'name', width: 160 },
          { title: t('seat.zone'), dataIndex: 'zone', width: 140 },
          { title: t('seat.floor'), dataIndex: 'floor', width: 100 },
          {
            title: t('seat.team'),
            dataIndex: 'teamId',
            render: (id: string | null) => (id ? (teamName.get(id) ?? '') : ''),
          },
        ]}
      />
      <FormModal<Values>
        testId="seat-form"
        open={ed.open}
        title={ed.row?.name ?? t('menu.seats')}
        initial={ed.row ?? { floor: '' }}
        onClose={ed.close}
        onSubmit={save}
      >
        <Form.Item
          name="name"
          label={t('seat.name')}
          rules={[{ required: true, message: ta('required') }]}
        >
          <Input maxLength={60} data-testid="seat-name" />
        </Form.Item>
        <Form.Item
          name="zone"
          label={t('seat.zone')}
          rules={[{ required: true, message: ta('required') }]}
        >
          <Input maxLength={40} data-testid="seat-zone" />
        </Form.Item>
        <Form.Item name="floor" label={t('seat.floor')}>
          <Input maxLength={40} data-testid="seat-floor" />
        </Form.Item>
        <Form.Item name="teamId" label={t('seat.team')}>
          <Select
            allowClear
            data-testid="seat-team"
            options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
      </FormModal>
    </>
  );
}
