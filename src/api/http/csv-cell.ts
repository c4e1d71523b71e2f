/** One CSV cell: numbers rounded to 4 decimals, text quoted when it holds a comma, quote or newline. */
export const csvCell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(Math.round(v * 10000) / 10000) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** A byte-order mark first, so spreadsheet programs read the UTF-8 (Chinese names) correctly. */
export const csvStart = '\ufeff';
