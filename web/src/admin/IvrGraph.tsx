import { Empty } from 'antd';
import type { FlowGraph, FlowGraphNode } from './ivr-graph.ts';

const typeColor: Record<string, string> = {
  menu: '#1677ff',
  collect: '#13c2c2',
  play: '#52c41a',
  set: '#8c8c8c',
  condition: '#faad14',
  hours: '#fa8c16',
  lookup: '#722ed1',
  queue: '#eb2f96',
  callback: '#7cb305',
  transfer: '#2f54eb',
  hangup: '#595959',
};

const nodeW = 128;
const nodeH = 34;
const stepX = 144;
const stepY = 64;
const pad = 12;

const pos = (n: FlowGraphNode) => ({ x: pad + n.row * stepX, y: pad + n.column * stepY });
const short = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * The flow drawn read-only, top to bottom by steps from the start, as SVG at its natural size
 * (the box scrolls; nothing is shrunk into illegibility). Arrows carry the key or branch that
 * leads along them; the start node has a heavy border, nodes the server complained about a
 * red one, nodes the start cannot reach are faded.
 */
export function IvrGraph({
  graph,
  problemNodes,
}: {
  graph: FlowGraph | null;
  problemNodes: Set<string>;
}) {
  if (!graph || graph.nodes.length === 0) return <Empty />;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const width = pad * 2 + Math.max(...graph.nodes.map((n) => n.row)) * stepX + nodeW;
  const height = pad * 2 + Math.max(...graph.nodes.map((n) => n.column)) * stepY + nodeH;
  return (
    <div style={{ height: 470, overflow: 'auto', border: '1px solid #f0f0f0', borderRadius: 4 }}>
      <svg width={width} height={height} data-testid="ivr-graph" role="img">
        <defs>
          <marker
            id="ivr-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="#8c8c8c" />
          </marker>
        </defs>
        {graph.edges.map((e, i) => {
          const a = byId.get(e.from);
          const b = byId.get(e.to);
          if (!a || !b) return null;
          const p = pos(a);
          const q = pos(b);
          const x1 = p.x + nodeW / 2;
          const y1 = p.y + nodeH;
          const x2 = q.x + nodeW / 2;
          // Forward edges enter from above; edges back up the flow (retries) enter from the side.
          const back = b.column <= a.column;
          const y2 = back ? q.y + nodeH / 2 : q.y;
          const bend = back ? Math.max(40, (a.column - b.column) * 30) : (y2 - y1) / 2;
          const d = back
            ? `M${x1},${y1} C${x1 + bend},${y1 + 20} ${q.x + nodeW + bend},${y2} ${q.x + nodeW},${y2}`
            : `M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}`;
          const lx = back ? q.x + nodeW + bend / 2 : (x1 + x2) / 2;
          const ly = back ? (y1 + y2) / 2 : (y1 + y2) / 2;
          return (
            <g key={i}>
              <path
                d={d}
                fill="none"
                stroke="#bfbfbf"
                strokeWidth={1.2}
                markerEnd="url(#ivr-arrow)"
              />
              {e.label && (
                <text
                  x={lx}
                  y={ly}
                  fontSize={10}
                  textAnchor="middle"
                  fill="#595959"
                  stroke="#fff"
                  strokeWidth={3}
                  paintOrder="stroke"
                >
                  {short(e.label, 10)}
                </text>
              )}
            </g>
          );
        })}
        {graph.nodes.map((n) => {
          const { x, y } = pos(n);
          const problem = problemNodes.has(n.id);
          const start = n.id === graph.start;
          return (
            <g key={n.id} opacity={n.reachable ? 1 : 0.55} data-testid={`ivr-node-${n.id}`}>
              <title>{`${n.id} · ${n.type}${n.label ? ` · ${n.label}` : ''}`}</title>
              <rect
                x={x}
                y={y}
                width={nodeW}
                height={nodeH}
                rx={6}
                fill={typeColor[n.type] ?? '#bfbfbf'}
                stroke={problem ? '#f5222d' : start ? '#000' : 'none'}
                strokeWidth={problem || start ? 3 : 0}
                strokeDasharray={n.reachable ? undefined : '4 3'}
              />
              <text
                x={x + nodeW / 2}
                y={y + 14}
                fontSize={11}
                fontWeight={600}
                textAnchor="middle"
                fill="#fff"
              >
                {short(n.id, 20)}
              </text>
              <text
                x={x + nodeW / 2}
                y={y + 27}
                fontSize={9}
                textAnchor="middle"
                fill="#fff"
                opacity={0.85}
              >
                {n.type}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
