/** Shapes the admin console reads and writes, from the server's contracts (types only). */
import type { z } from 'zod';
import type { UserView } from '../../../src/contracts/auth.ts';
import type {
  CalendarView,
  CaseTypeView,
  CategoryView,
  SlaPolicyView,
} from '../../../src/contracts/case-config.ts';
import type { AuditView } from '../../../src/contracts/events.ts';
import type { SkillView, TeamView } from '../../../src/contracts/org.ts';
import type {
  AgentSettingsView,
  CapacityProfileView,
  QueueView,
  ReasonCodeView,
  WorkChannel,
  WorkflowView,
} from '../../../src/contracts/routing.ts';
import type { DeviceView, IvrFlowSummary, IvrNumberView } from '../../../src/contracts/voice.ts';

export type UserRow = z.infer<typeof UserView>;
export type Team = z.infer<typeof TeamView>;
export type Skill = z.infer<typeof SkillView>;
export type Queue = z.infer<typeof QueueView>;
export type Workflow = z.infer<typeof WorkflowView>;
export type ReasonCode = z.infer<typeof ReasonCodeView>;
export type CapacityProfile = z.infer<typeof CapacityProfileView>;
export type AgentSettings = z.infer<typeof AgentSettingsView>;
export type Channel = z.infer<typeof WorkChannel>;
export type Device = z.infer<typeof DeviceView>;
export type IvrSummary = z.infer<typeof IvrFlowSummary>;
export type IvrNumber = z.infer<typeof IvrNumberView>;
export type CaseType = z.infer<typeof CaseTypeView>;
export type Category = z.infer<typeof CategoryView>;
export type SlaPolicy = z.infer<typeof SlaPolicyView>;
export type Calendar = z.infer<typeof CalendarView>;
export type AuditEntry = z.infer<typeof AuditView>;
export type Role = UserRow['role'];
export type Priority = CaseType['defaultPriority'];
export type PlannableStage = CaseType['requiredStages'][number];
export interface Page<T> {
  items: T[];
  total: number;
}

/** Value lists the forms offer; `Record<Union, …>` keeps each complete with its contract. */
const keys = <K extends string>(r: Record<K, true>) => Object.keys(r) as K[];
export const roles = keys<Role>({
  admin: true,
  supervisor: true,
  agent: true,
  backoffice: true,
  customer: true,
});
export const workChannels = keys<Channel>({
  voice: true,
  webchat: true,
  email: true,
  sms: true,
  fax: true,
  webform: true,
  callback: true,
  case: true,
});
export const strategies = keys<Queue['strategy']>({
  longest_idle: true,
  least_occupied: true,
  round_robin: true,
  most_skilled: true,
  preferred_agent: true,
});
export const priorities = keys<Priority>({ low: true, normal: true, high: true, urgent: true });
export const plannableStages = keys<PlannableStage>({
  verifying: true,
  dispatched: true,
  supervising: true,
});
export const slaStages = keys<keyof SlaPolicy['stageMinutes']>({
  accepted: true,
  verifying: true,
  dispatched: true,
  supervising: true,
  replied: true,
});
export const weekdays = keys<keyof Calendar['weekly']>({
  mon: true,
  tue: true,
  wed: true,
  thu: true,
  fri: true,
  sat: true,
  sun: true,
});
export const teamKinds = keys<Team['kind']>({ front: true, backoffice: true });
