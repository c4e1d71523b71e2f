/**
 * CTI actions as data (Excalidraw's actions pattern): the softphone buttons, the keyboard
 * shortcuts and the tests read the same list. `legalIn` is the call-state table of
 * src/domain/call/call.ts (`commandStates`, through src/contracts/rules.ts), so a button is
 * enabled exactly where the switch would accept the command.
 */
import { commandStates } from '../../../src/contracts/rules.ts';
import type { CallState } from './agent-types.ts';

export type CallCommand =
  | 'hold'
  | 'retrieve'
  | 'hangup'
  | 'transfer'
  | 'consult'
  | 'complete-transfer'
  | 'conference'
  | 'cancel-consult'
  | 'dtmf';

/** States in which each command is legal (hang-up: any state in which the agent is talking). */
export const legalIn: Readonly<Record<CallCommand, readonly CallState[]>> = {
  hold: commandStates.hold,
  retrieve: commandStates.retrieve,
  // The agent's own hang-up: any state in which they are on the call (release also covers
  // queued and ringing calls, which only a supervisor releases).
  hangup: ['established', 'held', 'consulting', 'conferenced'],
  transfer: commandStates.blind_transfer,
  consult: commandStates.consult,
  'complete-transfer': commandStates.complete_transfer,
  conference: commandStates.conference,
  'cancel-consult': commandStates.cancel_consult,
  dtmf: commandStates.send_dtmf,
};

export const isLegal = (command: CallCommand, state: CallState | null | undefined): boolean =>
  state ? legalIn[command].includes(state) : false;

/** The buttons of the softphone panel, in order; those needing a target open the picker. */
export const callButtons: readonly { command: CallCommand; needsTarget: boolean }[] = [
  { command: 'hold', needsTarget: false },
  { command: 'retrieve', needsTarget: false },
  { command: 'transfer', needsTarget: true },
  { command: 'consult', needsTarget: true },
  { command: 'complete-transfer', needsTarget: false },
  { command: 'conference', needsTarget: false },
  { command: 'cancel-consult', needsTarget: false },
  { command: 'hangup', needsTarget: false },
];
