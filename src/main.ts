/**
 * The composition root: opens the store, builds the use cases, serves the HTTP API, the event
 * stream and the web app. Only this file (and the CLI) chooses adapters.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import pino, { type Logger } from 'pino';
import {
  defaultCenterConfig,
  systemActor,
  type AppDeps,
  type CenterConfig,
} from './app/app-context.ts';
import { AuthService } from './app/auth/auth-service.ts';
import type { ThrottleLimits } from './app/auth/login-throttle.ts';
import { CaseConfigService } from './app/cases/case-config-service.ts';
import { CaseService } from './app/cases/case-service.ts';
import { CustomerService } from './app/customers/customer-service.ts';
import { EventFeed } from './app/events/event-feed.ts';
import { OrgService } from './app/org/org-service.ts';
import { RouterService } from './app/routing/router-service.ts';
import { InboxService } from './app/messaging/inbox-service.ts';
import { MessageService } from './app/messaging/message-service.ts';
import { OutboxService, type OutboxAddresses } from './app/messaging/outbox-service.ts';
import { followContactTasks } from './app/messaging/contact-tasks.ts';
import { IntervalMaterializer } from './app/stats/interval-materializer.ts';
import { ReportService } from './app/stats/report-service.ts';
import { CaseReportService } from './app/stats/case-report-service.ts';
import { IvrReportService } from './app/stats/ivr-report-service.ts';
import { ComplianceReportService } from './app/stats/compliance-report-service.ts';
import { SurveyService } from './app/quality/survey-service.ts';
import { QaService } from './app/quality/qa-service.ts';
import { SmsSurveyService } from './app/quality/sms-survey-service.ts';
import { IvrSurveyService } from './app/quality/ivr-survey-service.ts';
import { StaffingPlanService } from './app/wfm/staffing-plan-service.ts';
import { CustomerSignIn } from './app/portal/customer-sign-in.ts';
import { PortalAuthService } from './app/portal/portal-auth-service.ts';
import { PortalCaseService } from './app/portal/portal-case-service.ts';
import { WebFormService } from './app/portal/web-form-service.ts';
import { RoutingConfigService } from './app/routing/routing-config-service.ts';
import { RealtimeService } from './app/realtime/realtime-service.ts';
import { DeviceService } from './app/voice/device-service.ts';
import { IvrFlowService } from './app/voice/ivr-flow-service.ts';
import { FileRecordingStore } from './store/recordings/file-recording-store.ts';
import { RecordingService } from './app/recordings/recording-service.ts';
import { RecordingRetention } from './app/recordings/recording-retention.ts';
import { PhoneDirectoryHub } from './app/ports/phone-directory.ts';
import { SoftphoneChannel } from './app/ports/softphone-channel.ts';
import { CallControlHub } from './app/ports/call-control.ts';
import { systemClock, type Clock } from './app/ports/clock.ts';
import type { Store } from './app/ports/store.ts';
import { bootstrapCenter } from './app/seed/bootstrap.ts';
import { seedDemo } from './app/seed/demo-seed.ts';
import type { Services } from './api/http/api-env.ts';
import { createApi } from './api/http/create-api.ts';
import { attachEventStream } from './api/ws/event-stream.ts';
import { openStore, type StoreOptions } from './store/open-store.ts';
import {
  noConnectors,
  startConnectors,
  type ConnectorsOptions,
} from './connectors/start-connectors.ts';
import { CustomerAccounts } from './app/customers/customer-account.ts';
import { MetricsRegistry } from './app/metrics/metrics-registry.ts';
import { CaseOperatorRequests } from './app/cases/case-operator-requests.ts';
import { OperatorRequestFollower } from './app/cases/operator-request-follower.ts';
import type { ConnectorSet } from './app/ports/connectors.ts';
import { startVoice, type Voice, type VoiceOptions } from './voice/center/start-voice.ts';
import { startDialer, type Dialing, type DialingOptions } from './voice/center/start-dialer.ts';
import { ChatService } from './app/messaging/chat-service.ts';
import { attachChatSocket } from './channels/webchat/chat-socket.ts';
import { claimUpgradePath } from './api/ws/upgrade-paths.ts';
import { startChannels, type Channels, type ChannelsOptions } from './channels/start-channels.ts';
import { join } from 'node:path';
import { WebhookDispatcher, type DispatcherOptions } from './app/webhooks/webhook-dispatcher.ts';
import { WebhookService } from './app/webhooks/webhook-service.ts';
import { CampaignService } from './app/dialer/campaign-service.ts';
import { HttpWebhookSender } from './connectors/webhook/http-webhook-sender.ts';
import { InventoryService } from './app/resources/inventory-service.ts';
import { ResourceMonitor } from './app/resources/resource-monitor.ts';
import { NodeHeartbeat } from './app/resources/node-heartbeat.ts';
import { VoiceResourcesHub } from './app/ports/voice-resources.ts';
import type { TrunkDef } from './domain/resource/trunk.ts';
import { linkResources, trunkDefOf } from './voice/switch/resource-link.ts';
import { hostname } from 'node:os';
import { createKnowledgeBase } from './app/kb/knowledge-base.ts';

export interface CenterOptions extends StoreOptions {
  readonly port?: number;
  readonly host?: string;
  /** Seed the demo center when the store has no users. */
  readonly demo?: boolean;
  readonly clock?: Clock;
  readonly config?: CenterConfig;
  readonly throttle?: ThrottleLimits;
  /** The public URL of the customer portal page, for sign-in links sent by e-mail. */
  readonly portalUrl?: string;
  readonly logger?: Logger;
  /** Router tick period (ms). */
  readonly tickMs?: number;
  /** Use this store instead of opening one (tests). */
  readonly store?: Store;
  /** E-mail (with fax over mail) and SMS; omitted: none. */
  readonly channels?: ChannelsOptions;
  /** The center's own addresses on the text channels (From of replies). */
  readonly addresses?: Partial<OutboxAddresses>;
  /** Webhook delivery: retries, disable rule, and whether private addresses are refused. */
  readonly webhooks?: WebhookOptions;
  /** The built-in switch; omitted: no SIP. */
  /**
   * The operator's systems over HTTP (`--boss-url` …). Omitted: in demo mode the demo operator
   * backend is started on 127.0.0.1 and used; otherwise every connector call is unavailable.
   */
  readonly connectors?: ConnectorsOptions;
  /** Port of the demo operator backend in demo mode (default: any free port). */
  readonly demoOperatorPort?: number;
  /** Bearer token for Prometheus on `/metrics` (administrators' sessions work too). */
  readonly metricsToken?: string | null;
  /** How often this node writes its heartbeat and health sample (default 5 s). */
  readonly nodeHeartbeatMs?: number;
  readonly voice?: Omit<VoiceOptions, 'connectors' | 'demo' | 'recordings'> & {
    recordingsDir?: string;
  };
  /** The outbound dialer's timings (it runs whenever the switch does). */
  readonly dialer?: Omit<DialingOptions, 'log'>;
}

