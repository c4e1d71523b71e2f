import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { nextInterval, timeSlots } from './campaign-form.ts';
import type { Interval, Weekday } from './campaign-types.ts';

const starts = timeSlots.slice(0, -1).map((v) => ({ value: v, label: v }));
const ends = timeSlots.slice(1).map((v) => ({ value: v, label: v }));

/**
 * One weekday's dialing windows as a form control: several start–end intervals, each picked
 * on a 15-minute grid ('24:00' ends the day); none means no dialing that day. Overlaps are
 * left to the server, whose error is shown on this control.
 */
export function DayWindowsInput(p: {
  day: Weekday;
  value?: Interval[];
  onChange?: (v: Interval[]) => void;
}) {
  const { t } = useTranslation('campaigns');
  const list = p.value ?? [];
  const set = (i: number, patch: Partial<Interval>) =>
    p.onChange?.(list.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  return (
    <Space wrap size={[12, 4]} data-testid={`windows-${p.day}`}>
      {list.length === 0 && (
        <Typography.Text type="secondary">{t('form.noDialing')}</Typography.Text>
      )}
      {list.map((w, i) => (
        <Space.Compact key={i} size="small">
          <Select
            size="small"
            showSearch
            value={w.start}
            options={starts}
            style={{ width: 82 }}
            onChange={(v: string) => set(i, { start: v })}
            data-testid={`window-${p.day}-${i}-start`}
          />
          <Select
            size="small"
            showSearch
            value={w.end}
            options={ends}
            style={{ width: 82 }}
            onChange={(v: string) => set(i, { end: v })}
            data-testid={`window-${p.day}-${i}-end`}
          />
          <Button
            size="small"
            icon={<DeleteOutlined />}
            aria-label={t('form.removeWindow')}
            onClick={() => p.onChange?.(list.filter((_, j) => j !== i))}
            data-testid={`window-${p.day}-${i}-remove`}
          />
        </Space.Compact>
      ))}
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        onClick={() => p.onChange?.([...list, nextInterval(list)])}
        data-testid={`window-${p.day}-add`}
      >
        {t('form.addWindow')}
      </Button>
    </Space>
  );
}
