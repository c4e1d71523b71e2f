import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDuration } from './format.ts';
import type { SlaReading } from './types.ts';

/** One SLA clock: time left (or late) in business time, the due instant on hover. */
export function SlaCell({ reading }: { reading: SlaReading }) {
  const { t } = useTranslation('supervisor');
  if (reading.state === 'none' || reading.remainingMinutes === null || !reading.dueAt)
    return <>–</>;
  const minutes = reading.remainingMinutes;
  const late = reading.state === 'breached';
  const text = late
    ? t('case.late', { time: formatDuration(t, Math.max(-minutes, 0) * 60) })
    : t('case.remaining', { time: formatDuration(t, minutes * 60) });
  return (
    <Tooltip title={new Date(reading.dueAt).toLocaleString()}>
      <Typography.Text type={late ? 'danger' : reading.state === 'warning' ? 'warning' : undefined}>
        {text}
      </Typography.Text>
    </Tooltip>
  );
}
