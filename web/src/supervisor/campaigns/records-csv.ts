/**
 * The records shown, as CSV for a spreadsheet (RFC 4180, with a BOM so Excel reads the Chinese
 * names as UTF-8): one line per record, its attempts in one cell.
 */
import type { CampaignRecord } from './campaign-types.ts';

const cell = (v: string | number): string => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function recordsCsv(
  records: readonly CampaignRecord[],
  agentName: (id: string) => string,
): string {
  const header = ['position', 'number', 'name', 'state', 'attempts', 'next_at', 'history'];
  const lines = records.map((r) =>
    [
      r.position,
      `+${r.number}`,
      r.name,
      r.state,
      r.attempts.length,
      r.nextAt ?? '',
      r.attempts
        .map((a) => [a.at, a.result, a.agentId ? agentName(a.agentId) : ''].join(' '))
        .map((s) => s.trim())
        .join('; '),
    ]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
