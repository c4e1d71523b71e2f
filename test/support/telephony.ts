/**
 * Shared steps of the telephony tests: open the demo office calendar around the clock (the
 * tests must not depend on the time of day), log in over the API, wait for an event, and place
 * the usual customer call (10086, press 2 for complaints, wait for the center to hang up).
 */
import { systemActor } from '../../src/app/app-context.ts';
import type { Store } from '../../src/app/ports/store.ts';
import type { LoggedEvent } from '../../src/domain/events/domain-event.ts';
import type { Center } from '../../src/main.ts';
import { callerScenario } from './sipp-caller.ts';
import { runSipp } from './sipp.ts';

export async function openAllDay(center: Center): Promise<void> {
  const s = center.services;
  const office = (await s.caseConfig.listCalendars()).find((c) => c.name.includes('office'));
  const day = [{ start: '00:00', end: '24:00' }];
  if (office)
    await s.caseConfig.updateCalendar(systemActor, office.id, {
      weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
      holidays: [],
      specialDays: [],
    });
}

export async function apiToken(center: Center, username: string, password: string) {
  const r = await fetch(`${center.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await r.json()) as { token: string }).token;
}

/** The `count`-th event of `type` logged after `afterSeq` (polls; throws after `timeoutMs`). */
export async function waitForEvent(
  store: Store,
  afterSeq: number,
  type: string,
  o: { count?: number; timeoutMs?: number } = {},
): Promise<LoggedEvent> {
  const deadline = Date.now() + (o.timeoutMs ?? 20_000);
  for (;;) {
    const found = (await store.events.after(afterSeq, 500, null)).filter((e) => e.type === type);
    const e = found[(o.count ?? 1) - 1];
    if (e) return e;
    if (Date.now() > deadline) throw new Error(`no ${type} event (${found.length} seen)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A customer calls 10086, presses 2 (complaints) and stays until the center hangs up. */
export function complaintCaller(center: Center, host: string, caller: string, timeoutMs: number) {
  return runSipp({
    target: `${host}:${center.voice!.sw.sipPort}`,
    host,
    scenario: callerScenario({ caller, steps: [{ pause: 1500 }, { dtmf: '2' }], end: 'await_bye' }),
    extra: ['-rtp_echo'],
    timeoutMs,
  });
}
