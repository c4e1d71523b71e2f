import { Button, Select, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentSession } from './agent-types.ts';
import { formatDuration, useNow } from './time.ts';
import type { AgentActions } from './use-agent-actions.ts';
import { wrapUpCodes } from './wrap-codes.ts';

/** The wrap-up countdown with extend and done (done completes the task with a wrap-up code). */
export function WrapUpControl({
  wrapUp,
  actions,
}: {
  wrapUp: NonNullable<AgentSession['wrapUp']>;
  actions: AgentActions;
}) {
  const { t } = useTranslation('agent');
  const now = useNow();
  const [code, setCode] = useState<string>('resolved');
  const left = (Date.parse(wrapUp.endsAt) - now) / 1000;
  return (
    <Space size={4}>
      <Tooltip title={t('wrapup.countdownHint')}>
        <Tag color={left < 10 ? 'red' : 'purple'} data-testid="wrapup-countdown">
          {t('wrapup.left', { time: formatDuration(left) })}
        </Tag>
      </Tooltip>
      <Button
        size="small"
        onClick={() => void actions.extendWrapUp(30)}
        disabled={wrapUp.extendedBy >= 600}
        data-testid="wrapup-extend"
      >
        +30s
      </Button>
      <Select
        size="small"
        value={code}
        onChange={setCode}
        style={{ width: 120 }}
        aria-label={t('wrapup.code')}
        options={wrapUpCodes.map((c) => ({ value: c, label: t(`wrapCode.${c}`) }))}
      />
      <Button
        size="small"
        type="primary"
        onClick={() => void actions.wrapUpDone(code)}
        data-testid="wrapup-done"
      >
        {t('wrapup.done')}
      </Button>
    </Space>
  );
}
