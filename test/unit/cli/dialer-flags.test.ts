import { describe, expect, it } from 'vitest';
import { dialerOptions } from '../../../src/cli/dialer-flags.ts';

describe('kefu start dialer flags', () => {
  it('reads ring time, connect deadline and the call-back queue', () => {
    expect(dialerOptions({})).toEqual({});
    expect(
      dialerOptions({
        'dialer-ring-seconds': '30',
        'dialer-connect-ms': '1500',
        'callback-queue': 'queue-general',
      }),
    ).toEqual({ ringSeconds: 30, connectWithinMs: 1500, callbackQueueId: 'queue-general' });
  });

  it('refuses values a dialer cannot work with, naming the flag', () => {
    expect(() => dialerOptions({ 'dialer-ring-seconds': '2' })).toThrow(/--dialer-ring-seconds 2/);
    expect(() => dialerOptions({ 'dialer-connect-ms': 'soon' })).toThrow(/--dialer-connect-ms/);
    expect(() => dialerOptions({ 'dialer-connect-ms': '60000' })).toThrow(/500 to 30000/);
  });
});
