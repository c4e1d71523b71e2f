/**
 * Starts the switch and the call handling for a center: SIP on UDP and TCP, RTP ports, the
 * demo number 10086 in demo mode, recordings under the data directory.
 */
import { demoFlow } from '../../domain/ivr/demo-flow.ts';
import type { IvrFlow } from '../../domain/ivr/ivr-flow.ts';
import type { CustomerService } from '../../app/customers/customer-service.ts';
import type { Clock } from '../../app/ports/clock.ts';
import type { Store } from '../../app/ports/store.ts';
import type { RouterService } from '../../app/routing/router-service.ts';
import type { Connectors } from '../../app/ports/connectors.ts';
import type { RecordingStore } from '../../app/ports/recording-store.ts';
import { generalQueueId } from '../../app/seed/bootstrap.ts';
import { IvrFlowService } from '../../app/voice/ivr-flow-service.ts';
import { PromptStore } from '../ivr/prompt-store.ts';
import { VoiceSwitch, type SwitchOptions, type TrunkConfig } from '../switch/voice-switch.ts';
import type { SoftphoneChannel } from '../../app/ports/softphone-channel.ts';
import { Softphones } from '../webrtc/softphones.ts';
import type { SurveyAnswerPort } from './post-call-survey.ts';
import { VoiceCenter } from './voice-center.ts';

export interface VoiceOptions {
  readonly sipPort: number;
  readonly bindAddress?: string;
  readonly publicAddress: string;
  readonly rtpPorts?: { readonly min: number; readonly max: number };
  readonly trunks?: readonly TrunkConfig[];
  /** How often (and how patiently) phones are qualified and trunks probed with OPTIONS. */
  readonly health?: Pick<
    SwitchOptions,
    'qualifyEverySeconds' | 'qualifyTimeoutMs' | 'trunkProbeEverySeconds' | 'trunkProbeTimeoutMs'
  >;
  readonly demo: boolean;
  readonly recordings: RecordingStore;
  readonly connectors: Connectors;
  readonly autoAnswer?: boolean;
  readonly digestAlgorithms?: readonly ('SHA-256' | 'MD5')[];
  readonly announceEverySeconds?: number;
  /** When the last agent leaves a conference, the others talk on (default: the call ends). */
  readonly conferenceContinuesWithoutAgent?: boolean;
  readonly log?: (
    level: 'debug' | 'info' | 'warn',
    msg: string,
    extra?: Record<string, unknown>,
  ) => void;
}

export interface Voice {
  readonly sw: VoiceSwitch;
  readonly center: VoiceCenter;
  stop(): Promise<void>;
}

/** The use cases the voice side works with. */
export interface VoiceServices {
  readonly store: Store;
  readonly router: RouterService;
  readonly customers: CustomerService;
  readonly clock: Clock;
  /** Signalling to browser softphones (over agents' WebSockets). */
  readonly softphones?: SoftphoneChannel;
  /** The post-call IVR survey's settings and answers. */
  readonly ivrSurveys?: SurveyAnswerPort;
}

export async function startVoice(services: VoiceServices, o: VoiceOptions): Promise<Voice> {
  const sw = new VoiceSwitch(services.store.devices, {
    sipPort: o.sipPort,
    publicAddress: o.publicAddress,
    ...(o.bindAddress ? { bindAddress: o.bindAddress } : {}),
    ...(o.rtpPorts ? { rtpPorts: o.rtpPorts } : {}),
    trunks: o.trunks ?? [],
    openNumbers: o.demo ? ['10086'] : [],
    ...(o.digestAlgorithms ? { digestAlgorithms: o.digestAlgorithms } : {}),
    ...(o.log ? { log: o.log } : {}),
    ...o.health,
  });
  // The demo flow uses the center's complaints queue and office calendar when they exist
  // (looked up per call, so queues created later are used).
  const demo = async (): Promise<IvrFlow> => {
    const queues = await services.store.routing.listQueues();
    const calendars = await services.store.calendars.list();
    const complaints = queues.find((q) => q.name.startsWith('Complaints'))?.id ?? generalQueueId;
    const office = calendars.find((c) => c.name.includes('office'))?.id ?? 'cal-24x7';
    return demoFlow({
      complaintsQueueId: complaints,
      generalQueueId,
      calendarId: office,
      announceOutages: true,
    });
  };
  const flows = new IvrFlowService({
    store: services.store,
    clock: services.clock,
    ids: { newId: () => '' },
    config: { timeZone: 'Asia/Shanghai', defaultCountryCode: '86' },
  });
  // Browser softphones: host candidates on the addresses SIP uses, ports above the RTP range.
  const rtpMax = o.rtpPorts?.max ?? 29_998;
  const softphones = services.softphones
    ? new Softphones(services.softphones, {
        addresses: [o.publicAddress],
        portRange: [rtpMax + 1, rtpMax + 1000],
      })
    : null;
  const center = new VoiceCenter({
    sw,
    store: services.store,
    router: services.router,
    customers: services.customers,
    connectors: o.connectors,
    prompts: new PromptStore(),
    clock: services.clock,
    recordings: o.recordings,
    // A stored flow for the number wins; otherwise the demo number (demo mode) and, until flows
    // are configured, trunk calls run the demo flow.
    flowFor: async (called, trunk) =>
      (await flows.flowFor(called)) ?? (trunk || (o.demo && called === '10086') ? demo() : null),
    ...(o.autoAnswer !== undefined ? { autoAnswer: o.autoAnswer } : {}),
    ...(services.ivrSurveys ? { survey: services.ivrSurveys } : {}),
    ...(softphones ? { softphones } : {}),
    ...(o.conferenceContinuesWithoutAgent !== undefined
      ? { conferenceContinuesWithoutAgent: o.conferenceContinuesWithoutAgent }
      : {}),
    ...(o.announceEverySeconds !== undefined
      ? { announceEverySeconds: o.announceEverySeconds }
      : {}),
    ...(o.log ? { log: o.log } : {}),
  });
  await sw.start();
  await center.start();
  return {
    sw,
    center,
    async stop() {
      softphones?.close();
      center.stop();
      await sw.stop();
    },
  };
}
