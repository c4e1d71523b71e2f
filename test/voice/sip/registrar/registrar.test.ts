import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  contactHeaderValue,
  MemoryRegistrationStore,
  planRegister,
  Registrar,
  type Binding,
  type RegisterContact,
  type RegisterRequest,
  type RegisterResult,
  type RegistrationStore,
} from '../../../../src/voice/sip/registrar/index.ts';

const t0 = Date.parse('2026-03-02T01:00:00.000Z');
const aor = 'sip:8001@kefu.local';
const deskPhone = 'sip:8001@192.0.2.10:5060';
const softphone = 'sip:8001@198.51.100.7:40312;transport=tcp';
const source = { transport: 'udp', address: '203.0.113.5', port: 61000 };

function request(
  over: Partial<RegisterRequest> & { contacts?: readonly RegisterContact[] } = {},
): RegisterRequest {
  return {
    aor,
    contacts: [{ uri: deskPhone }],
    callId: 'call-1@192.0.2.10',
    cseq: 1,
    source,
    userAgent: 'Yealink SIP-T46U',
    now: t0,
    ...over,
  };
}

function ok(result: RegisterResult) {
  if (result.status !== 200)
    throw new Error(
      `expected 200, got ${result.status} ${'reason' in result ? result.reason : ''}`,
    );
  return result;
}

function setup(options: ConstructorParameters<typeof Registrar>[1] = {}) {
  const store = new MemoryRegistrationStore();
  return { store, registrar: new Registrar(store, options) };
}

