import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaReading } from './agent-types.ts';
import { formatDateTime, formatMinutes } from '../shared/format.ts';

const color: Record<SlaReading['state'], string> = {
  ok: 'green',
  warning: 'orange',
  breached: 'red',
  met: 'default',
  none: 'default',
};

/** One SLA clock: green while in time, amber near the end, red once breached. */
export function SlaTag({ label, reading }: { label: string; reading: SlaReading }) {
  const { t, i18n } = useTranslation('agent');
  if (reading.state === 'none') return null;
  const left =
    reading.remainingMinutes === null
      ? ''
      : reading.remainingMinutes < 0
        ? t('sla.overdueBy', { time: formatMinutes(-reading.remainingMinutes, i18n.language) })
        : t('sla.left', { time: formatMinutes(reading.remainingMinutes, i18n.language) });
  return (
    <Tooltip
      title={
        reading.dueAt
          ? t('sla.due', { at: formatDateTime(reading.dueAt, i18n.language) })
          : undefined
      }
    >
      <Tag color={color[reading.state]} data-testid="sla" data-state={reading.state}>
        {label}: {t(`sla.state.${reading.state}`)}
        {reading.state !== 'met' && left ? ` · ${left}` : ''}
      </Tag>
    </Tooltip>
  );
}
