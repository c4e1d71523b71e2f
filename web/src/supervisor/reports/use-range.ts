/** The period a report shows: a day range picked in the browser, sent as instants. */
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';

export type Range = [Dayjs, Dayjs];

/** The last 7 days, today included. */
export const lastWeek = (): Range => [
  dayjs().startOf('day').subtract(6, 'day'),
  dayjs().endOf('day'),
];

/** Query string of a range: from the first day's start to the day after the last. */
export const rangeQuery = ([a, b]: Range) =>
  `from=${encodeURIComponent(a.startOf('day').toISOString())}&to=${encodeURIComponent(
    b.startOf('day').add(1, 'day').toISOString(),
  )}`;

/** A range given in the address (`?from=2026-10-01&to=2026-10-31`, local days), if any. */
function linkedRange(): Range | null {
  const q = new URLSearchParams(location.search);
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dayjs(v) : null);
  const from = day(q.get('from'));
  const to = day(q.get('to'));
  return from?.isValid() && to?.isValid() && !to.isBefore(from) ? [from, to.endOf('day')] : null;
}

/**
 * The report period, the last week unless the address names one; picking a range puts it in
 * the address, so a report can be bookmarked or sent to a colleague.
 */
export function useRange(): [Range, (r: Range | null) => void] {
  const [range, setRange] = useState<Range>(() => linkedRange() ?? lastWeek());
  return [
    range,
    (r) => {
      if (!r) return;
      setRange(r);
      const q = new URLSearchParams(location.search);
      q.set('from', r[0].format('YYYY-MM-DD'));
      q.set('to', r[1].format('YYYY-MM-DD'));
      history.replaceState(null, '', `${location.pathname}?${q.toString()}`);
    },
  ];
}
