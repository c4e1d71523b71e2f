import { Alert, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import './texts.ts';
import type { Alarm } from './types.ts';

/**
 * Active resource alarms as sentences (who, which phone or trunk), critical first. Used on the
 * wallboard (from the realtime snapshot) and the resource board.
 */
export function AlarmList({
  alarms,
  agentName,
  showEmpty = true,
}: {
  alarms: readonly Alarm[];
  agentName: (id: string) => string;
  showEmpty?: boolean;
}) {
  const { t } = useTranslation('resources');
  if (alarms.length === 0)
    return showEmpty ? (
      <Typography.Text type="secondary" data-testid="alarms-none">
        {t('board.noAlarms')}
      </Typography.Text>
    ) : null;
  const sorted = [...alarms].sort((a, b) =>
    a.severity === b.severity ? a.key.localeCompare(b.key) : a.severity === 'critical' ? -1 : 1,
  );
  return (
    <Flex vertical gap={4} data-testid="alarms">
      {sorted.map((a) => (
        <Alert
          key={a.key}
          type={a.severity === 'critical' ? 'error' : 'warning'}
          showIcon
          data-testid={`alarm-${a.kind}-${a.subjectId}`}
          title={t(`alarm.${a.kind}`, {
            ...a.detail,
            agent: a.agentId ? agentName(a.agentId) : '',
            node: a.subjectId,
          })}
        />
      ))}
    </Flex>
  );
}
