/** Shapes the desktop uses beyond web/src/api/types.ts, taken from the server's contracts. */
import type { z } from 'zod';
import type {
  CaseSlaView,
  NoteView,
  ReplyView,
  SlaReadingView,
} from '../../../src/contracts/cases.ts';
import type { CategoryNodeT } from '../../../src/contracts/case-config.ts';
import type { CallView } from '../../../src/contracts/voice.ts';
import type { AgentStatus, LoggedEvent } from '../api/types.ts';

export type Call = z.infer<typeof CallView>;
export type CallState = Call['state'];
export type CaseSla = z.infer<typeof CaseSlaView>;
export type SlaReading = z.infer<typeof SlaReadingView>;
export type CaseNote = z.infer<typeof NoteView>;
export type CaseReply = z.infer<typeof ReplyView>;
export type CategoryNode = CategoryNodeT;
export type AgentTask = AgentStatus['tasks'][number];
export type AgentSession = NonNullable<AgentStatus['session']>;
export type Channel = AgentTask['channel'];

/** What the work area shows: one of the agent's tasks, or a case. */
export type Selection = { kind: 'task'; taskId: string } | { kind: 'case'; caseId: string };

export type CaseEvent = LoggedEvent;

/** A transfer or consultation target, as the call and task routes take it. */
export type Target =
  { queueId: string } | { agentId: string } | { extension: string } | { number: string };
