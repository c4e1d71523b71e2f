import type { TFunction } from 'i18next';

/** A duration for people: "45 s", "3 min 05 s", "2 h 10 min", "1 d 4 h". */
export function formatDuration(t: TFunction<'supervisor'>, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('duration.s', { s });
  if (s < 3600)
    return t('duration.ms', { m: Math.floor(s / 60), s: String(s % 60).padStart(2, '0') });
  if (s < 86400)
    return t('duration.hm', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
  return t('duration.dh', { d: Math.floor(s / 86400), h: Math.floor((s % 86400) / 3600) });
}

export const percent = (v: number | null | undefined) =>
  v === null || v === undefined ? '–' : `${v.toFixed(v >= 99.95 || v === 0 ? 0 : 1)}%`;

export const seconds = (v: number | null | undefined) =>
  v === null || v === undefined ? '–' : `${v.toFixed(v >= 10 ? 0 : 1)} s`;
