import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readToken, signToken } from '../../../sync-server/auth';

const secret = 'a-secret';
const t0 = Date.parse('2026-03-19T10:00:00+05:00');

describe('signed tokens', () => {
  it('reads back the claims of a token it signed, until it expires', () => {
    const token = signToken(secret, { typ: 'access', sub: 'parent:1', exp: t0 + 60_000, sid: 's1' });
    expect(readToken(secret, token, 'access', t0)).toMatchObject({ sub: 'parent:1', sid: 's1' });
    expect(readToken(secret, token, 'access', t0 + 60_000)).toBeNull();
  });

  it('refuses a token signed with another secret', () => {
    const token = signToken('another', { typ: 'access', sub: 'parent:1', exp: t0 + 60_000 });
    expect(readToken(secret, token, 'access', t0)).toBeNull();
  });

  it('refuses a token whose payload was changed after signing', () => {
    const token = signToken(secret, { typ: 'access', sub: 'parent:1', role: 'parent', exp: t0 + 60_000 });
    const [v, , sig] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ typ: 'access', sub: 'user:admin', role: 'supervisor', exp: t0 + 60_000 }),
    );
    expect(readToken(secret, `${v}.${forged.toString('base64url')}.${sig}`, 'access', t0)).toBeNull();
  });

  it('refuses a refresh token where an access token is expected', () => {
    const token = signToken(secret, { typ: 'refresh', sub: 'parent:1', exp: t0 + 60_000 });
    expect(readToken(secret, token, 'access', t0)).toBeNull();
  });

  it('refuses garbage without throwing', () => {
    for (const bad of ['', 'v1', 'v1..', 'v2.a.b', 'v1.!!!.x', 'x'.repeat(5000)]) {
      expect(readToken(secret, bad, 'access', t0)).toBeNull();
    }
  });
});

describe('signed tokens (properties)', () => {
  it('reads back any claims it signed, and refuses the token after any one character changes', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.oneof(fc.string(), fc.integer())),
        fc.nat(),
        (sub, extra, where) => {
          const claims = { ...extra, typ: 'access' as const, sub, exp: t0 + 1000 };
          const token = signToken(secret, claims);
          expect(readToken(secret, token, 'access', t0)).toEqual(JSON.parse(JSON.stringify(claims)));
          const i = where % token.length;
          const changed = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
          expect(readToken(secret, changed, 'access', t0)).toBeNull();
        },
      ),
    );
  });
});
