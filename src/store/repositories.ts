/** All repositories over one database handle (the pool, or a transaction). */
import type { Repositories } from '../app/ports/store.ts';
import type { Db } from './db.ts';
import { DrizzleCaseRepo } from './repos/case-repo.ts';
import {
  DrizzleCalendarRepo,
  DrizzleCaseTypeRepo,
  DrizzleCategoryRepo,
  DrizzleSettingsRepo,
  DrizzleSlaPolicyRepo,
} from './repos/config-repos.ts';
import { DrizzleContactRepo, DrizzleCustomerRepo } from './repos/customer-repo.ts';
import { DrizzleAuditRepo, DrizzleEventReader } from './repos/event-repos.ts';
import { DrizzleSessionRepo, DrizzleSkillRepo, DrizzleTeamRepo } from './repos/org-repos.ts';
import { DrizzleDeviceRepo } from './repos/device-repo.ts';
import { DrizzleIvrRepo } from './repos/ivr-repo.ts';
import { DrizzleMessageRepo } from './repos/message-repo.ts';
import { DrizzleStatsRepo } from './repos/stats-repo.ts';
import { DrizzlePortalRepo } from './repos/portal-repo.ts';
import { DrizzleQualityRepo } from './repos/quality-repo.ts';
import { DrizzleRoutingRepo } from './repos/routing-repo.ts';
import { DrizzleUserRepo } from './repos/user-repo.ts';
import { DrizzleRecordingRepo } from './repos/recording-repo.ts';
import { DrizzleWebhookRepo } from './repos/webhook-repo.ts';
import { DrizzleDialerRepo } from './repos/dialer-repo.ts';
import { DrizzleResourceRepo } from './repos/resource-repo.ts';
import { DrizzleKbRepo } from './repos/kb-repo.ts';

export function repositoriesOver(db: Db): Repositories {
  return {
    users: new DrizzleUserRepo(db),
    sessions: new DrizzleSessionRepo(db),
    teams: new DrizzleTeamRepo(db),
    skills: new DrizzleSkillRepo(db),
    customers: new DrizzleCustomerRepo(db),
    contacts: new DrizzleContactRepo(db),
    caseTypes: new DrizzleCaseTypeRepo(db),
    categories: new DrizzleCategoryRepo(db),
    calendars: new DrizzleCalendarRepo(db),
    slaPolicies: new DrizzleSlaPolicyRepo(db),
    cases: new DrizzleCaseRepo(db),
    audit: new DrizzleAuditRepo(db),
    settings: new DrizzleSettingsRepo(db),
    events: new DrizzleEventReader(db),
    routing: new DrizzleRoutingRepo(db),
    devices: new DrizzleDeviceRepo(db),
    ivr: new DrizzleIvrRepo(db),
    messages: new DrizzleMessageRepo(db),
    stats: new DrizzleStatsRepo(db),
    portal: new DrizzlePortalRepo(db),
    recordings: new DrizzleRecordingRepo(db),
    quality: new DrizzleQualityRepo(db),
    webhooks: new DrizzleWebhookRepo(db),
    dialer: new DrizzleDialerRepo(db),
    resources: new DrizzleResourceRepo(db),
    kb: new DrizzleKbRepo(db),
  };
}
