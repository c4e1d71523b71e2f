/**
 * CTI actions as data (Excalidraw's actions pattern): the softphone buttons, the keyboard
 * shortcuts and the tests read the same list. `legal` is the call-state table of
 * src/domain/call/call.ts (`commandStates`; the web app may not import the domain, so it is
 * repeated here), so a button is enabled exactly where the switch would accept the command.
 */
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
  hold: ['established'],
  retrieve: ['held'],
  hangup: ['established', 'held', 'consulting', 'conferenced'],
  transfer: ['established', 'held'],
  consult: ['established', 'held'],
  'complete-transfer': ['consulting'],
  conference: ['consulting'],
  'cancel-consult': ['consulting'],
  dtmf: ['established', 'consulting', 'conferenced'],
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
