import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bulletinAccess, canRespond, matchingQueue } from '../../../src/domain';
import type { Application, Bulletin, Kindergarten } from '../../../src/schema';
import { application, bulletin, kindergarten } from './fixtures';

const NOW = '2026-03-19T12:00:00+05:00';

describe('matching: who may press «Отправить заявку»', () => {
  it('lets a waiting application respond when birth year, language, locality and group type match', () => {
    expect(canRespond(application(), bulletin(), kindergarten, NOW)).toEqual({ ok: true });
  });

  it('names every failed condition, one code each', () => {
    const app = application({
      birthYear: 2020,
      languages: ['ru'],
      localityId: 'arys',
      groupType: 'special',
      status: 'inactive',
    });
    expect(canRespond(app, bulletin(), kindergarten, NOW)).toEqual({
      ok: false,
      reasons: ['birthYear', 'language', 'locality', 'groupType', 'status'],
    });
  });

  it('accepts a mixed-age bulletin for any of its birth years', () => {
    expect(canRespond(application({ birthYear: 2014 }), bulletin(), kindergarten, NOW).ok).toBe(true);
  });

  it('refuses a stop-listed application with `stopList`, also when only stopListUntil is still ahead', () => {
    expect(
      canRespond(
        application({ status: 'stopListed', stopListUntil: '2026-04-14' }),
        bulletin(),
        kindergarten,
        NOW,
      ),
    ).toEqual({
      ok: false,
      reasons: ['stopList'],
    });
    const stillListed = application({ stopListUntil: '2026-03-19' });
    expect(canRespond(stillListed, bulletin(), kindergarten, NOW)).toEqual({
      ok: false,
      reasons: ['stopList'],
    });
    // The day is Almaty's: 2026-03-19T20:00Z is already 20.03 in Almaty.
    expect(canRespond(stillListed, bulletin(), kindergarten, '2026-03-19T20:00:00Z')).toEqual({ ok: true });
  });

  it('refuses an application that already responded or was referred, with `status`', () => {
    expect(canRespond(application({ status: 'responded' }), bulletin(), kindergarten, NOW)).toEqual({
      ok: false,
      reasons: ['status'],
    });
  });

  it('admits nobody to a bulletin that is not published', () => {
    for (const status of ['draft', 'closed', 'withdrawn'] as const) {
      expect(canRespond(application(), bulletin({ status }), kindergarten, NOW)).toEqual({
        ok: false,
        reasons: ['access'],
      });
    }
  });

  describe('priority window', () => {
    const priority = bulletin({
      access: 'priority',
      freePlaces: 2,
      priorityUntil: '2026-03-25T00:00:00+05:00',
    });
    const first = application({ id: 'first', filedAt: '2019-06-01T09:00:00+06:00' });
    const second = application({ id: 'second', filedAt: '2019-06-02T09:00:00+06:00' });
    const third = application({ id: 'third', filedAt: '2019-06-03T09:00:00+06:00' });
    const otherLanguage = application({
      id: 'ru-only',
      languages: ['ru'],
      filedAt: '2019-05-01T09:00:00+06:00',
    });
    const queue = [third, otherLanguage, second, first];

    it('admits only the first N of the matching queue (N = free places)', () => {
      expect(canRespond(first, priority, kindergarten, NOW, { queue }).ok).toBe(true);
      expect(canRespond(second, priority, kindergarten, NOW, { queue }).ok).toBe(true);
      expect(canRespond(third, priority, kindergarten, NOW, { queue })).toEqual({
        ok: false,
        reasons: ['access'],
      });
    });

    it('takes a position computed by the caller', () => {
      expect(canRespond(third, priority, kindergarten, NOW, { queuePosition: 2 }).ok).toBe(true);
      expect(canRespond(third, priority, kindergarten, NOW, { queuePosition: 3 })).toEqual({
        ok: false,
        reasons: ['access'],
      });
    });

    it('fails `access` without a context', () => {
      expect(canRespond(first, priority, kindergarten, NOW)).toEqual({ ok: false, reasons: ['access'] });
      expect(canRespond(first, priority, kindergarten, NOW, {})).toEqual({ ok: false, reasons: ['access'] });
    });

    it('keeps the turn of a first-N parent who has responded, so the next one does not slip in', () => {
      const responded = { ...first, status: 'responded' as const };
      expect(canRespond(third, priority, kindergarten, NOW, { queue: [responded, second, third] })).toEqual({
        ok: false,
        reasons: ['access'],
      });
    });

    it('counts the application itself even when the caller left it out of the queue', () => {
      expect(canRespond(first, priority, kindergarten, NOW, { queue: [second, third] }).ok).toBe(true);
    });

    it('opens to everyone in the matching queue once the window has passed', () => {
      expect(canRespond(third, priority, kindergarten, '2026-03-25T00:00:00+05:00', { queue }).ok).toBe(true);
      expect(bulletinAccess(priority, Date.parse('2026-03-24T23:59:59+05:00'))).toBe('priority');
      expect(bulletinAccess({ access: 'priority' }, Date.parse(NOW))).toBe('priority');
    });

    it('ranks the matching queue by the queue rules, leaving out who does not match', () => {
      expect(matchingQueue(queue, priority, kindergarten, Date.parse(NOW)).map((a) => a.id)).toEqual([
        'first',
        'second',
        'third',
      ]);
      expect(matchingQueue('x' as unknown as Application[], priority, kindergarten, Date.parse(NOW))).toEqual(
        [],
      );
    });
  });

  it('uses the bulletin’s locality when the kindergarten is not loaded', () => {
    expect(canRespond(application(), bulletin(), undefined as unknown as Kindergarten, NOW).ok).toBe(true);
  });

  it('answers bad input with a code, never an exception', () => {
    expect(canRespond(null as unknown as Application, bulletin(), kindergarten, NOW)).toEqual({
      ok: false,
      reasons: ['invalidInput'],
    });
    expect(canRespond(application(), bulletin(), kindergarten, 'tomorrow')).toEqual({
      ok: false,
      reasons: ['invalidTimestamp'],
    });
    fc.assert(
      fc.property(
        fc.anything(),
        fc.anything(),
        fc.anything(),
        fc.anything(),
        fc.anything(),
        (a, b, k, n, c) => {
          const r = canRespond(a as Application, b as Bulletin, k as Kindergarten, n as string, c as object);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
    );
    fc.assert(
      fc.property(fc.object(), fc.object(), (a, b) => {
        expect(
          typeof canRespond(a as unknown as Application, b as unknown as Bulletin, kindergarten, NOW, {
            queue: [a as unknown as Application],
          }).ok,
        ).toBe('boolean');
      }),
    );
  });
});
