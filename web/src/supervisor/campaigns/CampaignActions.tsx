import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../shared/errors.ts';
import { post } from '../http.ts';
import { campaignPath, useCampaignRefresh } from './campaign-queries.ts';
import { canDo, type CampaignAction } from './campaign-moves.ts';
import type { Campaign } from './campaign-types.ts';

/**
 * Start (or resume), pause and stop, each enabled only where the state machine allows it; stop
 * is final and asks first. A refusal shows the server's problem.
 */
export function CampaignActions({
  campaign: c,
  testId = `campaign-${c.id}`,
}: {
  campaign: Campaign;
  /** Prefix of the buttons' test ids (the list and the drawer show the same campaign). */
  testId?: string;
}) {
  const { t } = useTranslation('campaigns');
  const { message } = App.useApp();
  const reportError = useReportError();
  const refresh = useCampaignRefresh();
  const [busy, setBusy] = useState<CampaignAction | null>(null);
  const run = async (action: CampaignAction) => {
    setBusy(action);
    try {
      await post(campaignPath(c.id, `/${action}`));
      void message.success(t(`done.${action}`, { name: c.name }));
      await refresh(c.id);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };
  const button = (action: CampaignAction, label: string, onClick?: () => void) => (
    <Button
      size="small"
      type="link"
      danger={action === 'stop'}
      disabled={!canDo(c.state, action)}
      loading={busy === action}
      onClick={onClick}
      data-testid={`${testId}-${action}`}
    >
      {label}
    </Button>
  );
  return (
    <Space size={0}>
      {button(
        'start',
        c.state === 'paused' ? t('action.resume') : t('action.start'),
        () => void run('start'),
      )}
      {button('pause', t('action.pause'), () => void run('pause'))}
      {canDo(c.state, 'stop') ? (
        <Popconfirm
          title={t('confirmStop', { name: c.name })}
          okText={t('action.stop')}
          okButtonProps={{ danger: true, 'data-testid': `${testId}-stop-ok` }}
          onConfirm={() => run('stop')}
        >
          {button('stop', t('action.stop'))}
        </Popconfirm>
      ) : (
        button('stop', t('action.stop'))
      )}
    </Space>
  );
}
