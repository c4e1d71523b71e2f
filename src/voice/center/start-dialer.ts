/**
 * Puts the outbound dialer on the switch: the campaign lines (calls through the trunk, answered
 * customers to the campaign's agents), the dialer's decisions (DialerService) and the loop that
 * paces every running campaign.
 */
import type { AppDeps } from '../../app/app-context.ts';
import { DialerLoop, type DialerLoopOptions } from '../../app/dialer/dialer-loop.ts';
import { DialerService, type DialerOptions } from '../../app/dialer/dialer-service.ts';
import type { RouterService } from '../../app/routing/router-service.ts';
import { CampaignLines, type CampaignLinesOptions } from './campaign-lines.ts';
import type { Voice } from './start-voice.ts';

export type DialingOptions = DialerOptions & CampaignLinesOptions & DialerLoopOptions;

export interface Dialing {
  readonly lines: CampaignLines;
  readonly service: DialerService;
  readonly loop: DialerLoop;
  stop(): Promise<void>;
}

export async function startDialer(
  deps: AppDeps,
  router: RouterService,
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
  return {
    lines,
    service,
    loop,
    async stop() {
      await loop.stop();
      lines.close();
    },
  };
}