export interface Center {
  readonly url: string;
  readonly port: number;
  readonly services: Services;
  readonly seeded: boolean;
  readonly voice: Voice | null;
  /** Campaign dialing on the switch; null without voice. */
  readonly dialing: Dialing | null;
  readonly channels: Channels | null;
  /** Where the demo operator backend listens (demo mode without --boss-url …). */
  readonly demoOperatorUrl: string | null;
  close(): Promise<void>;
}

/** The center's own addresses until the operator configures theirs (`--email-address` …). */
const defaultAddresses: OutboxAddresses = {
  email: 'support@kefu.local',
  sms: '10086',
  fax: '+860000000000',
  messageIdDomain: 'kefu.local',
};

/** Private addresses are allowed by default: the operator's own systems are usually internal. */
export type WebhookOptions = DispatcherOptions & { readonly blockPrivateAddresses?: boolean };

export function buildServices(
  store: Store,
  o: {
    clock?: Clock;
    config?: CenterConfig;
    throttle?: ThrottleLimits;
    recordingsDir?: string;
    addresses?: Partial<OutboxAddresses>;
    /** The customer portal page that sign-in e-mails link to (public URL). */
    portalUrl?: string;
    /** Retry schedule, disable rule and timeout of webhook deliveries. */
    webhooks?: WebhookOptions;
    connectors?: ConnectorSet;
    metrics?: MetricsRegistry;
    /** The command-line trunks, listed read-only in the inventory. */
    configTrunks?: () => readonly TrunkDef[];
    /** This process's id in the node inventory and on resource events. */
    nodeId?: string;
  } = {},
): Services {
  const deps: AppDeps = {
    store,
    clock: o.clock ?? systemClock,
    ids: { newId: randomUUID },
    config: o.config ?? defaultCenterConfig,
  };
  const auth = new AuthService(deps, o.throttle);
  const router = new RouterService(deps);
  const customers = new CustomerService(deps);
  const cases = new CaseService(deps, router);
  const outbox = new OutboxService(deps, { ...defaultAddresses, ...o.addresses });
  cases.useOutbox(outbox);
  const inbox = new InboxService(deps, customers, cases, router);
  const messages = new MessageService(deps, outbox);
  const recordings = new FileRecordingStore(o.recordingsDir ?? './data/recordings');
  const surveys = new SurveyService(deps);
  const smsSurveys = new SmsSurveyService(deps, outbox, surveys);
  inbox.claimSmsReplies((tx, from, body) => smsSurveys.claimReply(tx, from, body));
  const webhookDispatcher = new WebhookDispatcher(
    deps,
    new HttpWebhookSender({ blockPrivateAddresses: o.webhooks?.blockPrivateAddresses ?? false }),
    o.webhooks,
  );
  const operator = o.connectors ?? noConnectors;
  const caseOperatorRequests = new CaseOperatorRequests(deps, cases, operator.connectors);
  const operatorRequestFollower = new OperatorRequestFollower(deps, cases, operator.connectors);
  caseOperatorRequests.onRecorded((ref) => operatorRequestFollower.watch(ref));
  const realtime = new RealtimeService(deps, router);
  const voiceResources = new VoiceResourcesHub();
  const resourceMonitor = new ResourceMonitor(
    deps,
    router,
    voiceResources,
    o.nodeId ?? `${hostname()}:${process.pid}`,
  );
  realtime.alarmSource = () => resourceMonitor.activeAlarms();
  return {
    centerInfo: { demo: false },
    store,
    clock: deps.clock,
    auth,
    org: new OrgService(deps, () => auth.invalidate()),
    customers,
    cases,
    caseConfig: new CaseConfigService(deps),
    events: new EventFeed(store),
    router,
    routingConfig: new RoutingConfigService(deps, router),
    realtime,
    ivrFlows: new IvrFlowService(deps),
    devices: new DeviceService(deps),
    recordings,
    recordingCatalog: new RecordingService(deps, recordings),
    recordingRetention: new RecordingRetention(deps, recordings),
    calls: new CallControlHub(),
    phones: new PhoneDirectoryHub(),
    inventory: new InventoryService(deps, o.configTrunks),
    resourceMonitor,
    voiceResources,
    softphones: new SoftphoneChannel(),
    inbox,
    outbox,
    messages,
    reports: new ReportService(deps),
    caseReports: new CaseReportService(deps),
    ivrReports: new IvrReportService(deps),
    compliance: new ComplianceReportService(deps),
    staffingPlans: new StaffingPlanService(deps),
    materializer: new IntervalMaterializer(deps),
    webForms: new WebFormService(deps, inbox),
    portalAuth: new PortalAuthService(deps, outbox, new CustomerSignIn(deps), {
      portalUrl: o.portalUrl ?? 'http://localhost:8080/portal.html',
    }),
    portal: new PortalCaseService(deps, cases, messages, inbox, surveys),
    surveys,
    qa: new QaService(deps),
    smsSurveys,
    ivrSurveys: new IvrSurveyService(deps, surveys),
    chat: new ChatService(deps, { customers, router, inbox, outbox }),
    webhooks: new WebhookService(deps, webhookDispatcher),
    webhookDispatcher,
    connectors: operator,
    customerAccounts: new CustomerAccounts(deps, customers, operator.connectors),
    caseOperatorRequests,
    operatorRequestFollower,
    metrics: o.metrics ?? new MetricsRegistry(),
    campaigns: new CampaignService(deps),
    kb: createKnowledgeBase(deps, cases),
  };
}

