import { useQueryClient } from '@tanstack/react-query';
import { Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client.ts';
import type { Case, CaseType } from '../api/types.ts';
import { useReportError } from '../shared/errors.ts';
import { useSession } from '../shell/session.tsx';
import { joinList, missingFor, openStages, stageMoves, type Stage } from './case-rules.ts';
import { DispatchModal } from './DispatchModal.tsx';
import { OperatorRequestButton } from './OperatorRequestModal.tsx';
import { StageMoveModal } from './StageMoveModal.tsx';

/**
 * The moves the stage table allows from here, each disabled with the reason when the type's
 * plan still needs other stages. Replying (→ replied) is the reply form below; dispatching
 * picks a team; back office, who may not dispatch, return the case to processing instead.
 */
export function CaseStageActions({
  kase,
  plan,
  visited,
}: {
  kase: Case;
  plan: CaseType | undefined;
  visited: ReadonlySet<string>;
}) {
  const { t, i18n } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const { user } = useSession();
  const client = useQueryClient();
  const report = useReportError();
  const [moving, setMoving] = useState<Stage | null>(null);
  const [dispatching, setDispatching] = useState(false);
  const stage = kase.stage as Stage;
  const frontline = user?.role !== 'backoffice';
  const open = openStages.includes(stage);

  const call = async (path: string, body: unknown) => {
    try {
      await post(`/api/cases/${kase.id}/${path}`, body);
      void client.invalidateQueries({ queryKey: ['case', kase.id] });
      void client.invalidateQueries({ queryKey: ['cases'] });
      return true;
    } catch (e) {
      report(e);
      return false;
    }
  };
  // Back office verify what was dispatched to them; for the front line it is a return.
  const label = (to: Stage) =>
    stage === 'dispatched' && to === 'verifying'
      ? t(frontline ? 'move.returnToVerify' : 'move.verifying')
      : stage === 'verifying' && to === 'dispatched'
        ? t('move.backToProcessing')
        : t(`move.${to}`);
  // Dispatching is the team picker for the front line; back office may only send a case that
  // was dispatched to them back to processing.
  const moves = stageMoves[stage].filter(
    (to) => to !== 'replied' && !(to === 'dispatched' && (frontline || !kase.dispatchTeamId)),
  );

  return (
    <Space size={6} wrap data-testid="stage-actions">
      {moves.map((to) => {
        const missing = missingFor(to, plan, visited);
        const button = (
          <Button
            key={to}
            size="small"
            danger={to === 'canceled'}
            disabled={missing.length > 0}
            onClick={() => setMoving(to)}
            data-testid={`stage-${to}`}
          >
            {label(to)}
          </Button>
        );
        return missing.length ? (
          <Tooltip
            key={to}
            title={t('case.planMissing', {
              stages: joinList(
                missing.map((s) => tc(`stage.${s}`)),
                i18n.language,
              ),
            })}
          >
            {button}
          </Tooltip>
        ) : (
          button
        );
      })}
      {frontline && (stageMoves[stage].includes('dispatched') || stage === 'dispatched') && (
        <Button
          size="small"
          type="primary"
          onClick={() => setDispatching(true)}
          data-testid="case-dispatch"
        >
          {stage === 'dispatched' ? t('case.redispatch') : t('case.dispatch')}
        </Button>
      )}
      {frontline && open && kase.assigneeId !== user?.id && (
        <Button
          size="small"
          onClick={() => void call('assign', { assigneeId: user?.id })}
          data-testid="case-assign-me"
        >
          {t('case.assignMe')}
        </Button>
      )}
      {open && (
        <Button size="small" onClick={() => void call('urge', {})} data-testid="case-urge">
          {t('case.urge')}
        </Button>
      )}
      {open && <OperatorRequestButton kase={kase} />}
      <StageMoveModal
        to={moving}
        title={moving ? label(moving) : ''}
        onClose={() => setMoving(null)}
        onConfirm={async ({ note, satisfaction }) => {
          const to = moving;
          if (!to) return;
          const ok =
            to === 'closed'
              ? await call('close', { note, satisfaction })
              : to === 'accepted'
                ? await call('reopen', { note })
                : await call('transition', { to, note });
          if (ok) setMoving(null);
        }}
      />
      <DispatchModal
        open={dispatching}
        currentTeamId={kase.dispatchTeamId}
        onClose={() => setDispatching(false)}
        onConfirm={async (v) => {
          if (await call('dispatch', v)) setDispatching(false);
        }}
      />
    </Space>
  );
}
