/**
 * Puts the outbound dialer on the switch: the campaign lines (calls through the trunk, answered
 * customers to the campaign's agents), the dialer's decisions (DialerService) and the loop that
 * paces every running campaign.
 */
import type { AppDeps } from '../../app/app-context.ts';
import { DialerLoop, type DialerLoopOptions } from '../../app/dialer/dialer-loop.ts';
import { DialerService, type DialerOptions } from '../../app/dialer/dialer-service.ts';
import type { RouterService } from '../../app/routing/router-service.ts';
import { CallbackScheduler, e164CallerId } from '../../app/dialer/callback-scheduler.ts';
import type { CampaignService } from '../../app/dialer/campaign-service.ts';
import { generalQueueId } from '../../app/seed/bootstrap.ts';
import { CampaignLines, type CampaignLinesOptions } from './campaign-lines.ts';
import type { Voice } from './start-voice.ts';

export type DialingOptions = DialerOptions &
  CampaignLinesOptions &
  DialerLoopOptions & {
    /** Where call-backs without a queue (from cases) go; default: the general queue. */
    readonly callbackQueueId?: string;
  };

export interface Dialing {
  readonly lines: CampaignLines;
  readonly service: DialerService;
  readonly loop: DialerLoop;
  /** Null without an outbound trunk with a fixed caller ID: call-backs stay agent tasks. */
  readonly callbacks: CallbackScheduler | null;
  stop(): Promise<void>;
}

export async function startDialer(
  deps: AppDeps,
  router: RouterService,
  campaigns: CampaignService,
  voice: Voice,
  o: DialingOptions = {},
): Promise<Dialing> {
  const log = o.log ?? (() => {});
  const lines = new CampaignLines(
    {
      sw: voice.sw,
      center: voice.center,
      router,
      log,
      onCommit: (fn) => deps.store.onCommit(fn),
    },
    o,
  );
  const service = new DialerService(deps, lines, lines, o);
  lines.outcomes = service;
  voice.center.useCampaignOutcomes(lines);
  const loop = new DialerLoop(deps, service, o);
  await loop.start();
  // Call-backs are dialed when a trunk can carry them, presenting the trunk's number.
  const trunk = voice.sw.outboundTrunk();
  const callbacks =
    trunk?.callerId && trunk.callerId !== 'original'
      ? new CallbackScheduler(deps, campaigns, {
          callerId: e164CallerId(trunk.callerId, deps.config.defaultCountryCode),
          defaultQueueId: o.callbackQueueId ?? generalQueueId,
        })
      : null;
  if (callbacks) voice.center.useCallbacks(callbacks);
  return {
    lines,
    service,
    loop,
    callbacks,
    async stop() {
      await loop.stop();
      lines.close();
    },
  };
}
