/**
 * Out through a trunk: a stored IVR flow (mapped to a number) transfers the caller to an outside
 * number; the switch calls it through the carrier trunk presenting the trunk's caller ID, and
 * bridges the two. SIPp plays both the caller (from the trunk) and the carrier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/app/app-context.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { bootstrapCenter } from '../../src/app/seed/bootstrap.ts';
import { startCenter, type Center } from '../../src/main.ts';
import { hostAddress } from '../support/baresip.ts';
import { callerScenario } from '../support/sipp-caller.ts';
import { runSipp, scenarioPath } from '../support/sipp.ts';
import { openTestStore } from '../support/test-stores.ts';

describe('transfer out through a carrier trunk', () => {
  const host = hostAddress();
  const carrierPort = 5096;
  let store: Store;
  let center: Center;

  beforeAll(async () => {
    store = await openTestStore('pglite');
    await bootstrapCenter(store);
    center = await startCenter({
      store,
      port: 0,
      host: '127.0.0.1',
      voice: {
        sipPort: 0,
        publicAddress: host,
        bindAddress: '0.0.0.0',
        rtpPorts: { min: 36_000, max: 36_998 },
        trunks: [
          {
            name: 'carrier',
            addresses: [host],
            outbound: { transport: 'UDP', address: host, port: carrierPort },
            callerId: '4008001000',
          },
        ],
      },
    });
    const flows = center.services.ivrFlows;
    await flows.publish(systemActor, {
      id: 'xfer',
      name: 'Transfer to the branch office',
      language: 'zh',
      start: 'out',
      nodes: {
        out: { type: 'transfer', number: '13700001111', next: 'bye' },
        bye: { type: 'hangup' },
      },
    });
    await flows.setNumber(systemActor, '4009', 'xfer');
  }, 60_000);

  afterAll(async () => {
    await center?.close();
    await store?.close();
  });

  it('calls the outside number with the trunk’s caller ID and bridges the caller to it', async () => {
    const sw = center.voice!.sw;
    const carrier = runSipp({
      target: '',
      scenario: scenarioPath('carrier-uas.xml'),
      host,
      localPort: carrierPort,
      extra: ['-rtp_echo'],
      timeoutMs: 40_000,
      calls: 1,
    });
    await new Promise((r) => setTimeout(r, 500));
    const caller = await runSipp({
      target: `${host}:${sw.sipPort}`,
      host,
      service: '4009',
      scenario: callerScenario({
        caller: '8613500135000',
        steps: [{ pause: 3000 }],
        end: 'hangup',
      }),
      extra: ['-rtp_echo'],
      timeoutMs: 30_000,
    });
    expect(caller.code, caller.out.slice(-1500)).toBe(0);
    const c = await carrier;
    expect(c.code, c.out.slice(-1500)).toBe(0);
    const events = await store.events.after(0, 1000, null);
    expect(events.find((e) => e.type === 'call.transferred')?.payload).toMatchObject({
      number: '13700001111',
      trunk: 'carrier',
    });
  }, 60_000);
});
