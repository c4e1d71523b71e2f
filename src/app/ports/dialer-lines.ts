/**
 * The seams between the dialer and the switch. The voice center implements both (the next
 * slice); the dialer only decides whom to call and records what happened.
 */
import type { DialerMode } from '../../domain/dialer/campaign.ts';

export interface DialRequest {
  readonly campaignId: string;
  readonly recordId: string;
  /** E.164 digits without '+'. */
  readonly number: string;
  /** E.164 with '+', presented as the calling number. */
  readonly callerId: string;
  readonly queueId: string;
  /** preview: show the record to an agent who then dials; otherwise dial at once. */
  readonly mode: DialerMode;
  readonly name: string;
  readonly data: Readonly<Record<string, string>>;
}

/**
 * Outbound lines. `dial` resolves once the call has been started (the trunk took it); it rejects
 * when no line could be seized, and the dialer counts that as a failed attempt. The outcome
 * (connected to an agent, busy, no answer, failed, abandoned — answered with no agent free, after
 * the required message was played) comes later through `DialerService.reportResult`.
 */
export interface DialerLines {
  dial(req: DialRequest): Promise<void>;
  /** Lines of this campaign started and not yet answered, refused or timed out. */
  inFlight(campaignId: string): number;
  /**
   * Mean handle time (answer to hang-up of connected calls) and ring time (dial to answer) of the
   * campaign's recent calls; null until there are enough to go by.
   */
  measured?(campaignId: string): { handleSec: number; ringSec: number } | null;
}

/** Agents of a queue as the pacer sees them. */
export interface AgentAvailability {
  /** Logged in, ready, with voice capacity free. */
  readonly free: number;
  /** On a call or wrapping up. */
  readonly busy: number;
}

/** The router's view of a queue's agents, read for every pacing decision. */
export interface DialerAgents {
  availability(queueId: string): Promise<AgentAvailability>;
}
