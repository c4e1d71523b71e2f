/** RFC 3261 §17 timers and state machines, driven by a manual clock and a recording transport. */
import { describe, expect, it } from 'vitest';
import {
  parseMessage,
  type SipRequest,
  type SipResponse,
} from '../../../../src/voice/sip/message/index.ts';
import { ClientTransaction } from '../../../../src/voice/sip/transaction/client-transaction.ts';
import { ServerTransaction } from '../../../../src/voice/sip/transaction/server-transaction.ts';
import { makeResponse } from '../../../../src/voice/sip/core/make-response.ts';
import type { Destination } from '../../../../src/voice/sip/transport/destination.ts';
import { ManualScheduler } from './manual-scheduler.ts';

const udp: Destination = { transport: 'UDP', address: '127.0.0.1', port: 5062 };
const tcp: Destination = { transport: 'TCP', address: '127.0.0.1', port: 5062 };

function request(method: string): SipRequest {
  const raw = [
    `${method} sip:8001@kefu.local SIP/2.0`,
    'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKtest1;rport',
    'Max-Forwards: 70',
    'From: <sip:caller@example.com>;tag=abc',
    'To: <sip:8001@kefu.local>',
    'Call-ID: call-1@example.com',
    `CSeq: 1 ${method}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  return parseMessage(Buffer.from(raw)) as SipRequest;
}

function recorder() {
  const sent: { msg: SipRequest | SipResponse; at: number }[] = [];
  return {
    sent,
    sender: (s: ManualScheduler) => ({
      send: async (msg: SipRequest | SipResponse) => void sent.push({ msg, at: s.now }),
    }),
  };
}

describe('client transactions (§17.1)', () => {
  it('retransmits an INVITE over UDP at T1, 2T1, 4T1 … and times out at 64·T1 (Timer A, B)', () => {
    const s = new ManualScheduler();
    const r = recorder();
    let timedOut = false;
    const tx = new ClientTransaction(
      't',
      request('INVITE'),
      udp,
      r.sender(s),
      { onResponse: () => {}, onTimeout: () => (timedOut = true), onTransportError: () => {} },
      s,
    );
    let terminated = false;
    tx.start(() => (terminated = true));
    s.advance(31_999);
    expect(r.sent.map((x) => x.at)).toEqual([0, 500, 1500, 3500, 7500, 15_500, 31_500]);
    s.advance(1);
    expect(timedOut).toBe(true);
    expect(terminated).toBe(true);
    expect(tx.state).toBe('terminated');
  });

  it('stops INVITE retransmissions on a provisional and ACKs a non-2xx final itself (§17.1.1.3)', () => {
    const s = new ManualScheduler();
    const r = recorder();
    const got: number[] = [];
    const inv = request('INVITE');
    const tx = new ClientTransaction(
      't',
      inv,
      udp,
      r.sender(s),
      {
        onResponse: (res) => got.push(res.status),
        onTimeout: () => {},
        onTransportError: () => {},
      },
      s,
    );
    tx.start(() => {});
    s.advance(600);
    tx.receive(makeResponse(inv, 180, { toTag: 'xyz' }));
    s.advance(10_000);
    expect(r.sent).toHaveLength(2);
    const busy = makeResponse(inv, 486, { toTag: 'xyz' });
    tx.receive(busy);
    expect(tx.state).toBe('completed');
    const ack = r.sent.at(-1)?.msg as SipRequest;
    expect(ack.method).toBe('ACK');
    expect(ack.headers.get('To')).toContain('tag=xyz');
    expect(ack.headers.get('CSeq')).toBe('1 ACK');
    expect(ack.headers.getAll('Via')).toEqual([inv.headers.getAll('Via')[0]]);
    tx.receive(busy); // retransmitted final → ACK again, not passed up
    expect(r.sent.filter((x) => (x.msg as SipRequest).method === 'ACK')).toHaveLength(2);
    expect(got).toEqual([180, 486]);
    s.advance(32_000); // Timer D
    expect(tx.state).toBe('terminated');
  });

  it('passes 2xx and its retransmissions up in the accepted state until Timer M (RFC 6026)', () => {
    const s = new ManualScheduler();
    const r = recorder();
    const got: number[] = [];
    const inv = request('INVITE');
    const tx = new ClientTransaction(
      't',
      inv,
      udp,
      r.sender(s),
      {
        onResponse: (res) => got.push(res.status),
        onTimeout: () => {},
        onTransportError: () => {},
      },
      s,
    );
    tx.start(() => {});
    const ok = makeResponse(inv, 200, { toTag: 'x' });
    tx.receive(ok);
    tx.receive(ok);
    expect(tx.state).toBe('accepted');
    expect(got).toEqual([200, 200]);
    s.advance(32_000);
    expect(tx.state).toBe('terminated');
  });

  it('non-INVITE: Timer E doubles to T2, stays at T2 after 1xx, Timer K after a final', () => {
    const s = new ManualScheduler();
    const r = recorder();
    const opt = request('OPTIONS');
    const tx = new ClientTransaction(
      't',
      opt,
      udp,
      r.sender(s),
      { onResponse: () => {}, onTimeout: () => {}, onTransportError: () => {} },
      s,
    );
    tx.start(() => {});
    s.advance(11_500);
    expect(r.sent.map((x) => x.at)).toEqual([0, 500, 1500, 3500, 7500, 11_500]);
    tx.receive(makeResponse(opt, 200));
    expect(tx.state).toBe('completed');
    s.advance(5000);
    expect(tx.state).toBe('terminated');
  });

  it('does not retransmit over TCP and ends at once after the final response', () => {
    const s = new ManualScheduler();
    const r = recorder();
    const opt = request('OPTIONS');
    const tx = new ClientTransaction(
      't',
      opt,
      tcp,
      r.sender(s),
      { onResponse: () => {}, onTimeout: () => {}, onTransportError: () => {} },
      s,
    );
    tx.start(() => {});
    s.advance(20_000);
    expect(r.sent).toHaveLength(1);
    tx.receive(makeResponse(opt, 200));
    s.advance(0);
    expect(tx.state).toBe('terminated');
  });

  it('reports a transport error', async () => {
    const s = new ManualScheduler();
    let err: Error | null = null;
    const tx = new ClientTransaction(
      't',
      request('OPTIONS'),
      tcp,
      { send: () => Promise.reject(new Error('refused')) },
      { onResponse: () => {}, onTimeout: () => {}, onTransportError: (e) => (err = e) },
      s,
    );
    tx.start(() => {});
    await new Promise((r) => setImmediate(r));
    expect(String(err)).toContain('refused');
    expect(tx.state).toBe('terminated');
  });
});

describe('server transactions (§17.2)', () => {
  it('INVITE: retransmits a non-2xx final at T1 doubling to T2 until ACK, then waits Timer I', () => {
    const s = new ManualScheduler();
    const r = recorder();
    const inv = request('INVITE');
    const tx = new ServerTransaction('t', inv, udp, r.sender(s), s);
    tx.start(() => {});
    tx.respond(makeResponse(inv, 100));
    tx.retransmission();
    expect(r.sent.map((x) => (x.msg as SipResponse).status)).toEqual([100, 100]);
    tx.respond(makeResponse(inv, 486, { toTag: 't' }));
    s.advance(7_500);
    expect(r.sent.filter((x) => (x.msg as SipResponse).status === 486).map((x) => x.at)).toEqual([
      0, 500, 1500, 3500, 7500,
    ]);
    tx.ack();
    expect(tx.state).toBe('confirmed');
    s.advance(10_000);
    expect(r.sent.filter((x) => (x.msg as SipResponse).status === 486)).toHaveLength(5);
    expect(tx.state).toBe('terminated');
  });

  it('INVITE: gives up without an ACK at Timer H (64·T1)', () => {
    const s = new ManualScheduler();
    const r = recorder();
    const inv = request('INVITE');
    const tx = new ServerTransaction('t', inv, udp, r.sender(s), s);
    tx.start(() => {});
    tx.respond(makeResponse(inv, 480, { toTag: 't' }));
    s.advance(31_999);
    expect(tx.state).toBe('completed');
    s.advance(1);
    expect(tx.state).toBe('terminated');
  });

  it('INVITE 2xx: accepted until Timer L; the UAS core may resend the 2xx through it', () => {
    const s = new ManualScheduler();
    const r = recorder();
    const inv = request('INVITE');
    const tx = new ServerTransaction('t', inv, udp, r.sender(s), s);
    tx.start(() => {});
    const ok = makeResponse(inv, 200, { toTag: 't' });
    tx.respond(ok);
    tx.respond(ok);
    expect(tx.state).toBe('accepted');
    expect(r.sent).toHaveLength(2);
    s.advance(32_000);
    expect(tx.state).toBe('terminated');
  });

  it('non-INVITE: answers retransmissions with the last response; Timer J', () => {
    const s = new ManualScheduler();
    const r = recorder();
    const opt = request('OPTIONS');
    const tx = new ServerTransaction('t', opt, udp, r.sender(s), s);
    tx.start(() => {});
    tx.retransmission(); // trying: nothing to resend
    expect(r.sent).toHaveLength(0);
    tx.respond(makeResponse(opt, 200));
    tx.retransmission();
    expect(r.sent).toHaveLength(2);
    s.advance(32_000);
    expect(tx.state).toBe('terminated');
  });
});
