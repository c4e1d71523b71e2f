/**
 * Control of live calls from the desktop (the CTI commands grow here with issue #5). The voice
 * side implements it; without a switch every command answers `call.not_active`.
 *
 * Behaviour owed: resolve once the command took effect; reject with DomainError
 * `call.not_active` when the contact has no call in progress, or `not_found` for a call the
 * actor may not control.
 */
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../app-context.ts';

export interface CallControl {
  /** Stops recording (e.g. while a card number is read out); the file keeps silence there. */
  pauseRecording(actor: Actor, contactId: string): Promise<void>;
  resumeRecording(actor: Actor, contactId: string): Promise<void>;
}

/** Delegates to the switch once it runs; until then no call is active. */
export class CallControlHub implements CallControl {
  private impl: CallControl | null = null;

  attach(impl: CallControl | null): void {
    this.impl = impl;
  }

  private get target(): CallControl {
    if (!this.impl)
      throw new DomainError(
        'call.not_active',
        'no call is in progress (the switch is not running)',
      );
    return this.impl;
  }

  pauseRecording(actor: Actor, contactId: string) {
    return this.target.pauseRecording(actor, contactId);
  }

  resumeRecording(actor: Actor, contactId: string) {
    return this.target.resumeRecording(actor, contactId);
  }
}
