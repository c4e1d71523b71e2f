import { App, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { CrudSection } from './CrudSection.tsx';
import { FormModal } from './FormModal.tsx';
import { del, patch, post } from './problem-api.ts';
import { useCalendars, useRefresh } from './queries.ts';
import { weekdays, type Calendar } from './types.ts';
import { useEditor } from './useEditor.ts';

type Day = (typeof weekdays)[number];
interface Values {
  name: string;
  timeZone: string;
  /** One text per weekday: "09:00-12:00, 13:30-18:00". */
  weekly: Partial<Record<Day, string>>;
  holidays: string[];
}

const hoursPattern =
  /^\s*(\d{2}:\d{2}\s*-\s*\d{2}:\d{2}\s*(,\s*\d{2}:\d{2}\s*-\s*\d{2}:\d{2}\s*)*)?$/;
const toText = (list: { start: string; end: string }[] | undefined) =>
  (list ?? []).map((i) => `${i.start}-${i.end}`).join(', ');
const toIntervals = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => {
      const [start = '', end = ''] = x.split('-').map((y) => y.trim());
      return { start, end };
    });

/**
 * Business calendars for SLA clocks: weekly hours, holidays and the time zone. Make-up workdays
 * (调休) are kept as they are when a calendar is edited here.
 */
export function CalendarsSection() {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const calendars = useCalendars();
  const refresh = useRefresh();
  const ed = useEditor<Calendar>();
  const save = async (v: Values) => {
    const body = {
      name: v.name,
      timeZone: v.timeZone,
      weekly: Object.fromEntries(weekdays.map((d) => [d, toIntervals(v.weekly?.[d])])),
      holidays: v.holidays ?? [],
    };
    if (ed.row) await patch(`/api/calendars/${encodeURIComponent(ed.row.id)}`, body);
    else await post('/api/calendars', { ...body, specialDays: [] });
    void message.success(t('saved'));
    await refresh('adm-calendars');
  };
  const initial: Partial<Values> = ed.row
    ? {
        name: ed.row.name,
        timeZone: ed.row.timeZone,
        weekly: Object.fromEntries(weekdays.map((d) => [d, toText(ed.row?.weekly[d])])),
        holidays: ed.row.holidays,
      }
    : {
        timeZone: 'Asia/Shanghai',
        weekly: Object.fromEntries(
          weekdays.map((d) => [d, d === 'sat' || d === 'sun' ? '' : '09:00-12:00, 13:30-18:00']),
        ),
        holidays: [],
      };
  return (
    <>
      <CrudSection<Calendar>
        testId="calendars"
        title={t('menu.calendars')}
        rows={calendars.data}
        loading={calendars.isLoading}
        rowKey={(c) => c.id}
        onCreate={ed.create}
        onEdit={ed.edit}
        onDelete={async (c) => {
          await del(`/api/calendars/${encodeURIComponent(c.id)}`);
          await refresh('adm-calendars');
        }}
        columns={[
          { title: t('calendar.name'), dataIndex: 'name', width: 240, ellipsis: true },
          { title: t('calendar.timeZone'), dataIndex: 'timeZone', width: 130 },
          {
            title: t('calendar.weekly'),
            dataIndex: 'weekly',
            ellipsis: true,
            render: (w: Calendar['weekly']) =>
              weekdays
                .filter((d) => (w[d] ?? []).length > 0)
                .map((d) => `${t(`day.${d}`)} ${toText(w[d])}`)
                .join('; '),
          },
          {
            title: t('calendar.holidays'),
            dataIndex: 'holidays',
            width: 90,
            render: (h: string[]) => h.length,
          },
          {
            title: t('calendar.specialDays'),
            dataIndex: 'specialDays',
            width: 110,
            render: (s: unknown[]) => t('calendar.specialCount', { count: s.length }),
          },
        ]}
      />
      <FormModal<Values>
        testId="calendar-form"
        open={ed.open}
        title={ed.row?.name ?? t('menu.calendars')}
        initial={initial}
        onClose={ed.close}
        onSubmit={save}
        width={620}
      >
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item
              name="name"
              label={t('calendar.name')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Input maxLength={100} data-testid="calendar-name" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="timeZone"
              label={t('calendar.timeZone')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Input maxLength={64} data-testid="calendar-time-zone" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label={t('calendar.weekly')}
          extra={t('calendar.hoursHint')}
          style={{ marginBottom: 8 }}
        >
          {weekdays.map((d) => (
            <Form.Item
              key={d}
              name={['weekly', d]}
              rules={[{ pattern: hoursPattern, message: t('calendar.badHours') }]}
              style={{ marginBottom: 4 }}
            >
              <Input
                data-testid={`calendar-weekly-${d}`}
                prefix={
                  <span style={{ display: 'inline-block', width: 36, color: '#888' }}>
                    {t(`day.${d}`)}
                  </span>
                }
              />
            </Form.Item>
          ))}
        </Form.Item>
        <Form.Item
          name="holidays"
          label={t('calendar.holidays')}
          extra={t('calendar.holidaysHint')}
        >
          <Select
            mode="tags"
            tokenSeparators={[',', ' ']}
            open={false}
            data-testid="calendar-holidays"
          />
        </Form.Item>
      </FormModal>
    </>
  );
}
