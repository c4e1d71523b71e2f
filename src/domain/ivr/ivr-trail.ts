/**
 * The nodes a call went through in an IVR flow and how it left each one (IVR 节点轨迹), for the
 * node-visit and containment report. The runner feeds it each step's input and the nodes that
 * step entered; the last node's exit is the outcome that ended the IVR's part of the call.
 */
import type { IvrInput } from './ivr-action.ts';
import type { IvrFlow } from './ivr-flow.ts';

export interface IvrVisit {
  readonly node: string;
  /**
   * How the call left the node: a menu key ('1'), 'failure' (menu or collect retries spent),
   * 'timeout' (menu left by silence), 'entered' (collect; the digits themselves are never kept), 'ok' / 'error' (lookup),
   * 'open' / 'closed' (hours), 'queue_left', 'transfer_failed', 'next', or the IVR outcome
   * ('queue', 'callback', 'transfer', 'hangup', 'caller_hangup'); null while still there.
   */
  readonly exit: string | null;
}

/** Why `from` was left for `to`, given the input that moved it (null when none did). */
export function exitLabel(flow: IvrFlow, from: string, to: string, input: IvrInput | null): string {
  const node = flow.nodes[from];
  if (!node) return 'next';
  switch (node.type) {
    case 'menu': {
      if (to === node.onFailure && !Object.values(node.options).includes(to))
        return input?.type === 'timeout' ? 'timeout' : 'failure';
      const typed = input?.type === 'digits' ? input.digits : '';
      const keys = Object.keys(node.options).filter((k) => node.options[k] === to);
      // Several keys may lead to the same node: the one pressed, else the first listed.
      return keys.find((k) => typed.includes(k)) ?? keys[0] ?? 'failure';
    }
    case 'collect':
      return to === node.next && to !== node.onFailure ? 'entered' : 'failure';
    case 'lookup':
      return input?.type === 'lookup_result' && input.ok ? 'ok' : 'error';
    case 'hours':
      return to === node.open ? 'open' : 'closed';
    case 'queue':
      return 'queue_left';
    case 'transfer':
      return 'transfer_failed';
    default:
      return 'next';
  }
}

/**
 * The trail after one step: the first node entered closes the node the input was given to (its
 * exit follows from the input), each later node entered in the same step closes the one before.
 */
export function extendTrail(
  flow: IvrFlow,
  trail: readonly IvrVisit[],
  input: IvrInput,
  entered: readonly string[],
): IvrVisit[] {
  const out = [...trail];
  let cause: IvrInput | null = input;
  for (const node of entered) {
    const last = out.at(-1);
    if (last && last.exit === null)
      out[out.length - 1] = { node: last.node, exit: exitLabel(flow, last.node, node, cause) };
    cause = null;
    out.push({ node, exit: null });
  }
  return out;
}

/** The trail with its open node closed by the IVR outcome. */
export function closeTrail(trail: readonly IvrVisit[], outcome: string): IvrVisit[] {
  const last = trail.at(-1);
  if (!last || last.exit !== null) return [...trail];
  return [...trail.slice(0, -1), { node: last.node, exit: outcome }];
}
