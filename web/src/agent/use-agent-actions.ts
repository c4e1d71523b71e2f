/**
 * What the agent does, shared by buttons and keyboard shortcuts: each action calls the API,
 * refreshes the reads it changed and reports a failure as a toast (by its error code).
 */
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, post } from '../api/client.ts';
import type { AgentStatus } from '../api/types.ts';
import { useReportError } from '../shared/errors.ts';
import type { AgentTask, Call, Target } from './agent-types.ts';
import type { CallCommand } from './call-actions.ts';
import type { Softphone } from '../shared/use-softphone.ts';

export type AgentActions = ReturnType<typeof useAgentActions>;

export function useAgentActions(me: AgentStatus | undefined, softphone: Softphone | null) {
  const client = useQueryClient();
  const report = useReportError();
  const { message } = App.useApp();
  const { t } = useTranslation('agent');

  /**
   * Runs `fn`; on success refreshes `keys` and returns the result, on failure reports it (unless
   * `handled` says the caller shows that failure itself).
   */
  async function run<T>(
    fn: () => Promise<T>,
    keys: QueryKey[] = [['me']],
    handled: (e: unknown) => boolean = () => false,
  ): Promise<T | null> {
    try {
      const r = await fn();
      for (const k of keys) void client.invalidateQueries({ queryKey: k });
      return r;
    } catch (e) {
      if (!handled(e)) report(e);
      return null;
    }
  }

  /** The softphone leg ringing for a voice offer (matched by contact). */
  const legFor = (task: AgentTask) =>
    softphone?.ringing.find((r) => r.contactId === task.attributes['contactId']) ??
    (softphone?.ringing.length === 1 ? softphone.ringing[0] : undefined);

  const state = (body: { state: 'available' | 'away' | 'offline'; reason?: string }) =>
    run(() => api('PUT', '/api/agent/state', body));

  return {
    /** Logs in; `handled` may take a refusal (a phone in use) to show it in the login form. */
    login: (
      body: { extension: string } | { softphone: true } | { seatId: string },
      handled?: (e: unknown) => boolean,
    ) => run(() => post('/api/agent/session', body), [['me']], handled),
    logout: () => run(() => api('DELETE', '/api/agent/session')),
    setAvailable: () => state({ state: 'available' }),
    setAway: (reason: string) => state({ state: 'away', reason }),
    extendWrapUp: (seconds: number) => run(() => post('/api/agent/wrapup/extend', { seconds })),
    /** Ends wrap-up: completes the task being wrapped (the agent becomes available). */
    wrapUpDone: (code: string | null) => {
      const taskId = me?.session?.wrapUp?.taskId;
      return taskId
        ? run(() => post(`/api/tasks/${taskId}/complete`, { wrapUpCode: code }))
        : state({ state: 'available' });
    },
    completeTask: (taskId: string, code: string | null) =>
      run(() => post(`/api/tasks/${taskId}/complete`, { wrapUpCode: code })),
    wrapTask: (taskId: string) => run(() => post(`/api/tasks/${taskId}/wrap`)),
    transferTask: (taskId: string, to: { queueId: string } | { agentId: string }) =>
      run(() => post(`/api/tasks/${taskId}/transfer`, to)),
    endChat: (contactId: string) => run(() => post(`/api/contacts/${contactId}/end`)),
    /** Takes an offer; a call ringing in the browser is answered there (that accepts it). */
    accept: async (task: AgentTask): Promise<boolean> => {
      if (task.channel === 'voice') {
        const leg = legFor(task);
        const phone = softphone;
        if (!leg || !phone) {
          void message.info(t('offer.answerOnPhone'));
          return false;
        }
        const ok = await run(async () => {
          await phone.answer(leg.legId);
          return true;
        });
        return ok === true;
      }
      const id = task.reservation?.id;
      if (!id) return false;
      return (await run(() => post(`/api/reservations/${id}/accept`))) !== null;
    },
    reject: (task: AgentTask) => {
      const id = task.reservation?.id;
      return id ? run(() => post(`/api/reservations/${id}/reject`)) : Promise.resolve(null);
    },
    callCommand: (call: Call, command: CallCommand, body?: Target | { digits: string }) =>
      run(() => post(`/api/calls/${call.id}/${command}`, body ?? {}), [['calls'], ['me']]),
    /** Click-to-dial; a call-back or a dialer preview record carries its case or campaign. */
    dial: (
      number: string,
      link: { caseId?: string; campaignId?: string; recordId?: string; taskId?: string } = {},
    ) => run(() => post('/api/calls', { number, ...link }), [['calls'], ['me']]),
  };
}
