import { AudioOutlined, DownOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AgentStatus } from '../api/types.ts';
import { stateColor } from './colors.ts';
import { AgentLogin } from './AgentLogin.tsx';
import { useReasonCodes } from './queries.ts';
import { ShortcutHelp } from './ShortcutHelp.tsx';
import type { Shortcut } from './shortcuts.ts';
import { formatDuration, secondsSince, useNow } from './time.ts';
import type { AgentActions } from './use-agent-actions.ts';
import type { Softphone } from '../shared/use-softphone.ts';
import { WrapUpControl } from './WrapUpControl.tsx';

const phoneColor: Record<string, string> = {
  idle: 'green',
  ringing: 'gold',
  connected: 'blue',
  offline: 'red',
  loading: 'default',
};

/**
 * The agent's router session at a glance: state with reason and time in state, ready / not
 * ready, the wrap-up countdown, the phone in use, log in and out, and the shortcut help.
 */
export function StateBar({
  me,
  actions,
  softphone,
  shortcuts,
}: {
  me: AgentStatus | undefined;
  actions: AgentActions;
  softphone: Softphone | null;
  shortcuts: readonly Shortcut[];
}) {
  const { t, i18n } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const now = useNow();
  const reasons = useReasonCodes();
  const s = me?.session ?? null;
  const zh = i18n.language === 'zh-CN';
  const reasonLabel = (code: string | null | undefined) => {
    const r = reasons.data?.find((x) => x.code === code);
    return r ? (zh ? r.labelZh : r.label) : (code ?? '');
  };
  const awayItems = (reasons.data ?? [])
    .filter((r) => r.active && !r.systemOnly)
    .map((r) => ({
      key: r.code,
      label: zh ? r.labelZh : r.label,
      'data-testid': `away-${r.code}`,
    }));

  return (
    <div
      data-testid="state-bar"
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        padding: '6px 12px',
        background: '#fff',
        borderRadius: 4,
        minHeight: 44,
        flexWrap: 'wrap',
      }}
    >
      {!s ? (
        <>
          <Tag data-testid="agent-state">{tc('state.offline')}</Tag>
          <Typography.Text type="secondary">{t('login.hint')}</Typography.Text>
          <AgentLogin actions={actions} />
        </>
      ) : (
        <>
          <Space size={4}>
            <Tag color={stateColor[s.displayState]} data-testid="agent-state">
              {tc(`state.${s.displayState}`)}
              {s.state === 'away' && s.reason ? ` · ${reasonLabel(s.reason)}` : ''}
            </Tag>
            <Tooltip title={t('bar.timeInState')}>
              <Typography.Text type="secondary" data-testid="time-in-state">
                {formatDuration(secondsSince(s.since, now))}
              </Typography.Text>
            </Tooltip>
            {s.pendingAway && (
              <Tag color="gold">
                {t('bar.pendingAway', { reason: reasonLabel(s.pendingAway.reason) })}
              </Tag>
            )}
          </Space>
          <Space size={4}>
            <Button
              size="small"
              type={s.state === 'available' ? 'default' : 'primary'}
              disabled={s.state === 'available'}
              onClick={() => void actions.setAvailable()}
              data-testid="state-available"
            >
              {t('bar.ready')}
            </Button>
            <Dropdown
              trigger={['click']}
              menu={{ items: awayItems, onClick: (e) => void actions.setAway(e.key) }}
            >
              <Button size="small" data-testid="state-away">
                {t('bar.notReady')} <DownOutlined />
              </Button>
            </Dropdown>
          </Space>
          {s.state === 'wrapup' && s.wrapUp && (
            <WrapUpControl wrapUp={s.wrapUp} actions={actions} />
          )}
          <span style={{ flex: 1 }} />
          <Tooltip title={s.softphone ? t('bar.softphoneHint') : t('bar.deskPhoneHint')}>
            {s.softphone ? (
              <Tag
                icon={<AudioOutlined />}
                color={phoneColor[softphone?.state ?? 'loading']}
                data-testid="softphone-state"
              >
                {t(`phone.${softphone?.state ?? 'loading'}`)}
              </Tag>
            ) : (
              <Tag icon={<PhoneOutlined />}>{t('bar.extension', { ext: s.extension })}</Tag>
            )}
          </Tooltip>
          <Button size="small" onClick={() => void actions.logout()} data-testid="agent-logout">
            {t('bar.logout')}
          </Button>
        </>
      )}
      {!s && <span style={{ flex: 1 }} />}
      <ShortcutHelp shortcuts={shortcuts} />
    </div>
  );
}
