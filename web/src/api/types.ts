/** API shapes, taken from the server's contracts (types only: nothing of the server is bundled). */
import type { z } from 'zod';
import type { UserView, LoginResponse } from '../../../src/contracts/auth.ts';
import type { CaseTypeView } from '../../../src/contracts/case-config.ts';
import type { CaseView, CaseDetails } from '../../../src/contracts/cases.ts';
import type { MessageView } from '../../../src/contracts/messages.ts';
import type { RealtimeSnapshot } from '../../../src/contracts/realtime.ts';
import type {
  AgentMe,
  QueueView,
  ReasonCodeView,
  TaskView,
} from '../../../src/contracts/routing.ts';
import type { TeamView } from '../../../src/contracts/org.ts';
import type { EventView } from '../../../src/contracts/events.ts';
import type { CustomerView, ContactView } from '../../../src/contracts/customers.ts';
import type { BillingHistoryView, CustomerAccountView } from '../../../src/contracts/connectors.ts';

export type User = z.infer<typeof UserView>;
export type Login = z.infer<typeof LoginResponse>;
export type Case = z.infer<typeof CaseView>;
export type CaseDetail = z.infer<typeof CaseDetails>;
export type CaseType = z.infer<typeof CaseTypeView>;
export type Message = z.infer<typeof MessageView>;
export type Realtime = z.infer<typeof RealtimeSnapshot>;
export type AgentStatus = z.infer<typeof AgentMe>;
export type Queue = z.infer<typeof QueueView>;
export type ReasonCode = z.infer<typeof ReasonCodeView>;
export type Task = z.infer<typeof TaskView>;
export type Team = z.infer<typeof TeamView>;
export type LoggedEvent = z.infer<typeof EventView>;
export type Customer = z.infer<typeof CustomerView>;
export type CustomerAccount = z.infer<typeof CustomerAccountView>;
export type BillingHistory = z.infer<typeof BillingHistoryView>;
export type Contact = z.infer<typeof ContactView>;
export interface Page<T> {
  items: T[];
  total: number;
}
