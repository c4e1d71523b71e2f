/**
 * A recording's waveform as SVG: the customer's channel above the line, the agent's below,
 * paused (PCI) spans as grey blocks (the file is silent there), the play position as a line.
 * A click seeks to that point.
 */
import type { Waveform as WaveformData } from './recording-types.ts';

const height = 120;
const half = height / 2;

export function Waveform({
  data,
  positionMs,
  onSeek,
}: {
  data: WaveformData;
  positionMs: number;
  onSeek: (ms: number) => void;
}) {
  const [caller = [], agent = []] = data.peaks;
  const n = Math.max(caller.length, 1);
  const x = (ms: number) => (data.durationMs > 0 ? (ms / data.durationMs) * n : 0);
  const bars = (peaks: number[], up: boolean, color: string) =>
    peaks.map((p, i) => {
      const h = Math.max(p * (half - 2), p > 0 ? 0.5 : 0);
      return <rect key={i} x={i} y={up ? half - h : half} width={0.8} height={h} fill={color} />;
    });
  return (
    <svg
      data-testid="waveform"
      viewBox={`0 0 ${n} ${height}`}
      preserveAspectRatio="none"
      style={{ width: '100%', height, cursor: 'pointer', background: '#fafafa' }}
      onClick={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        onSeek(((e.clientX - box.left) / box.width) * data.durationMs);
      }}
    >
      {data.pauses.map((p, i) => (
        <rect
          key={`p${i}`}
          data-testid="paused-span"
          x={x(p.fromMs)}
          y={0}
          width={Math.max(x(p.toMs) - x(p.fromMs), 0.5)}
          height={height}
          fill="#d9d9d9"
        />
      ))}
      {bars(caller, true, '#1677ff')}
      {bars(agent, false, '#52c41a')}
      <line x1={0} x2={n} y1={half} y2={half} stroke="#bfbfbf" strokeWidth={0.5} />
      <line
        data-testid="playhead"
        x1={x(positionMs)}
        x2={x(positionMs)}
        y1={0}
        y2={height}
        stroke="#ff4d4f"
        strokeWidth={1}
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
