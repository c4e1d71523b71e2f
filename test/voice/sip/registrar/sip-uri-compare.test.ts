import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { canonicalAor, sipUrisEqual } from '../../../../src/voice/sip/registrar/index.ts';

describe('sipUrisEqual (RFC 3261 §19.1.4)', () => {
  it.each([
    ['sip:%61lice@atlanta.com;transport=TCP', 'sip:alice@AtLanTa.CoM;Transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;newparam=5'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;security=on'],
    ['sip:carol@chicago.com;newparam=5', 'sip:carol@chicago.com;security=on'],
    [
      'sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com',
      'sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com',
    ],
    [
      'sip:alice@atlanta.com?subject=project%20x&priority=urgent',
      'sip:alice@atlanta.com?priority=urgent&subject=project%20x',
    ],
    ['<sip:8001@192.0.2.4:5060;ob>', 'sip:8001@192.0.2.4:5060'],
    ['sip:8001@[2001:DB8:0:0::1]:5060', 'sip:8001@[2001:db8::1]:5060'],
    ['TEL:+8613800000000', 'tel:+8613800000000'],
  ])('the RFC calls %s and %s equivalent', (a, b) => {
    expect(sipUrisEqual(a, b)).toBe(true);
    expect(sipUrisEqual(b, a)).toBe(true);
  });

  it.each([
    ['SIP:ALICE@AtLanTa.CoM;Transport=udp', 'sip:alice@AtLanTa.CoM;Transport=UDP'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:5060'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com;transport=udp'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com;transport=udp?Subject=next%20meeting'],
    ['sip:bob@phone21.boxesbybob.com', 'sip:bob@192.0.2.4'],
    ['sip:8001@192.0.2.4;ttl=1', 'sip:8001@192.0.2.4'],
    ['sip:8001@192.0.2.4;maddr=239.0.0.1', 'sip:8001@192.0.2.4'],
    ['sip:8001@192.0.2.4;user=phone', 'sip:8001@192.0.2.4'],
    ['sip:8001@192.0.2.4;rinstance=a', 'sip:8001@192.0.2.4;rinstance=b'],
    ['sip:8001@192.0.2.4', 'sips:8001@192.0.2.4'],
    ['sip:192.0.2.4', 'sip:8001@192.0.2.4'],
    ['sip:8001@192.0.2.4', 'tel:8001'],
    ['tel:+1', 'tel:+2'],
  ])('the RFC calls %s and %s different', (a, b) => {
    expect(sipUrisEqual(a, b)).toBe(false);
    expect(sipUrisEqual(b, a)).toBe(false);
  });

  it('is reflexive and symmetric for generated SIP URIs', () => {
    const part = fc.stringMatching(/^[a-z0-9]{1,6}$/);
    const uri = fc
      .record({
        scheme: fc.constantFrom('sip', 'sips', 'SIP'),
        user: fc.option(part, { nil: undefined }),
        host: fc.constantFrom('kefu.local', 'KEFU.local', '192.0.2.4', '[::1]'),
        port: fc.option(fc.constantFrom(5060, 5061), { nil: undefined }),
        params: fc.array(fc.tuple(fc.constantFrom('transport', 'ttl', 'ob', 'x'), part), {
          maxLength: 3,
        }),
      })
      .map(
        ({ scheme, user, host, port, params }) =>
          `${scheme}:${user ? `${user}@` : ''}${host}${port ? `:${port}` : ''}` +
          [...new Map(params)].map(([k, v]) => `;${k}=${v}`).join(''),
      );
    fc.assert(
      fc.property(uri, uri, (a, b) => {
        expect(sipUrisEqual(a, a)).toBe(true);
        expect(sipUrisEqual(a, b)).toBe(sipUrisEqual(b, a));
      }),
    );
  });
});

describe('canonicalAor (RFC 3261 §10.3 step 5)', () => {
  it.each([
    ['sip:8001@kefu.local', 'sip:8001@kefu.local'],
    ['sip:8001@KEFU.Local;user=phone;transport=udp', 'sip:8001@kefu.local'],
    ['SIP:%38001@kefu.local?subject=x', 'sip:8001@kefu.local'],
    ['<sips:Alice:secret@Example.COM:5061>', 'sips:Alice@example.com:5061'],
    ['sip:a%40b@kefu.local', 'sip:a%40b@kefu.local'],
    ['sip:kefu.local', 'sip:kefu.local'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalAor(input)).toBe(expected);
  });

  it('refuses what is not a SIP URI', () => {
    for (const bad of [
      '',
      '8001',
      'tel:+8613800000000',
      'sip:',
      'sip:8001@',
      'sip:a@b:99999',
      'sip:[::1',
    ]) {
      expect(canonicalAor(bad)).toBeUndefined();
    }
  });

  /** Text biased towards URI syntax: separators, escapes, brackets. */
  const uriText = fc
    .array(fc.constantFrom(...'aZ09%3a4:@;=?&[]<>.-_ '.split(''), '%40', '%3A', '%61', '::1'), {
      maxLength: 24,
    })
    .map((cs) => cs.join(''));

  it('keeps a stray % from combining with a decoded escape (found by the property below)', () => {
    expect(canonicalAor('sip:%%61a@a')).toBe('sip:%25aa@a');
    expect(canonicalAor(canonicalAor('sip:%%61a@a')!)).toBe('sip:%25aa@a');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(uriText, (s) => {
        const once = canonicalAor(`sip:${s}`);
        if (once !== undefined) expect(canonicalAor(once)).toBe(once);
      }),
      { numRuns: 5000 },
    );
  });
});
