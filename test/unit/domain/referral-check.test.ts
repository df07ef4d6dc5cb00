import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  nameInitials,
  normalizeVerificationCode,
  referralCheck,
  referralCheckStatus,
  verificationCode,
} from '../../../src/domain';
import { application, referralOf } from './fixtures';

const NEW_CODE = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;

describe('the verification code', () => {
  it('is 12 letters of a 32-letter alphabet without 0/O and 1/I, in groups of four: 32^12 = 2^60 codes', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[01OI]/);
    expect(CODE_LENGTH).toBe(12);
    fc.assert(
      fc.property(fc.string(), (id) => {
        expect(verificationCode(id)).toMatch(NEW_CODE);
      }),
    );
  });

  it('is the same for the same action id (a retried activation prints the same code) and differs between ids', () => {
    const id = '0b6e8a43-5c1f-4f1e-9d55-2f3c8f1c7a10';
    expect(verificationCode(id)).toBe(verificationCode(id));
    const codes = new Set(Array.from({ length: 20_000 }, () => verificationCode(crypto.randomUUID())));
    expect(codes.size).toBe(20_000);
  });

  it('uses every letter in every position about equally over random action ids', () => {
    const n = 32_000;
    const counts = Array.from({ length: 12 }, () => new Map<string, number>());
    for (let i = 0; i < n; i++) {
      const chars = verificationCode(crypto.randomUUID()).replaceAll('-', '');
      for (const [p, c] of [...chars].entries()) counts[p]!.set(c, (counts[p]!.get(c) ?? 0) + 1);
    }
    // 1,000 expected per letter and position; 5 standard deviations (~160) either side.
    for (const position of counts) {
      expect(position.size).toBe(32);
      for (const count of position.values()) expect(Math.abs(count - n / 32)).toBeLessThan(160);
    }
  });

  it('reads a typed or scanned code in any case, with spaces or dashes, and Cyrillic look-alike letters', () => {
    expect(normalizeVerificationCode('jm5n ww2g 7kqx')).toBe('JM5N-WW2G-7KQX');
    expect(normalizeVerificationCode(' JM5N–WW2G—7KQX ')).toBe('JM5N-WW2G-7KQX');
    expect(normalizeVerificationCode('JM5NWW2G7KQX')).toBe('JM5N-WW2G-7KQX');
    // М, К, Х and Н typed on a Russian layout.
    expect(normalizeVerificationCode('JМ5N-WW2G-7КQХ')).toBe('JM5N-WW2G-7KQX');
    expect(normalizeVerificationCode('НН22-ММ33-ХХ44')).toBe('HH22-MM33-XX44');
  });

  it('still reads the 8-letter codes of referrals issued before', () => {
    expect(normalizeVerificationCode('jm5n-ww2g')).toBe('JM5N-WW2G');
  });

  it('refuses what cannot be a code: other lengths, letters outside the alphabet, non-strings', () => {
    for (const bad of ['JM5N-WW2G-7KQ', 'JM5N-WW2G-7KQXA', 'JM5N-WW2G-7KQ0', 'OM5N-WW2G', '', 'ЖM5N-WW2G']) {
      expect(normalizeVerificationCode(bad)).toBeNull();
    }
    expect(normalizeVerificationCode(42)).toBeNull();
    expect(normalizeVerificationCode('A'.repeat(100))).toBeNull();
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = normalizeVerificationCode(s);
        if (n !== null) expect(n).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4})?$/);
      }),
    );
  });

  it('prints every generated code back to itself', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        const code = verificationCode(id);
        expect(normalizeVerificationCode(code)).toBe(code);
        expect(normalizeVerificationCode(code.toLowerCase().replaceAll('-', ' '))).toBe(code);
      }),
    );
  });
});

describe('the status anyone sees', () => {
  const app = application({ id: 'a1', childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА', childIin: '170720600126' });
  // Activated Thu 19.03.2026, valid to 31.03.2026.
  const active = referralOf(app);

  it('is active up to the end of the last valid day in Asia/Almaty', () => {
    expect(referralCheckStatus(active, '2026-03-19T16:00:00+05:00')).toEqual({ ok: true, value: 'active' });
    expect(referralCheckStatus(active, '2026-03-31T23:59:00+05:00')).toEqual({ ok: true, value: 'active' });
  });

  it('is expired the next day, before the scheduler has marked it', () => {
    expect(referralCheckStatus(active, '2026-04-01T00:00:00+05:00')).toEqual({ ok: true, value: 'expired' });
    expect(referralCheckStatus(active, '2026-03-31T19:00:00Z')).toEqual({ ok: true, value: 'expired' });
  });

  it('is extended while the extension lasts, then expired', () => {
    const extended = referralOf(app, { extendedUntil: '2026-04-20' });
    expect(referralCheckStatus(extended, '2026-04-10T10:00:00+05:00')).toEqual({
      ok: true,
      value: 'extended',
    });
    expect(referralCheckStatus(extended, '2026-04-21T10:00:00+05:00')).toEqual({
      ok: true,
      value: 'expired',
    });
  });

  it('is used once the contract is signed, annulled or expired as stored, whatever the day', () => {
    const at = '2026-03-20T10:00:00+05:00';
    expect(referralCheckStatus(referralOf(app, { status: 'enrolled' }), at)).toEqual({
      ok: true,
      value: 'used',
    });
    expect(referralCheckStatus(referralOf(app, { status: 'annulled' }), at)).toEqual({
      ok: true,
      value: 'annulled',
    });
    expect(referralCheckStatus(referralOf(app, { status: 'expired' }), at)).toEqual({
      ok: true,
      value: 'expired',
    });
  });

  it('answers an unknown status or a malformed clock with an error, not a guess', () => {
    expect(
      referralCheckStatus({ ...active, status: 'lost' as never }, '2026-03-20T10:00:00+05:00'),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalidInput' },
    });
    expect(referralCheckStatus(active, 'tomorrow')).toMatchObject({
      ok: false,
      error: { code: 'invalidTimestamp' },
    });
  });

  it('answers initials, birth year and dates, and nothing that names the child or the parent', () => {
    const r = referralCheck(
      referralOf(app, { extendedUntil: '2026-04-20', parentName: 'КАМЕНОВ ЕРМЕК' }),
      { kindergarten: 'ГККП «Балапан»', group: 'Жұлдыз' },
      '2026-04-01T10:00:00+05:00',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        valid: true,
        status: 'extended',
        validToday: true,
        kindergarten: 'ГККП «Балапан»',
        group: 'Жұлдыз',
        childInitials: 'К. Д. Е.',
        birthYear: 2017,
        issuedOn: '2026-03-19',
        validUntil: '2026-03-31',
        extendedUntil: '2026-04-20',
      },
    });
    const text = JSON.stringify(r);
    for (const secret of ['КАМЕНОВ', 'ДАНИЯ', '170720600126', 'ЕРМЕК ']) expect(text).not.toContain(secret);
  });

  it('takes initials of each part of a name, Kazakh letters included', () => {
    expect(nameInitials('  өмірбек   ұлан  ')).toBe('Ө. Ұ.');
    expect(nameInitials(undefined)).toBe('');
  });
});
