/**
 * The qualifier against a real SIP stack on UDP, with a socket standing in for a phone that
 * answers OPTIONS, then falls silent.
 */
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SipStack } from '../../../src/voice/sip/core/sip-stack.ts';
import { MemoryRegistrationStore } from '../../../src/voice/sip/registrar/memory-registration-store.ts';
import { Registrar } from '../../../src/voice/sip/registrar/registrar.ts';
import { PhoneQualifier } from '../../../src/voice/switch/phone-qualifier.ts';

describe('PhoneQualifier', () => {
  let stack: SipStack;
  let phone: Socket;
  let answering = true;
  const seen: string[] = [];
  const registrar = new Registrar(new MemoryRegistrationStore());

  beforeAll(async () => {
    stack = new SipStack({ host: '127.0.0.1', udpPort: 0, tcpPort: 0, publicAddress: '127.0.0.1' });
    await stack.start();
    phone = createSocket('udp4');
    await new Promise<void>((r) => phone.bind(0, '127.0.0.1', r));
    phone.on('message', (m, rinfo) => {
      const text = m.toString('latin1');
      seen.push(text);
      if (!answering || !text.startsWith('OPTIONS')) return;
      // Answer as a phone would: echo Via/From/To/Call-ID/CSeq (§8.2.6.2).
      const keep = text.split('\r\n').filter((l) => /^(Via|From|To|Call-ID|CSeq):/i.test(l));
      phone.send(
        ['SIP/2.0 200 OK', ...keep, 'Content-Length: 0', '', ''].join('\r\n'),
        rinfo.port,
        rinfo.address,
      );
    });
    const port = phone.address().port;
    await registrar.processRegister({
      aor: 'sip:8001@kefu',
      contacts: [{ uri: `<sip:8001@192.0.2.10:5060>` }], // behind NAT: the Contact is not reachable
      expiresHeader: 300,
      callId: 'reg-1',
      cseq: 1,
      source: { transport: 'udp', address: '127.0.0.1', port },
      now: Date.now(),
    });
  });
  afterAll(async () => {
    phone?.close();
    await stack?.stop();
  });

  it('marks a phone that answers reachable, with its round trip, probing the REGISTER source', async () => {
    const q = new PhoneQualifier(stack, registrar, '127.0.0.1', { everyMs: 0, timeoutMs: 500 });
    const changes: boolean[] = [];
    q.onChange = (_aor, r) => changes.push(r);
    const [binding] = await registrar.lookup('sip:8001@kefu', Date.now());
    expect(q.statusOf(binding!)).toBeNull();
    await q.run();
    expect(seen.at(-1)).toMatch(/^OPTIONS sip:8001@192\.0\.2\.10:5060 SIP\/2\.0/);
    expect(q.statusOf(binding!)).toMatchObject({ reachable: true });
    expect(q.statusOf(binding!)!.rttMs).toBeLessThan(500);
    expect(changes).toEqual([]); // unknown → reachable is not news

    answering = false;
    await q.run();
    expect(q.statusOf(binding!)).toMatchObject({ reachable: false, rttMs: null });
    answering = true;
    await q.run();
    expect(q.statusOf(binding!)).toMatchObject({ reachable: true });
    expect(changes).toEqual([false, true]);
  });

  it('forgets bindings that are gone', async () => {
    const q = new PhoneQualifier(stack, registrar, '127.0.0.1', { everyMs: 0, timeoutMs: 500 });
    const [binding] = await registrar.lookup('sip:8001@kefu', Date.now());
    await q.run();
    expect(q.statusOf(binding!)).not.toBeNull();
    await registrar.processRegister({
      aor: 'sip:8001@kefu',
      contacts: [{ uri: '*' }],
      expiresHeader: 0,
      callId: 'reg-1',
      cseq: 2,
      source: binding!.source,
      now: Date.now(),
    });
    await q.run();
    expect(q.statusOf(binding!)).toBeNull();
  });
});
