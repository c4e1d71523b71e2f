/**
 * Clocks for the desktop: a ticking "now" for timers and countdowns, and how they read (dates and
 * business minutes in the page's language are in ../shared/format.ts).
 */
import { useEffect, useState } from 'react';

/** The current time in ms, re-rendering the caller every `intervalMs`. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** 75 → "1:15", 3725 → "1:02:05"; negative values count as 0. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Seconds from an ISO instant to `now` (ms). */
export const secondsSince = (iso: string, now: number) => (now - Date.parse(iso)) / 1000;
