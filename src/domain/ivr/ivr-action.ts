/**
 * What the voice runner tells the step function (inputs) and what the step function asks the
 * runner to do on the call (actions), in order. The runner executes the actions of one step
 * one after another (play, then collect …) and reports the next input.
 */

/** A prompt file to play: its path under assets/prompts without '.wav', e.g. 'zh/welcome'. */
export type ResolvedPrompt = string;

export type IvrInput =
  /** Run the flow from its start (once, on a new session). */
  | { readonly type: 'start' }
  /** One or more DTMF keys, in the order pressed; characters other than 0-9 * # are ignored. */
  | { readonly type: 'digits'; readonly digits: string }
  /** The wait of the last collect action ran out (first key, or between keys), or a lookup took too long. */
  | { readonly type: 'timeout' }
  /** The connector answered a lookup action. */
  | {
      readonly type: 'lookup_result';
      readonly ok: true;
      readonly values: Readonly<Record<string, string>>;
    }
  | { readonly type: 'lookup_result'; readonly ok: false; readonly error?: string }
  /** The caller left the queue (pressed the queue's callbackDigit to be called back instead). */
  | { readonly type: 'queue_left'; readonly reason: 'callback' }
  /** The outside number of a transfer action did not answer or refused the call. */
  | { readonly type: 'transfer_failed' }
  /** The caller hung up. */
  | { readonly type: 'hangup' };

/** Why a step gave up on the call (an `error` action is always followed by `hangup`). */
export type IvrErrorCode =
  | 'loop_guard'
  | 'unknown_node'
  | 'flow_mismatch'
  | 'bad_expression'
  | 'no_next'
  | 'transfer_failed';

export type IvrAction =
  /** A node was entered (for node-visit statistics). */
  | { readonly type: 'visit'; readonly nodeId: string }
  /** Play these files in order; with bargeIn a key press stops playback (and is reported). */
  | {
      readonly type: 'play';
      readonly prompts: readonly ResolvedPrompt[];
      readonly bargeIn: boolean;
    }
  /**
   * Gather keys and report them (all at once or as they come), or report a timeout when no key
   * comes within timeoutSeconds, or none follows the last within interDigitSeconds. Collection
   * ends at maxDigits keys or at the terminator ('' for none).
   */
  | {
      readonly type: 'collect';
      readonly maxDigits: number;
      readonly terminator: string;
      readonly timeoutSeconds: number;
      readonly interDigitSeconds: number;
    }
  /** Call a connector and report a lookup_result. */
  | {
      readonly type: 'lookup';
      readonly connector: string;
      readonly input: Readonly<Record<string, string>>;
    }
  /**
   * Offer the call to the router. Attributes hold the node's own plus every IVR variable as
   * `ivr.<name>`. With callbackDigit, a press of it while waiting should take the call out of
   * the queue and be reported as queue_left.
   */
  | {
      readonly type: 'queue';
      readonly queueId: string | null;
      readonly workflowId: string | null;
      readonly priority: number | null;
      readonly attributes: Readonly<Record<string, string>>;
      readonly announcePosition: boolean;
      readonly callbackDigit: string | null;
    }
  /** Create a call-back task to `number` (attributes as for queue). */
  | {
      readonly type: 'callback';
      readonly number: string;
      readonly queueId: string | null;
      readonly workflowId: string | null;
      readonly attributes: Readonly<Record<string, string>>;
    }
  /** Blind-transfer the call to an outside number; report transfer_failed if it fails. */
  | { readonly type: 'transfer'; readonly number: string }
  | { readonly type: 'hangup' }
  /** The flow could not go on; for logs and alarms. */
  | { readonly type: 'error'; readonly code: IvrErrorCode; readonly message: string };

export type IvrActionType = IvrAction['type'];

/** What a step needs from outside: the time, and whether a business calendar is open. */
export interface IvrContext {
  readonly now: Date;
  /** Whether the calendar is open at `now`; false for a calendar it does not know. */
  isOpen(calendarId: string, now: Date): boolean;
}
