/** Case numbers read `C-20261129-000123`: the local acceptance date and a daily counter. */
const pattern = /^C-(\d{8})-(\d{6,})$/;

export function formatCaseNumber(localDate: string, n: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(localDate)) throw new RangeError(`bad date ${localDate}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`bad case counter ${n}`);
  return `C-${localDate.replaceAll('-', '')}-${String(n).padStart(6, '0')}`;
}

export function parseCaseNumber(s: string): { date: string; n: number } | null {
  const m = pattern.exec(s);
  if (!m || !m[1] || !m[2]) return null;
  const d = m[1];
  return { date: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`, n: Number(m[2]) };
}

/** Finds a case number written anywhere in a text, e.g. an e-mail subject `Re: [C-…] …`. */
export function findCaseNumber(text: string): string | null {
  const m = /C-\d{8}-\d{6,}/.exec(text);
  return m ? m[0] : null;
}
