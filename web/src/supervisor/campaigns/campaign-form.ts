/**
 * The campaign form's values and their conversion to and from the API's settings: every weekday
 * present as a list of intervals (the API leaves days without dialing out), holidays as picked
 * dates (the API's local 'YYYY-MM-DD'), the abandon limit in percent (the API's fraction).
 * Field names are the API's, so a server error's `details.field` lands on the right field.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type {
  Campaign,
  DialerMode,
  Interval,
  RetryResult,
  RetryRule,
  Weekday,
} from './campaign-types.ts';
import { retryResults, weekdays } from './campaign-types.ts';

export interface CampaignFormValues {
  name: string;
  mode: DialerMode;
  queueId: string;
  callerId: string;
  timeZone: string;
  windows: Record<Weekday, Interval[]>;
  holidays: Dayjs[];
  retry: Record<RetryResult, RetryRule>;
  /** Percent, 0–20. */
  maxAbandonRate: number;
}

/** The body of POST /api/campaigns and PATCH /api/campaigns/{id}. */
export interface CampaignBody {
  name: string;
  mode: DialerMode;
  queueId: string;
  callerId: string;
  timeZone: string;
  windows: Partial<Record<Weekday, Interval[]>>;
  holidays: string[];
  retry: Record<RetryResult, RetryRule>;
  maxAbandonRate: number;
}

/** The API's caller-ID rule: E.164 with '+', 6–15 digits. */
export const callerIdPattern = /^\+[1-9]\d{5,14}$/;

export const defaultTimeZone = 'Asia/Shanghai';

/** The server's defaults (src/domain/dialer/campaign.ts), for a new campaign. */
export const defaultRetry: Record<RetryResult, RetryRule> = {
  busy: { maxAttempts: 3, retryAfterMinutes: 10 },
  no_answer: { maxAttempts: 3, retryAfterMinutes: 60 },
  failed: { maxAttempts: 2, retryAfterMinutes: 30 },
};

/** Times a window may start or end at, every 15 minutes; '24:00' ends the day. */
export const timeSlots: readonly string[] = Array.from({ length: 97 }, (_, i) => {
  const h = Math.floor(i / 4);
  return `${String(h).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`;
});

const workday = (): Interval[] => [{ start: '09:00', end: '21:00' }];

/** Form values for a new campaign (no campaign) or for editing one. */
export function toFormValues(c: Campaign | null, queueId = ''): CampaignFormValues {
  const windows = Object.fromEntries(
    weekdays.map((d) => [
      d,
      c ? (c.windows[d] ?? []).map((w) => ({ ...w })) : ['sat', 'sun'].includes(d) ? [] : workday(),
    ]),
  ) as Record<Weekday, Interval[]>;
  return {
    name: c?.name ?? '',
    mode: c?.mode ?? 'progressive',
    queueId: c?.queueId ?? queueId,
    callerId: c?.callerId ?? '',
    timeZone: c?.timeZone ?? defaultTimeZone,
    windows,
    holidays: (c?.holidays ?? []).map((d) => dayjs(d)),
    retry: Object.fromEntries(
      retryResults.map((r) => [r, { ...(c?.retry[r] ?? defaultRetry[r]) }]),
    ) as Record<RetryResult, RetryRule>,
    maxAbandonRate: c ? roundPercent(c.maxAbandonRate * 100) : 3,
  };
}

/** The API body for the form's values. */
export function toCampaignBody(v: CampaignFormValues): CampaignBody {
  const windows: Partial<Record<Weekday, Interval[]>> = {};
  for (const d of weekdays) {
    const list = (v.windows[d] ?? []).filter((w) => w.start && w.end);
    if (list.length > 0) windows[d] = [...list].sort((a, b) => a.start.localeCompare(b.start));
  }
  const holidays = [...new Set((v.holidays ?? []).map((d) => d.format('YYYY-MM-DD')))].sort();
  return {
    name: v.name.trim(),
    mode: v.mode,
    queueId: v.queueId,
    callerId: v.callerId.trim(),
    timeZone: v.timeZone.trim(),
    windows,
    holidays,
    retry: Object.fromEntries(
      retryResults.map((r) => [
        r,
        {
          maxAttempts: Number(v.retry[r].maxAttempts),
          retryAfterMinutes: Number(v.retry[r].retryAfterMinutes),
        },
      ]),
    ) as Record<RetryResult, RetryRule>,
    // 3 % → 0.03 without binary noise (0.035 stays 0.035).
    maxAbandonRate: roundPercent(v.maxAbandonRate) / 100,
  };
}

/** A percentage to two decimals (3.0000000004 → 3). */
function roundPercent(p: number): number {
  return Math.round(p * 100) / 100;
}

/** A fraction as a percentage for people: 0.0312 → '3.1%'. */
export function percentText(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** The next interval to offer after the day's last one (or the morning). */
export function nextInterval(list: readonly Interval[]): Interval {
  const last = list.at(-1);
  if (!last) return { start: '09:00', end: '12:00' };
  const i = timeSlots.indexOf(last.end);
  if (i < 0 || i >= timeSlots.length - 1) return { start: '09:00', end: '12:00' };
  const end = timeSlots[Math.min(i + 12, timeSlots.length - 1)]!;
  return { start: last.end, end };
}
