/**
 * The IVR flow as a graph: which nodes each node leads to, which nodes `start` cannot reach,
 * and which loops would spin without ever waiting for the caller.
 */
import { assertUnreachable } from '../errors.ts';
import type { IvrFlow, IvrNode, IvrNodeType } from './ivr-flow.ts';

/** Nodes that wait for the caller's keys. */
export const inputNodeTypes: readonly IvrNodeType[] = ['menu', 'collect'];

/** A reference from one node to another; `path` is where it is written in the document. */
export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  readonly path: string;
}

/** Every node `node` (with id `id`) may continue to, in document order. */
export function edgesOf(id: string, node: IvrNode): FlowEdge[] {
  const base = `nodes.${id}`;
  const edge = (to: string | undefined, field: string): FlowEdge[] =>
    to === undefined ? [] : [{ from: id, to, path: `${base}.${field}` }];
  switch (node.type) {
    case 'play':
    case 'set':
    case 'callback':
      return edge(node.next, 'next');
    case 'menu':
      return [
        ...Object.entries(node.options).flatMap(([key, to]) => edge(to, `options.${key}`)),
        ...edge(node.onFailure, 'onFailure'),
      ];
    case 'collect':
      return [...edge(node.next, 'next'), ...edge(node.onFailure, 'onFailure')];
    case 'condition':
      return [
        ...node.branches.flatMap((b, i) => edge(b.next, `branches[${i}].next`)),
        ...edge(node.otherwise, 'otherwise'),
      ];
    case 'hours':
      return [...edge(node.open, 'open'), ...edge(node.closed, 'closed')];
    case 'lookup':
      return [...edge(node.next, 'next'), ...edge(node.onError, 'onError')];
    case 'queue':
    case 'transfer':
      return edge(node.next, 'next');
    case 'hangup':
      return [];
    default:
      return assertUnreachable(node);
  }
}

const has = (flow: IvrFlow, id: string) => Object.prototype.hasOwnProperty.call(flow.nodes, id);

function successors(flow: IvrFlow, id: string): string[] {
  const node = flow.nodes[id];
  if (node === undefined) return [];
  return edgesOf(id, node)
    .map((e) => e.to)
    .filter((to) => has(flow, to));
}

/** Nodes `start` cannot reach, in document order. */
export function unreachableNodes(flow: IvrFlow): string[] {
  const seen = new Set<string>();
  const todo = has(flow, flow.start) ? [flow.start] : [];
  while (todo.length > 0) {
    const id = todo.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...successors(flow, id));
  }
  return Object.keys(flow.nodes).filter((id) => !seen.has(id));
}

/**
 * Loops among nodes that do not wait for the caller's keys (anything but menu and collect):
 * each strongly connected component of that subgraph with more than one node, or one node that
 * leads to itself. Each is listed from its first node in document order.
 */
export function inputlessCycles(flow: IvrFlow): string[][] {
  const ids = Object.keys(flow.nodes).filter((id) => {
    const node = flow.nodes[id];
    return node !== undefined && !inputNodeTypes.includes(node.type);
  });
  const inSubgraph = new Set(ids);
  const next = (id: string) => successors(flow, id).filter((to) => inSubgraph.has(to));

  // Tarjan's algorithm, iterative so a long chain of nodes cannot exhaust the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; children: string[]; i: number }[] = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, children: next(id), i: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { id: string; children: string[]; i: number };
      if (frame.i < frame.children.length) {
        const child = frame.children[frame.i++] as string;
        if (!index.has(child)) open(child);
        else if (onStack.has(child))
          low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(child) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined)
        low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      for (;;) {
        const id = stack.pop() as string;
        onStack.delete(id);
        component.push(id);
        if (id === frame.id) break;
      }
      if (component.length > 1 || frame.children.includes(frame.id)) {
        const order = new Map(ids.map((id, i) => [id, i]));
        cycles.push(component.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
      }
    }
  }
  return cycles;
}
