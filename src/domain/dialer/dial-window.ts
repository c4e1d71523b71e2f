/**
 * When a record may be dialed: inside the campaign's weekly windows read in the record's own time
 * zone (else the campaign's), never on the campaign's holidays, and not before its `nextAt`.
 */
import { addBusinessMinutes, isOpenAt } from '../sla/business-calendar.ts';
import { windowCalendar, type Campaign } from './campaign.ts';
import type { CampaignRecord } from './campaign-record.ts';

const oneMsInMinutes = 1 / 60_000;

/** True when the record may be dialed at `now` (its state is the caller's business). */
export function mayDialNow(c: Campaign, r: CampaignRecord, now: Date): boolean {
  if (r.nextAt && r.nextAt.getTime() > now.getTime()) return false;
  return isOpenAt(windowCalendar(c, r.timeZone ?? c.timeZone), now);
}

/**
 * The first instant at or after `now` when the record may be dialed, or null when the campaign has
 * no dialing hours at all.
 */
export function nextDialAt(c: Campaign, r: CampaignRecord, now: Date): Date | null {
  const cal = windowCalendar(c, r.timeZone ?? c.timeZone);
  const from = r.nextAt && r.nextAt.getTime() > now.getTime() ? r.nextAt : now;
  if (isOpenAt(cal, from)) return from;
  const hasHours = Object.values(c.windows).some((l) => (l?.length ?? 0) > 0);
  if (!hasHours) return null;
  // One business millisecond after `from` ends 1 ms after the next opening.
  return new Date(addBusinessMinutes(cal, from, oneMsInMinutes).getTime() - 1);
}
