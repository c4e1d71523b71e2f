/** The Hono environment: the services every route uses and the authenticated actor. */
import type { Actor } from '../../app/app-context.ts';
import type { AuthService } from '../../app/auth/auth-service.ts';
import type { CaseConfigService } from '../../app/cases/case-config-service.ts';
import type { CaseService } from '../../app/cases/case-service.ts';
import type { CustomerService } from '../../app/customers/customer-service.ts';
import type { EventFeed } from '../../app/events/event-feed.ts';
import type { OrgService } from '../../app/org/org-service.ts';
import type { Clock } from '../../app/ports/clock.ts';
import type { Store } from '../../app/ports/store.ts';
import type { RealtimeService } from '../../app/realtime/realtime-service.ts';
import type { RecordingStore } from '../../app/ports/recording-store.ts';
import type { RecordingService } from '../../app/recordings/recording-service.ts';
import type { RecordingRetention } from '../../app/recordings/recording-retention.ts';
import type { SoftphoneChannel } from '../../app/ports/softphone-channel.ts';
import type { PhoneDirectoryHub } from '../../app/ports/phone-directory.ts';
import type { CallControlHub } from '../../app/ports/call-control.ts';
import type { DeviceService } from '../../app/voice/device-service.ts';
import type { IvrFlowService } from '../../app/voice/ivr-flow-service.ts';
import type { RouterService } from '../../app/routing/router-service.ts';
import type { RoutingConfigService } from '../../app/routing/routing-config-service.ts';
import type { InboxService } from '../../app/messaging/inbox-service.ts';
import type { MessageService } from '../../app/messaging/message-service.ts';
import type { OutboxService } from '../../app/messaging/outbox-service.ts';
import type { IntervalMaterializer } from '../../app/stats/interval-materializer.ts';
import type { ReportService } from '../../app/stats/report-service.ts';
import type { CaseReportService } from '../../app/stats/case-report-service.ts';
import type { IvrReportService } from '../../app/stats/ivr-report-service.ts';
import type { ComplianceReportService } from '../../app/stats/compliance-report-service.ts';
import type { StaffingPlanService } from '../../app/wfm/staffing-plan-service.ts';
import type { WebFormService } from '../../app/portal/web-form-service.ts';
import type { PortalAuthService } from '../../app/portal/portal-auth-service.ts';
import type { PortalCaseService } from '../../app/portal/portal-case-service.ts';
import type { ChatService } from '../../app/messaging/chat-service.ts';
import type { SurveyService } from '../../app/quality/survey-service.ts';
import type { QaService } from '../../app/quality/qa-service.ts';
import type { SmsSurveyService } from '../../app/quality/sms-survey-service.ts';
import type { IvrSurveyService } from '../../app/quality/ivr-survey-service.ts';
import type { WebhookService } from '../../app/webhooks/webhook-service.ts';
import type { CampaignService } from '../../app/dialer/campaign-service.ts';
import type { WebhookDispatcher } from '../../app/webhooks/webhook-dispatcher.ts';
import type { ConnectorSet } from '../../app/ports/connectors.ts';
import type { CustomerAccounts } from '../../app/customers/customer-account.ts';
import type { MetricsRegistry } from '../../app/metrics/metrics-registry.ts';
import type { CaseOperatorRequests } from '../../app/cases/case-operator-requests.ts';
import type { OperatorRequestFollower } from '../../app/cases/operator-request-follower.ts';
import type { InventoryService } from '../../app/resources/inventory-service.ts';
import type { ResourceMonitor } from '../../app/resources/resource-monitor.ts';
import type { VoiceResourcesHub } from '../../app/ports/voice-resources.ts';
import type { KnowledgeBase } from '../../app/kb/knowledge-base.ts';

export interface Services {
  /** Facts about this center the login page shows (demo mode is set once seeded). */
  readonly centerInfo: { demo: boolean };
  readonly store: Store;
  readonly clock: Clock;
  readonly auth: AuthService;
  readonly org: OrgService;
  readonly customers: CustomerService;
  readonly cases: CaseService;
  readonly caseConfig: CaseConfigService;
  readonly events: EventFeed;
  readonly router: RouterService;
  readonly routingConfig: RoutingConfigService;
  readonly realtime: RealtimeService;
  readonly ivrFlows: IvrFlowService;
  readonly devices: DeviceService;
  readonly recordings: RecordingStore;
  /** Search, audio and waveforms of recordings (the catalogue over `recordings`). */
  readonly recordingCatalog: RecordingService;
  readonly recordingRetention: RecordingRetention;
  readonly calls: CallControlHub;
  readonly phones: PhoneDirectoryHub;
  /** Seats, trunks and nodes (resource management). */
  readonly inventory: InventoryService;
  /** Live health of phones, trunks and this node, and the alarms. */
  readonly resourceMonitor: ResourceMonitor;
  /** Trunk usage, open calls and media from the switch once it runs. */
  readonly voiceResources: VoiceResourcesHub;
  readonly softphones: SoftphoneChannel;
  readonly inbox: InboxService;
  readonly outbox: OutboxService;
  readonly messages: MessageService;
  readonly reports: ReportService;
  readonly caseReports: CaseReportService;
  readonly ivrReports: IvrReportService;
  readonly compliance: ComplianceReportService;
  readonly staffingPlans: StaffingPlanService;
  readonly materializer: IntervalMaterializer;
  readonly webForms: WebFormService;
  readonly portalAuth: PortalAuthService;
  readonly portal: PortalCaseService;
  readonly chat: ChatService;
  readonly surveys: SurveyService;
  readonly qa: QaService;
  readonly smsSurveys: SmsSurveyService;
  readonly ivrSurveys: IvrSurveyService;
  readonly webhooks: WebhookService;
  /** Outbound campaigns, their lists and the do-not-call list. */
  readonly campaigns: CampaignService;
  /** Follows the event log and sends webhooks (started by startCenter). */
  readonly webhookDispatcher: WebhookDispatcher;
  /** The operator's BOSS, billing and NMS (unconfigured: every call is connector.unavailable). */
  readonly connectors: ConnectorSet;
  readonly customerAccounts: CustomerAccounts;
  /** BOSS orders and NMS tickets placed from cases, and the follower that tracks them. */
  readonly caseOperatorRequests: CaseOperatorRequests;
  readonly operatorRequestFollower: OperatorRequestFollower;
  /** Process metrics (connector calls today; a /metrics endpoint reads the same registry). */
  readonly metrics: MetricsRegistry;
  /** Knowledge-base articles, review, search, suggestions, portal reading and statistics. */
  readonly kb: KnowledgeBase;
}

export interface ApiEnv {
  Variables: {
    services: Services;
    actor: Actor | null;
  };
}

export const sessionCookie = 'kefu_session';
