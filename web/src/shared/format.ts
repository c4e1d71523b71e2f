/**
 * Dates, times, numbers and durations in the page's language (zh-CN or en): every screen
 * formats through these, with `i18n.language`, never with the browser's default locale.
 */
import { useTranslation } from 'react-i18next';

/** Date and time, e.g. "2026年11月29日 14:05" / "Nov 29, 2026, 2:05 PM". */
export const formatDateTime = (iso: string | number | Date, lang: string): string =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** For lists: the time alone today, else month, day and time ("11/29 14:05" / "11/29, 02:05 PM"). */
export function formatShortTime(iso: string | number | Date, lang: string, now = new Date()) {
  const d = new Date(iso);
  const sameDay = now.toDateString() === d.toDateString();
  return new Intl.DateTimeFormat(lang, {
    ...(sameDay ? {} : { month: '2-digit', day: '2-digit' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

/** 12345.6 → "12,345.6". */
export const formatNumber = (n: number, lang: string, o?: Intl.NumberFormatOptions): string =>
  new Intl.NumberFormat(lang, o).format(n);

/** Minutes as hours and minutes: 200 → "3h 20m" / "3小时20分钟"; negative: "-45m" / "-45分钟". */
export function formatMinutes(minutes: number, lang: string): string {
  const m = Math.round(Math.abs(minutes));
  const h = Math.floor(m / 60);
  const unit = (value: number, u: 'hour' | 'minute') =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'narrow' }).format(value);
  const parts = h > 0 ? [unit(h, 'hour'), unit(m % 60, 'minute')] : [unit(m, 'minute')];
  const text = new Intl.ListFormat(lang, { type: 'unit', style: 'narrow' }).format(parts);
  return minutes < 0 && m > 0 ? `-${text}` : text;
}

/** The formatters above, bound to the page's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return {
    lang,
    dateTime: (iso: string | number | Date) => formatDateTime(iso, lang),
    shortTime: (iso: string | number | Date) => formatShortTime(iso, lang),
    number: (n: number, o?: Intl.NumberFormatOptions) => formatNumber(n, lang, o),
    minutes: (m: number) => formatMinutes(m, lang),
  };
}
