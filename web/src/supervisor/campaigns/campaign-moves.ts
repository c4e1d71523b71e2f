/**
 * What a supervisor may do to a campaign in each state, mirroring the server's state machine
 * (src/domain/dialer/campaign.ts): buttons for illegal moves are disabled rather than refused.
 */
import type { CampaignState } from './campaign-types.ts';

export type CampaignAction = 'start' | 'pause' | 'stop';

export const campaignActions: readonly CampaignAction[] = ['start', 'pause', 'stop'];

const legal: Record<CampaignState, readonly CampaignAction[]> = {
  draft: ['start', 'stop'],
  running: ['pause', 'stop'],
  paused: ['start', 'stop'],
  completed: [],
  stopped: [],
};

/** Is `action` legal for a campaign in `state`? */
export const canDo = (state: CampaignState, action: CampaignAction): boolean =>
  legal[state].includes(action);

/** Settings can change until the campaign has ended. */
export const isEditable = (state: CampaignState): boolean =>
  state !== 'completed' && state !== 'stopped';

/** Tag colours of the campaign states. */
export const campaignStateColor: Record<CampaignState, string> = {
  draft: 'default',
  running: 'processing',
  paused: 'warning',
  completed: 'success',
  stopped: 'error',
};

/** Tag colours of the record states. */
export const recordStateColor: Record<string, string> = {
  pending: 'default',
  dialing: 'processing',
  connected: 'processing',
  busy: 'warning',
  no_answer: 'warning',
  failed: 'error',
  abandoned: 'error',
  done: 'success',
  exhausted: 'default',
  dnc_blocked: 'magenta',
};