describe('Registrar.processRegister (RFC 3261 §10.3)', () => {
  it('adds a binding with what is needed to reach the phone and order updates', async () => {
    const { registrar } = setup();
    const r = ok(await registrar.processRegister(request({ expiresHeader: 1800 })));
    expect(r.aor).toBe(aor);
    expect(r.added).toHaveLength(1);
    expect(r.bindings).toEqual([
      {
        aor,
        contact: deskPhone,
        params: {},
        expiresAt: t0 + 1_800_000,
        expires: 1800,
        q: undefined,
        callId: 'call-1@192.0.2.10',
        cseq: 1,
        source,
        userAgent: 'Yealink SIP-T46U',
        instanceId: undefined,
        regId: undefined,
        registeredAt: t0,
        updatedAt: t0,
      },
    ]);
    expect(await registrar.lookup(aor, t0)).toHaveLength(1);
  });

  describe('step 5: the canonical address-of-record', () => {
    it('indexes by the To URI without parameters, case-folded host, unescaped user', async () => {
      const { registrar } = setup();
      ok(await registrar.processRegister(request({ aor: 'sip:%38001@KEFU.local;user=phone' })));
      expect(await registrar.lookup('sip:8001@kefu.local', t0)).toHaveLength(1);
      expect(await registrar.lookup('<sip:8001@Kefu.Local>', t0)).toHaveLength(1);
      expect(await registrar.lookup('sip:8002@kefu.local', t0)).toHaveLength(0);
      expect(await registrar.lookup('not a uri', t0)).toEqual([]);
    });

    it('answers 400 for an AOR that is not a SIP URI', async () => {
      const { registrar } = setup();
      expect(await registrar.processRegister(request({ aor: 'tel:+8613800000000' }))).toMatchObject(
        { status: 400 },
      );
    });
  });

  describe('step 6: the wildcard Contact', () => {
    async function twoBindings() {
      const s = setup();
      ok(
        await s.registrar.processRegister(
          request({ contacts: [{ uri: deskPhone }, { uri: softphone }] }),
        ),
      );
      return s;
    }

    it('with Expires: 0 removes every binding', async () => {
      const { registrar } = await twoBindings();
      const r = ok(
        await registrar.processRegister(
          request({ contacts: [{ uri: '*' }], expiresHeader: 0, cseq: 2 }),
        ),
      );
      expect(r.bindings).toEqual([]);
      expect(r.removed.map((b) => b.contact).sort()).toEqual([deskPhone, softphone].sort());
      expect(await registrar.lookup(aor, t0)).toEqual([]);
    });

    it('removes bindings of other Call-IDs whatever their CSeq', async () => {
      const { registrar } = await twoBindings();
      const r = await registrar.processRegister(
        request({ contacts: [{ uri: '*' }], expiresHeader: '0', callId: 'other', cseq: 0 }),
      );
      expect(ok(r).removed).toHaveLength(2);
    });

    it('answers 500 and removes nothing when the same Call-ID has a CSeq not above the binding', async () => {
      const { registrar } = await twoBindings();
      for (const cseq of [0, 1]) {
        const r = await registrar.processRegister(
          request({ contacts: [{ uri: '*' }], expiresHeader: 0, cseq }),
        );
        expect(r.status).toBe(500);
      }
      expect(await registrar.lookup(aor, t0)).toHaveLength(2);
    });

    it.each<[string, Partial<RegisterRequest>]>([
      ['without an Expires header', { contacts: [{ uri: '*' }] }],
      ['with Expires other than zero', { contacts: [{ uri: '*' }], expiresHeader: 60 }],
      ['with a malformed Expires', { contacts: [{ uri: '*' }], expiresHeader: 'soon' }],
      ['with another Contact', { contacts: [{ uri: '*' }, { uri: deskPhone }], expiresHeader: 0 }],
      [
        'after another Contact',
        { contacts: [{ uri: deskPhone }, { uri: ' * ' }], expiresHeader: 0 },
      ],
      ['with parameters', { contacts: [{ uri: '*', expires: 0 }], expiresHeader: 0 }],
    ])('answers 400 %s', async (_label, over) => {
      const { registrar } = await twoBindings();
      const r = await registrar.processRegister(request({ cseq: 2, ...over }));
      expect(r.status).toBe(400);
      expect(await registrar.lookup(aor, t0)).toHaveLength(2);
    });

    it('answers 200 with no bindings for an AOR that has none', async () => {
      const { registrar } = setup();
      const r = ok(
        await registrar.processRegister(request({ contacts: [{ uri: '*' }], expiresHeader: 0 })),
      );
      expect(r.bindings).toEqual([]);
    });
  });

  describe('step 7: expiration intervals', () => {
    it.each<[string, Partial<RegisterRequest>, number]>([
      [
        'the contact expires parameter over the Expires header',
        { contacts: [{ uri: deskPhone, expires: 120 }], expiresHeader: 600 },
        120,
      ],
      [
        'the expires parameter given among params',
        { contacts: [{ uri: deskPhone, params: { Expires: '300' } }] },
        300,
      ],
      ['the Expires header when the contact has none', { expiresHeader: 600 }, 600],
      ['the default when neither is present', {}, 3600],
      ['the maximum for a longer request (MAY shorten)', { expiresHeader: 86_400 }, 3600],
      ['the maximum for an enormous request', { expiresHeader: 2 ** 40 }, 3600],
      [
        '3600 for a malformed value (§20.19)',
        { contacts: [{ uri: deskPhone, expires: 'later' }] },
        3600,
      ],
      ['3600 for a negative value', { expiresHeader: -5 }, 3600],
      ['exactly the minimum', { expiresHeader: 60 }, 60],
    ])('uses %s', async (_label, over, seconds) => {
      const { registrar } = setup();
      const r = ok(await registrar.processRegister(request(over)));
      expect(r.bindings[0]?.expires).toBe(seconds);
      expect(r.bindings[0]?.expiresAt).toBe(t0 + seconds * 1000);
    });

    it('answers 423 with Min-Expires for an interval above zero and below the minimum', async () => {
      const { registrar } = setup({ minExpires: 60 });
      for (const expires of [1, 59]) {
        expect(await registrar.processRegister(request({ expiresHeader: expires }))).toEqual({
          status: 423,
          minExpires: 60,
          reason: 'Interval Too Brief',
        });
      }
      expect(await registrar.lookup(aor, t0)).toEqual([]);
    });

    it('answers 423 for the whole request when one contact is too brief', async () => {
      const { registrar } = setup();
      const r = await registrar.processRegister(
        request({ contacts: [{ uri: deskPhone }, { uri: softphone, expires: 30 }] }),
      );
      expect(r.status).toBe(423);
      expect(await registrar.lookup(aor, t0)).toEqual([]);
    });

    it('never answers 423 for an hour or more, even under a larger minimum', async () => {
      const { registrar } = setup({ minExpires: 7200, maxExpires: 9000, defaultExpires: 7200 });
      expect((await registrar.processRegister(request({ expiresHeader: 1800 }))).status).toBe(423);
      const r = ok(await registrar.processRegister(request({ expiresHeader: 3600, cseq: 2 })));
      expect(r.bindings[0]?.expires).toBe(3600);
    });

    it('lets the request override the policy', async () => {
      const { registrar } = setup();
      expect(
        await registrar.processRegister(request({ expiresHeader: 100, minExpires: 120 })),
      ).toMatchObject({
        status: 423,
        minExpires: 120,
      });
      const r = ok(
        await registrar.processRegister(
          request({ expiresHeader: 100, maxExpires: 90, minExpires: 30, cseq: 2 }),
        ),
      );
      expect(r.bindings[0]?.expires).toBe(90);
    });
  });

  describe('step 7: adding, refreshing and removing bindings', () => {
    it('refreshes a binding on a higher CSeq of the same Call-ID, keeping its first registration time', async () => {
      const { registrar } = setup();
      ok(await registrar.processRegister(request()));
      const later = t0 + 1_000_000;
      const r = ok(
        await registrar.processRegister(
          request({ cseq: 2, now: later, expiresHeader: 600, source: { ...source, port: 61001 } }),
        ),
      );
      expect(r.added).toEqual([]);
      expect(r.refreshed).toHaveLength(1);
      expect(r.bindings).toHaveLength(1);
      expect(r.bindings[0]).toMatchObject({
        expiresAt: later + 600_000,
        expires: 600,
        cseq: 2,
        registeredAt: t0,
        updatedAt: later,
        source: { port: 61001 },
      });
    });

    it('finds the binding by URI equivalence (§19.1.4), not text', async () => {
      const { registrar } = setup();
      ok(
        await registrar.processRegister(
          request({ contacts: [{ uri: 'sip:8001@PHONE.example:5060;ob' }] }),
        ),
      );
      const r = ok(
        await registrar.processRegister(
          request({ cseq: 2, contacts: [{ uri: '<sip:8001@phone.example:5060>' }] }),
        ),
      );
      expect(r.bindings).toHaveLength(1);
      expect(r.bindings[0]?.contact).toBe('sip:8001@phone.example:5060');
    });

    it('answers 500 for an equal or lower CSeq of the same Call-ID (out of order) and changes nothing', async () => {
      const { registrar } = setup();
      ok(await registrar.processRegister(request({ cseq: 5 })));
      for (const cseq of [5, 4, 0]) {
        const r = await registrar.processRegister(request({ cseq, expiresHeader: 0 }));
        expect(r).toMatchObject({ status: 500 });
      }
      const [b] = await registrar.lookup(aor, t0);
      expect(b?.cseq).toBe(5);
    });

    it('accepts a lower CSeq from another Call-ID (the phone rebooted)', async () => {
      const { registrar } = setup();
      ok(await registrar.processRegister(request({ cseq: 900 })));
      const r = ok(
        await registrar.processRegister(
          request({ cseq: 1, callId: 'after-reboot', expiresHeader: 120 }),
        ),
      );
      expect(r.bindings).toHaveLength(1);
      expect(r.bindings[0]).toMatchObject({ callId: 'after-reboot', cseq: 1, expires: 120 });
    });

    it('commits all or nothing: one out-of-order contact aborts the whole request', async () => {
      const { registrar } = setup();
      ok(await registrar.processRegister(request({ cseq: 3, contacts: [{ uri: softphone }] })));
      const r = await registrar.processRegister(
        request({ cseq: 3, contacts: [{ uri: deskPhone }, { uri: softphone }] }),
      );
      expect(r.status).toBe(500);
      expect((await registrar.lookup(aor, t0)).map((b) => b.contact)).toEqual([softphone]);
    });

    it('keeps several contacts per AOR and removes one with expires=0', async () => {
      const { registrar } = setup();
      const r1 = ok(
        await registrar.processRegister(
          request({ contacts: [{ uri: deskPhone }, { uri: softphone, q: 0.5 }] }),
        ),
      );
      expect(r1.added).toHaveLength(2);
      const r2 = ok(
        await registrar.processRegister(
          request({ cseq: 2, contacts: [{ uri: softphone, expires: 0 }] }),
        ),
      );
      expect(r2.removed.map((b) => b.contact)).toEqual([softphone]);
      expect(r2.bindings.map((b) => b.contact)).toEqual([deskPhone]);
    });

    it('removes with Expires: 0 on the request, and ignores removing what is not bound', async () => {
      const { registrar } = setup();
      ok(await registrar.processRegister(request()));
      const none = ok(
        await registrar.processRegister(
          request({ cseq: 2, contacts: [{ uri: softphone }], expiresHeader: 0 }),
        ),
      );
      expect(none.removed).toEqual([]);
      expect(none.bindings).toHaveLength(1);
      const gone = ok(await registrar.processRegister(request({ cseq: 3, expiresHeader: 0 })));
      expect(gone.removed).toHaveLength(1);
      expect(await registrar.lookup(aor, t0)).toEqual([]);
    });

    it('treats a Contact listed twice in one request as one binding', async () => {
      const { registrar } = setup();
      const r = ok(
        await registrar.processRegister(
          request({
            contacts: [
              { uri: deskPhone, expires: 100 },
              { uri: deskPhone, expires: 200 },
            ],
          }),
        ),
      );
      expect(r.bindings.map((b) => b.expires)).toEqual([200]);
      expect(r.added).toHaveLength(1);
      const again = ok(
        await registrar.processRegister(
          request({
            cseq: 2,
            contacts: [
              { uri: deskPhone, expires: 100 },
              { uri: deskPhone, expires: 0 },
            ],
          }),
        ),
      );
      expect(again.bindings).toEqual([]);
      expect(again.removed).toHaveLength(1);
    });

    it('identifies an outbound binding by +sip.instance and reg-id (RFC 5626 §6)', async () => {
      const { registrar } = setup();
      const instance = '"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>"';
      ok(
        await registrar.processRegister(
          request({
            contacts: [
              {
                uri: 'sip:8001@192.0.2.10:5060;ob',
                params: { '+sip.instance': instance, 'reg-id': '1' },
              },
            ],
          }),
        ),
      );
      // Same flow from a new NAT mapping: replaces the binding.
      const r = ok(
        await registrar.processRegister(
          request({
            cseq: 2,
            contacts: [
              {
                uri: 'sip:8001@192.0.2.10:5999;ob',
                params: { '+SIP.Instance': instance.toLowerCase(), 'reg-id': '1' },
              },
            ],
          }),
        ),
      );
      expect(r.bindings).toHaveLength(1);
      expect(r.refreshed).toHaveLength(1);
      expect(r.bindings[0]).toMatchObject({
        contact: 'sip:8001@192.0.2.10:5999;ob',
        instanceId: '<urn:uuid:00000000-0000-1000-8000-aabbccddeeff>',
        regId: 1,
      });
      // A second flow of the same instance is another binding.
      const two = ok(
        await registrar.processRegister(
          request({
            cseq: 3,
            contacts: [
              {
                uri: 'sip:8001@192.0.2.10:5999;ob',
                params: { '+sip.instance': instance, 'reg-id': '2' },
              },
            ],
          }),
        ),
      );
      expect(two.bindings.map((b) => b.regId).sort()).toEqual([1, 2]);
    });

    it('reads q from the contact or its params and answers 400 for a bad one', async () => {
      const { registrar } = setup();
      const r = ok(
        await registrar.processRegister(
          request({
            contacts: [
              { uri: deskPhone, q: '0.7' },
              { uri: softphone, params: { q: '0.25' } },
            ],
          }),
        ),
      );
      expect(r.bindings.map((b) => b.q)).toEqual([0.7, 0.25]);
      for (const q of ['1.5', '-0.1', 'high', '0.1234', 2]) {
        expect(
          (await registrar.processRegister(request({ cseq: 9, contacts: [{ uri: deskPhone, q }] })))
            .status,
        ).toBe(400);
      }
    });

    it.each<[string, Partial<RegisterRequest>]>([
      ['an empty Call-ID', { callId: ' ' }],
      ['a Call-ID with a line break', { callId: 'a\r\nVia: x' }],
      ['a negative CSeq', { cseq: -1 }],
      ['a CSeq of 2^31', { cseq: 2 ** 31 }],
      ['a fractional CSeq', { cseq: 1.5 }],
      ['an empty Contact', { contacts: [{ uri: '' }] }],
      ['a Contact without a scheme', { contacts: [{ uri: '192.0.2.10' }] }],
      ['a Contact that would break the header', { contacts: [{ uri: 'sip:a@b>;x=<sip:c@d' }] }],
      [
        'a parameter with a line break',
        { contacts: [{ uri: deskPhone, params: { x: 'a\r\nb' } }] },
      ],
      ['a parameter with a separator', { contacts: [{ uri: deskPhone, params: { x: 'a;y=1' } }] }],
      [
        'a parameter name that is not a token',
        { contacts: [{ uri: deskPhone, params: { 'a b': '1' } }] },
      ],
      [
        'a reg-id of zero',
        { contacts: [{ uri: deskPhone, params: { '+sip.instance': '"<urn:x>"', 'reg-id': '0' } }] },
      ],
      [
        'a reg-id that is not a number',
        {
          contacts: [{ uri: deskPhone, params: { '+sip.instance': '"<urn:x>"', 'reg-id': 'one' } }],
        },
      ],
    ])('answers 400 for %s', async (_label, over) => {
      const { registrar } = setup();
      expect((await registrar.processRegister(request(over))).status).toBe(400);
    });

    it('keeps reg-id only together with +sip.instance', async () => {
      const { registrar } = setup();
      const r = ok(
        await registrar.processRegister(
          request({ contacts: [{ uri: deskPhone, params: { 'reg-id': 'x' } }] }),
        ),
      );
      expect(r.bindings[0]?.regId).toBeUndefined();
    });
  });

  describe('step 8: the 200 (OK) lists all current bindings', () => {
    it('answers a query without Contact with the bindings and changes nothing', async () => {
      const { registrar, store } = setup();
      ok(
        await registrar.processRegister(
          request({ contacts: [{ uri: deskPhone }, { uri: softphone, q: 0.2 }] }),
        ),
      );
      const before = await store.load(aor);
      const r = ok(
        await registrar.processRegister(request({ contacts: [], cseq: 2, now: t0 + 10_000 })),
      );
      expect(r.bindings.map((b) => [b.contact, b.expires])).toEqual([
        [deskPhone, 3590],
        [softphone, 3590],
      ]);
      expect((await store.load(aor)).version).toBe(before.version);
    });

    it('writes Contact header values with expires, q and the stored parameters', async () => {
      const { registrar } = setup();
      const r = ok(
        await registrar.processRegister(
          request({
            contacts: [
              {
                uri: deskPhone,
                q: 0.5,
                params: { '+sip.instance': '"<urn:uuid:1>"', 'reg-id': '1', ob: null },
              },
            ],
            expiresHeader: 600,
          }),
        ),
      );
      const [b] = r.bindings;
      expect(contactHeaderValue(b as Binding, t0 + 100_500)).toBe(
        `<${deskPhone}>;expires=500;q=0.5;+sip.instance="<urn:uuid:1>";reg-id=1;ob`,
      );
      expect(contactHeaderValue({ ...(b as Binding), q: 1 }, t0)).toContain(';q=1;');
    });
  });

  describe('lookup and sweep', () => {
    it('lists live contacts by q, then most recent first', async () => {
      const { registrar } = setup();
      ok(
        await registrar.processRegister(
          request({ contacts: [{ uri: 'sip:a@192.0.2.1', q: 0.5 }] }),
        ),
      );
      ok(
        await registrar.processRegister(
          request({ now: t0 + 1000, callId: 'b', contacts: [{ uri: 'sip:b@192.0.2.2' }] }),
        ),
      );
      ok(
        await registrar.processRegister(
          request({ now: t0 + 2000, callId: 'c', contacts: [{ uri: 'sip:c@192.0.2.3', q: 1 }] }),
        ),
      );
      ok(
        await registrar.processRegister(
          request({ now: t0 + 3000, callId: 'd', contacts: [{ uri: 'sip:d@192.0.2.4', q: 0.9 }] }),
        ),
      );
      const order = (await registrar.lookup(aor, t0 + 3000)).map((b) => b.contact);
      expect(order).toEqual([
        'sip:c@192.0.2.3',
        'sip:b@192.0.2.2',
        'sip:d@192.0.2.4',
        'sip:a@192.0.2.1',
      ]);
    });

    it('hides lapsed bindings from lookup at the instant they lapse, and sweep returns them once', async () => {
      const { registrar } = setup();
      ok(
        await registrar.processRegister(
          request({
            contacts: [
              { uri: deskPhone, expires: 60 },
              { uri: softphone, expires: 120 },
            ],
          }),
        ),
      );
      expect(await registrar.lookup(aor, t0 + 59_999)).toHaveLength(2);
      expect((await registrar.lookup(aor, t0 + 60_000)).map((b) => b.contact)).toEqual([softphone]);
      expect((await registrar.sweep(t0 + 60_000)).map((b) => b.contact)).toEqual([deskPhone]);
      expect(await registrar.sweep(t0 + 60_000)).toEqual([]);
      expect((await registrar.sweep(t0 + 200_000)).map((b) => b.contact)).toEqual([softphone]);
      expect(await registrar.lookup(aor, t0 + 200_000)).toEqual([]);
    });

    it('drops lapsed bindings with the next REGISTER and reports them as expired', async () => {
      const { registrar } = setup();
      ok(await registrar.processRegister(request({ contacts: [{ uri: softphone, expires: 60 }] })));
      const r = ok(
        await registrar.processRegister(
          request({ now: t0 + 61_000, cseq: 2, contacts: [{ uri: deskPhone }] }),
        ),
      );
      expect(r.expired.map((b) => b.contact)).toEqual([softphone]);
      expect(r.bindings.map((b) => b.contact)).toEqual([deskPhone]);
      expect(await registrar.sweep(t0 + 61_000)).toEqual([]);
    });

    it('re-registering a lapsed contact adds it afresh, even with an old CSeq', async () => {
      const { registrar } = setup();
      ok(await registrar.processRegister(request({ cseq: 7, expiresHeader: 60 })));
      const r = ok(await registrar.processRegister(request({ cseq: 7, now: t0 + 60_000 })));
      expect(r.added).toHaveLength(1);
      expect(r.expired).toHaveLength(1);
      expect(r.bindings[0]?.registeredAt).toBe(t0 + 60_000);
    });
  });

  describe('concurrency and the store', () => {
    it('applies concurrent REGISTERs for one AOR one after the other', async () => {
      const { registrar } = setup();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          registrar.processRegister(
            request({ callId: `c${i}`, contacts: [{ uri: `sip:8001@192.0.2.${i}` }] }),
          ),
        ),
      );
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(await registrar.lookup(aor, t0)).toHaveLength(10);
    });

    it('answers 500 when the store keeps losing the race, and propagates store failures', async () => {
      const inner = new MemoryRegistrationStore();
      const busy: RegistrationStore = {
        load: (a) => inner.load(a),
        save: async () => false,
        removeExpired: (n) => inner.removeExpired(n),
        aors: () => inner.aors(),
      };
      expect(await new Registrar(busy, { maxAttempts: 3 }).processRegister(request())).toEqual({
        status: 500,
        reason: 'Registration store busy',
      });
      const broken: RegistrationStore = {
        ...busy,
        load: () => Promise.reject(new Error('db down')),
      };
      await expect(new Registrar(broken).processRegister(request())).rejects.toThrow('db down');
    });

    it('forgets an AOR whose last binding is removed', async () => {
      const { registrar, store } = setup();
      ok(await registrar.processRegister(request()));
      expect(await store.aors()).toEqual([aor]);
      ok(await registrar.processRegister(request({ cseq: 2, expiresHeader: 0 })));
      expect(await store.aors()).toEqual([]);
    });

    it('refuses inconsistent policies', () => {
      const store = new MemoryRegistrationStore();
      expect(() => new Registrar(store, { minExpires: 600, maxExpires: 60 })).toThrow(RangeError);
      expect(() => new Registrar(store, { defaultExpires: 10 })).toThrow(RangeError);
      expect(
        () => new Registrar(store, { maxExpires: 0, minExpires: 0, defaultExpires: 0 }),
      ).toThrow(RangeError);
      expect(() => new Registrar(store, { minExpires: 1.5 })).toThrow(RangeError);
    });
  });
});

