/**
 * An IVR flow document as a graph to draw: its nodes placed in columns by distance from
 * `start`, and the edges each node's fields name (next, options,
 * branches …). Read leniently — the editor draws what it can while the document is half
 * written; the server's validation is the judge.
 */
export interface FlowGraphNode {
  id: string;
  type: string;
  label: string | null;
  column: number;
  row: number;
  reachable: boolean;
}

export interface FlowGraphEdge {
  from: string;
  to: string;
  /** The key or branch that leads there (empty for a plain `next`). */
  label: string;
}

export interface FlowGraph {
  start: string | null;
  nodes: FlowGraphNode[];
  edges: FlowGraphEdge[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Fields that name one following node, with the label shown on the edge. */
const single: [string, string][] = [
  ['next', ''],
  ['onFailure', 'fail'],
  ['onError', 'error'],
  ['otherwise', 'else'],
  ['open', 'open'],
  ['closed', 'closed'],
];

function edgesOf(id: string, node: Obj): FlowGraphEdge[] {
  const out: FlowGraphEdge[] = [];
  if (isObj(node['options']))
    for (const [key, to] of Object.entries(node['options']))
      if (typeof to === 'string') out.push({ from: id, to, label: key });
  if (Array.isArray(node['branches']))
    node['branches'].forEach((b, i) => {
      if (isObj(b) && typeof b['next'] === 'string')
        out.push({ from: id, to: b['next'], label: `#${i + 1}` });
    });
  for (const [field, label] of single)
    if (typeof node[field] === 'string') out.push({ from: id, to: node[field], label });
  return out;
}

export function flowGraph(doc: unknown): FlowGraph | null {
  if (!isObj(doc) || !isObj(doc['nodes'])) return null;
  const raw = doc['nodes'];
  const ids = Object.keys(raw);
  const start = typeof doc['start'] === 'string' ? doc['start'] : null;
  const edges = ids.flatMap((id) => {
    const n = raw[id];
    return isObj(n) ? edgesOf(id, n).filter((e) => e.to in raw) : [];
  });
  // Breadth-first from start: a node's column is its distance in steps. Nodes start cannot
  // reach are laid out the same way from each one not yet placed, so a flow with a broken
  // start still draws as a graph rather than a pile.
  const column = new Map<string, number>();
  const reachable = new Set<string>();
  const walk = (from: string) => {
    column.set(from, 0);
    const queue = [from];
    while (queue.length > 0) {
      const id = queue.shift() as string;
      for (const e of edges)
        if (e.from === id && !column.has(e.to)) {
          column.set(e.to, (column.get(id) ?? 0) + 1);
          queue.push(e.to);
        }
    }
  };
  if (start !== null && start in raw) walk(start);
  for (const id of column.keys()) reachable.add(id);
  const targets = new Set(edges.map((e) => e.to));
  for (const id of [...ids.filter((x) => !targets.has(x)), ...ids]) if (!column.has(id)) walk(id);
  const rows = new Map<number, number>();
  const nodes = ids.map((id) => {
    const n = raw[id];
    const c = column.get(id) ?? 0;
    const row = rows.get(c) ?? 0;
    rows.set(c, row + 1);
    return {
      id,
      type: isObj(n) && typeof n['type'] === 'string' ? n['type'] : '?',
      label: isObj(n) && typeof n['label'] === 'string' ? n['label'] : null,
      column: c,
      row,
      reachable: reachable.has(id),
    };
  });
  return { start, nodes, edges };
}
