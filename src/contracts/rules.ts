/**
 * Pure rule tables of the domain that the web app shows (it may import only contracts): the case
 * stage moves and the call states in which each call command is legal. One source, so the
 * desktop offers exactly what the server accepts.
 */
export {
  caseStageTransitions,
  caseStages,
  openStages,
  type CaseStage,
} from '../domain/case/case-stage.ts';
export { commandStates, type CallCommand as CallCommandName } from '../domain/call/call.ts';