describe('planRegister is pure', () => {
  it('does not modify the bindings it is given', () => {
    const first = planRegister([], request());
    const current = first.next as readonly Binding[];
    const snapshot = structuredClone(current);
    planRegister(current, request({ cseq: 2, expiresHeader: 0 }));
    planRegister(current, request({ cseq: 2, contacts: [{ uri: '*' }], expiresHeader: 0 }));
    expect(current).toEqual(snapshot);
  });
});

describe('registrar invariants under random traffic (fast-check)', () => {
  const policy = { minExpires: 60, maxExpires: 3600, defaultExpires: 3600 };
  const contacts = [
    'sip:8001@192.0.2.1',
    'sip:8001@192.0.2.2:5070',
    'sip:8001@[2001:db8::3]',
    'sip:8001@phone.example',
  ];
  const op = fc.oneof(
    fc.record({
      kind: fc.constant('register' as const),
      contact: fc.nat({ max: contacts.length - 1 }),
      expires: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 })), {
        nil: undefined,
      }),
      ua: fc.nat({ max: 2 }),
      replay: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('wildcard' as const), ua: fc.nat({ max: 2 }) }),
    fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.integer({ min: 0, max: 4_000_000 }),
    }),
    fc.record({ kind: fc.constant('sweep' as const) }),
  );

  it('lookup never returns a lapsed binding, no binding outlives now + maxExpires, and a model agrees', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
        const store = new MemoryRegistrationStore();
        const registrar = new Registrar(store, policy);
        let now = t0;
        /** Model: contact index → expiry (ms). Each UA uses one Call-ID with a rising CSeq. */
        const model = new Map<number, number>();
        const cseq = [0, 0, 0];
        const lastSeq = new Map<number, { ua: number; cseq: number }>();
        for (const o of ops) {
          if (o.kind === 'advance') now += o.ms;
          else if (o.kind === 'sweep') {
            const swept = await registrar.sweep(now);
            expect(swept.every((b) => b.expiresAt <= now)).toBe(true);
          } else if (o.kind === 'wildcard') {
            const seq = ++cseq[o.ua]!;
            const r = await registrar.processRegister(
              request({
                now,
                callId: `ua${o.ua}`,
                cseq: seq,
                contacts: [{ uri: '*' }],
                expiresHeader: 0,
              }),
            );
            expect(r.status).toBe(200);
            model.clear();
          } else {
            const replay = o.replay && cseq[o.ua]! > 0;
            const seq = replay ? cseq[o.ua]! : ++cseq[o.ua]!;
            const r = await registrar.processRegister(
              request({
                now,
                callId: `ua${o.ua}`,
                cseq: seq,
                contacts: [{ uri: contacts[o.contact]!, expires: o.expires }],
              }),
            );
            const live = (model.get(o.contact) ?? 0) > now;
            const last = lastSeq.get(o.contact);
            const requested = o.expires ?? policy.defaultExpires;
            if (requested > 0 && requested < policy.minExpires) expect(r.status).toBe(423);
            else if (live && last?.ua === o.ua && seq <= last.cseq) expect(r.status).toBe(500);
            else {
              expect(r.status).toBe(200);
              if (requested === 0) model.delete(o.contact);
              else {
                model.set(o.contact, now + Math.min(requested, policy.maxExpires) * 1000);
                lastSeq.set(o.contact, { ua: o.ua, cseq: seq });
              }
            }
          }
          const found = await registrar.lookup(aor, now);
          for (const b of found) {
            expect(b.expiresAt).toBeGreaterThan(now);
            expect(b.expiresAt).toBeLessThanOrEqual(now + policy.maxExpires * 1000);
          }
          const expected = [...model]
            .filter(([, exp]) => exp > now)
            .map(([i, exp]) => [contacts[i], exp]);
          expect(found.map((b) => [b.contact, b.expiresAt]).sort()).toEqual(expected.sort());
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('registrar robustness (fast-check)', () => {
  it('answers 200, 400, 423 or 500 — never throws — for arbitrary header text', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    const contact = fc.record({
      uri: fc.oneof(text, fc.constant('*'), fc.constant(deskPhone)),
      expires: fc.option(fc.oneof(text, fc.integer(), fc.double()), { nil: undefined }),
      q: fc.option(fc.oneof(text, fc.double()), { nil: undefined }),
      params: fc.option(fc.dictionary(text, fc.option(text, { nil: null }), { maxKeys: 3 }), {
        nil: undefined,
      }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(text, fc.constant(aor)),
        fc.array(contact, { maxLength: 3 }),
        fc.option(fc.oneof(text, fc.integer()), { nil: undefined }),
        text,
        fc.oneof(fc.integer(), fc.double()),
        async (to, contacts, expiresHeader, callId, cseq) => {
          const { registrar } = setup();
          const r = await registrar.processRegister(
            request({ aor: to, contacts, expiresHeader, callId, cseq }),
          );
          expect([200, 400, 423, 500]).toContain(r.status);
          if (r.status === 200)
            for (const b of r.bindings) expect(contactHeaderValue(b, t0)).not.toMatch(/[\r\n]/);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