/** The package version, reported by each node in the inventory. */
const kefuVersion = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

const webDir = fileURLToPath(new URL('../web/dist', import.meta.url));
const publicDir = fileURLToPath(new URL('../web/public', import.meta.url));
const placeholder = fileURLToPath(new URL('../web/placeholder.html', import.meta.url));

export async function startCenter(o: CenterOptions = {}): Promise<Center> {
  const logger = o.logger ?? pino({ level: process.env['LOG_LEVEL'] ?? 'info' });
  const store = o.store ?? (await openStore(o));
  await bootstrapCenter(store);
  const recordingsDir = o.voice?.recordingsDir ?? join(o.dataDir ?? './data', 'recordings');
  const metrics = new MetricsRegistry();
  const started = await startConnectors({
    demo: o.demo ?? false,
    config: o.connectors,
    demoOperatorPort: o.demoOperatorPort,
    metrics,
    log: (msg, extra) => logger.warn(extra, msg),
  });
  const connectors = started.set;
  const startedAt = new Date();
  const nodeId = `${hostname()}:${process.pid}:${o.port ?? 8080}`;
  const services = buildServices(store, {
    ...o,
    recordingsDir,
    connectors,
    metrics,
    nodeId,
    configTrunks: () => (o.voice?.trunks ?? []).map((t) => trunkDefOf(t, startedAt)),
  });
  let seeded = false;
  if (o.demo && (await store.users.list({}, { limit: 1, offset: 0 })).total === 0) {
    const deps: AppDeps = {
      store,
      clock: services.clock,
      ids: { newId: randomUUID },
      config: o.config ?? defaultCenterConfig,
    };
    await seedDemo(deps);
    seeded = true;
  }
  services.centerInfo.demo = o.demo ?? false;
  // The router rebuilds from the store (open tasks, logged-in agents), then ticks once a second
  // to expire offers (RONA), workflow steps and wrap-up countdowns.
  await services.router.start();
  await services.realtime.start();
  const stopFollow = followContactTasks(store, services.clock);
  services.outbox.start();
  services.smsSurveys.start();
  // BOSS orders and NMS tickets placed from cases: status changes flow into their timelines.
  await services.operatorRequestFollower.start();
  // Interval tables catch up with the log every few seconds (and after a restart).
  services.materializer.start();
  services.webhookDispatcher.start();
  const channels = o.channels
    ? await startChannels(
        {
          inbox: services.inbox,
          outbox: services.outbox,
          clock: services.clock,
          log: (level, msg, extra) => logger[level]({ ...extra }, msg),
        },
        o.channels,
      )
    : null;
  const tick = setInterval(() => {
    services.router.tick().catch((e: unknown) => logger.error({ err: e }, 'router tick failed'));
  }, o.tickMs ?? 1000);
  tick.unref();
  const voice = o.voice
    ? await startVoice(services, {
        ...o.voice,
        demo: o.demo ?? false,
        connectors: connectors.connectors,
        recordings: services.recordings,
        log: (level, msg, extra) => logger[level]({ ...extra }, msg),
      })
    : null;
  const dialing = voice
    ? await startDialer(
        {
          store,
          clock: services.clock,
          ids: { newId: randomUUID },
          config: o.config ?? defaultCenterConfig,
        },
        services.router,
        services.campaigns,
        voice,
        { ...o.dialer, log: (level, msg, extra) => logger[level]({ ...extra }, msg) },
      )
    : null;
  if (dialing?.callbacks) services.cases.useCallbacks(dialing.callbacks);
  services.calls.attach(voice?.center ?? null);
  services.phones.attach(voice?.sw ?? null);
  // Resource management: the switch's phones and trunks feed the monitor; this node registers
  // itself and reports its health every few seconds.
  services.voiceResources.attach(voice?.sw ?? null);
  const unlinkResources = voice
    ? await linkResources(voice.sw, services.resourceMonitor, services.inventory)
    : () => {};
  services.resourceMonitor.start();
  const heartbeat = new NodeHeartbeat(
    {
      store,
      clock: services.clock,
      ids: { newId: randomUUID },
      config: o.config ?? defaultCenterConfig,
    },
    services.resourceMonitor,
    {
      id: nodeId,
      name: hostname(),
      roles: ['api', 'router', ...(voice ? ['voice'] : []), ...(channels ? ['channels'] : [])],
      address: `${o.host ?? '0.0.0.0'}:${o.port ?? 8080}`,
      version: kefuVersion,
    },
    o.nodeHeartbeatMs,
  );
  await heartbeat.start();
  const app = createApi(services, { logger, metricsToken: o.metricsToken ?? null });
  // Scripts other sites embed (chat widget) and the softphone are served as they are.
  app.use('/*', serveStatic({ root: publicDir }));
  if (existsSync(webDir)) {
    app.use('/*', serveStatic({ root: webDir }));
    // The app's own paths (a reload on /agent) get the app; it routes on the client.
    const page = await readFile(join(webDir, 'index.html'), 'utf8');
    for (const p of ['/', '/login', '/agent', '/supervisor', '/quality', '/kb', '/admin'])
      app.get(p, (c) => c.html(page));
  } else app.get('/', async (c) => c.html(await readFile(placeholder, 'utf8')));

  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: o.port ?? 8080, hostname: o.host ?? '0.0.0.0' }, () =>
      resolve(s),
    );
  });
  const stopStream = attachEventStream(server as never, {
    auth: services.auth,
    feed: services.events,
    realtime: services.realtime,
    calls: services.calls,
    softphones: services.softphones,
    agentPush: services.chat.agents,
  });
  const stopChat = attachChatSocket(server as never, {
    chat: services.chat,
    outbox: services.outbox,
    claimPath: claimUpgradePath,
    log: (level, msg, extra) => logger[level]({ ...extra }, msg),
  });
  // Expired sessions are refused on use; this only keeps the table small.
  const sweep = setInterval(() => {
    services.store.sessions
      .deleteExpired(services.clock.now())
      .catch((e: unknown) => logger.warn({ err: e }, 'session sweep failed'));
  }, 3600_000);
  sweep.unref();
  // Recordings past the retention policy go hourly (admins can also run it now over the API).
  const retention = setInterval(() => {
    services.recordingRetention
      .sweep(systemActor)
      .catch((e: unknown) => logger.warn({ err: e }, 'recording retention sweep failed'));
  }, 3600_000);
  retention.unref();
  const port = (server.address() as AddressInfo).port;
  const shownHost = !o.host || o.host === '0.0.0.0' ? 'localhost' : o.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    services,
    seeded,
    voice,
    dialing,
    channels,
    demoOperatorUrl: started.demoOperatorUrl,
    async close() {
      clearInterval(sweep);
      clearInterval(retention);
      clearInterval(tick);
      await dialing?.stop();
      await heartbeat.stop();
      unlinkResources();
      services.resourceMonitor.stop();
      await voice?.stop();
      await services.resourceMonitor.flushed();
      services.realtime.stop();
      stopFollow();
      await services.smsSurveys.close();
      await channels?.stop();
      await services.outbox.stop();
      await services.operatorRequestFollower.stop();
      await services.materializer.stop();
      await services.webhookDispatcher.stop();
      await services.router.stop();
      stopStream();
      stopChat();
      await new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      });
      await started.stop();
      if (!o.store) await store.close();
    },
  };
}
