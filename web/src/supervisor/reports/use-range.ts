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

export function useRange(): [Range, (r: Range | null) => void] {
  const [range, setRange] = useState<Range>(lastWeek);
  return [range, (r) => r && setRange(r)];
}
