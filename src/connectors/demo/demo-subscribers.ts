/**
 * DEMO subscriber data for the demo operator backend: every Chinese mobile number (86 1[3-9]…,
 * with or without 86) is a subscriber whose plan, balance, services, bills, payments and top-ups
 * are derived from the number, so the same caller always sees the same account. The seed's
 * customers (86138…, 8613900139000) are among them. Not an operator system: a stand-in for one.
 */
import type {
  Balance,
  Bill,
  Payment,
  SubscribedService,
  SubscriberProfile,
  TopUp,
} from '../../app/ports/connectors.ts';

export const demoPlans = [
  { code: 'P58', name: '畅享套餐 58元', monthlyFee: '58.00' },
  { code: 'P128', name: '5G 畅享 128元', monthlyFee: '128.00' },
  { code: 'P188', name: '全球通 188元', monthlyFee: '188.00' },
  { code: 'F99', name: 'Family share 99', monthlyFee: '99.00' },
] as const;

export const demoServiceCatalogue = [
  { code: 'VOLTE', name: 'VoLTE 高清通话' },
  { code: 'ROAM', name: '国际漫游 International roaming' },
  { code: 'DATA10', name: '流量包 10GB data pack' },
  { code: 'CRBT', name: '彩铃 Ring-back tones' },
  { code: 'VM', name: '语音信箱 Voicemail' },
] as const;

/**
 * Where the demo outage is. Only one scripted subscriber lives there — the demo seed's second
 * customer — so calls from that number hear the announcement and other demo calls queue as
 * usual (the tests' callers, 刘洋 8613900139000 among them, keep their timing).
 */
export const demoOutageArea = 'SH-PD';
export const demoOutageSubscriber = '8613810007919';
const generatedAreas = ['SH-XH', 'BJ-HD', 'GZ-TH', 'SZ-NS'] as const;
const scripted: Record<string, string> = { [demoOutageSubscriber]: demoOutageArea };

/** The subscriber's canonical number (86 + 11 digits), or null when not a demo subscriber. */
export function demoSubscriberNumber(msisdn: string): string | null {
  const d = msisdn.replace(/^\+/, '');
  if (/^861[3-9]\d{9}$/.test(d)) return d;
  if (/^1[3-9]\d{9}$/.test(d)) return `86${d}`;
  return null;
}

function hash(n: string): number {
  let h = 7;
  for (const c of n) h = (h * 31 + c.charCodeAt(0)) % 1_000_003;
  return h;
}

const cents = (n: number) => (n / 100).toFixed(2);

export function demoProfile(n: string): SubscriberProfile {
  const h = hash(n);
  const plan = demoPlans[h % demoPlans.length] ?? demoPlans[0];
  return {
    msisdn: n,
    name: `Demo subscriber ${n.slice(-4)}`,
    area: scripted[n] ?? generatedAreas[(h >> 3) % generatedAreas.length] ?? 'SH-XH',
    status: h % 17 === 0 ? 'suspended' : 'active',
    plan: { ...plan },
  };
}

export function demoServices(n: string): SubscribedService[] {
  const h = hash(n);
  return demoServiceCatalogue
    .filter((_, i) => i === 0 || ((h >> i) & 1) === 1)
    .map((s, i) => ({ ...s, since: `20${20 + ((h + i) % 6)}-0${1 + (i % 9)}-15T00:00:00Z` }));
}

export function demoBalance(n: string): Balance {
  const h = hash(n);
  return {
    amount: cents(h % 50_000), // 0.00 – 499.99
    currency: 'CNY',
    planName: demoProfile(n).plan.name,
  };
}

export function demoBills(n: string, month: string): Bill[] {
  const h = hash(n + month);
  const p = demoProfile(n).plan;
  const items = [
    { description: `套餐月费 ${p.name}`, amount: p.monthlyFee },
    { description: '超出流量 Extra data', amount: cents(h % 3000) },
    { description: '语音通话 Voice calls', amount: cents((h >> 4) % 2000) },
  ];
  const total = items.reduce((s, i) => s + Math.round(Number(i.amount) * 100), 0);
  return [{ month, total: cents(total), currency: 'CNY', paid: h % 5 !== 0, items }];
}

export function demoPayments(n: string): Payment[] {
  const h = hash(n);
  return [1, 2, 3].map((i) => ({
    id: `PAY-${n.slice(-4)}-${i}`,
    at: `2026-${String(12 - i).padStart(2, '0')}-05T10:00:00Z`,
    amount: cents(5000 + ((h * i) % 15_000)),
    method: ['alipay', 'wechat', 'bank'][(h + i) % 3] ?? 'bank',
  }));
}

export function demoTopUps(n: string): TopUp[] {
  const h = hash(n);
  return [1, 2].map((i) => ({
    id: `TOP-${n.slice(-4)}-${i}`,
    at: `2026-${String(11 - i).padStart(2, '0')}-20T09:30:00Z`,
    amount: cents((((h >> i) % 5) + 1) * 5000),
    channel: ['app', 'card', 'store'][(h + i) % 3] ?? 'app',
  }));
}
