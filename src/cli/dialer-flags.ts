/** `kefu start` flags for the outbound dialer's timings (docs/dialer.md). */
import type { DialingOptions } from '../voice/center/start-dialer.ts';

export const dialerFlagSpec = {
  'dialer-ring-seconds': { type: 'string' },
  'dialer-connect-ms': { type: 'string' },
  'callback-queue': { type: 'string' },
} as const;

const whole = (raw: string, flag: string, min: number, max: number): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`bad --${flag} ${raw} (a whole number from ${min} to ${max})`);
  return n;
};

export function dialerOptions(v: {
  'dialer-ring-seconds'?: string | undefined;
  'dialer-connect-ms'?: string | undefined;
  'callback-queue'?: string | undefined;
}): Omit<DialingOptions, 'log'> {
  return {
    ...(v['dialer-ring-seconds']
      ? { ringSeconds: whole(v['dialer-ring-seconds'], 'dialer-ring-seconds', 5, 120) }
      : {}),
    ...(v['dialer-connect-ms']
      ? { connectWithinMs: whole(v['dialer-connect-ms'], 'dialer-connect-ms', 500, 30_000) }
      : {}),
    ...(v['callback-queue'] ? { callbackQueueId: v['callback-queue'] } : {}),
  };
}
