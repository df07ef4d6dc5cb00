import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  explainRank,
  positionFromCounts,
  queueNumber,
  type Rankable,
  rankApplications,
  rankCategory,
} from '../../../src/domain';
import { application } from './fixtures';

const r = (
  id: string,
  priority: string,
  filedAt: string,
  childIin = `0000000000${id}`.slice(-12),
): Rankable => ({
  id,
  priority,
  filedAt,
  childIin,
});
const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describe('queue order', () => {
  it('puts extraordinary first by filing time, then one primary for every three general', () => {
    const list = [
      r('g1', 'none', '2019-06-01T09:00:00+06:00'),
      r('g2', 'none', '2019-06-02T09:00:00+06:00'),
      r('p1', 'primary', '2019-06-10T09:00:00+06:00'),
      r('g3', 'none', '2019-06-03T09:00:00+06:00'),
      r('e1', 'extraordinary', '2019-07-01T09:00:00+06:00'),
      r('g4', 'none', '2019-06-04T09:00:00+06:00'),
      r('p2', 'primary', '2019-06-11T09:00:00+06:00'),
      r('g5', 'none', '2019-06-05T09:00:00+06:00'),
      r('e0', 'extraordinary', '2019-06-30T09:00:00+06:00'),
    ];
    expect(ids(rankApplications(list))).toEqual(['e0', 'e1', 'p1', 'g1', 'g2', 'g3', 'p2', 'g4', 'g5']);
  });

  it('lets the other sub-list continue when one runs out', () => {
    const list = [
      r('p1', 'primary', '2019-06-01T09:00:00Z'),
      r('p2', 'primary', '2019-06-02T09:00:00Z'),
      r('p3', 'primary', '2019-06-03T09:00:00Z'),
      r('g1', 'none', '2019-06-01T09:00:00Z'),
    ];
    expect(ids(rankApplications(list))).toEqual(['p1', 'g1', 'p2', 'p3']);
  });

  it('compares filing times as instants, not as strings', () => {
    // 10:00 in Almaty (+06:00) is 04:00Z: earlier than 06:00Z although the string sorts later.
    const list = [r('a', 'none', '2019-06-19T06:00:00Z'), r('b', 'none', '2019-06-19T10:00:00+06:00')];
    expect(ids(rankApplications(list))).toEqual(['b', 'a']);
  });

  it('breaks a tie in filing time by IIN and says so', () => {
    const list = [
      r('x', 'none', '2019-06-19T11:57:00+06:00', '170720600126'),
      r('y', 'none', '2019-06-19T11:57:00+06:00', '160720600125'),
    ];
    expect(ids(rankApplications(list))).toEqual(['y', 'x']);
    expect(explainRank(list).map((e) => e.tieBrokenByIin)).toEqual([true, true]);
  });

  it('explains every position: category, filing time and interleave slot', () => {
    const list = [
      r('e', 'extraordinary', '2019-06-05T00:00:00Z'),
      r('p', 'primary', '2019-06-01T00:00:00Z'),
      r('g1', 'none', '2019-06-01T00:00:00Z'),
      r('g2', 'none', '2019-06-02T00:00:00Z'),
      r('g3', 'none', '2019-06-03T00:00:00Z'),
      r('g4', 'none', '2019-06-04T00:00:00Z'),
    ];
    expect(explainRank(list).map((e) => [e.position, e.id, e.category, e.slot, e.round])).toEqual([
      [1, 'e', 'extraordinary', 'extraordinary', null],
      [2, 'p', 'primary', 'primaryTurn', 1],
      [3, 'g1', 'none', 'generalTurn', 1],
      [4, 'g2', 'none', 'generalTurn', 1],
      [5, 'g3', 'none', 'generalTurn', 1],
      [6, 'g4', 'none', 'generalOnly', null],
    ]);
    expect(explainRank(list)[0].filedAt).toBe('2019-06-05T00:00:00Z');
  });

  it('puts an unparsable filing time last, and drops non-objects; a non-array gives []', () => {
    const list = [r('bad', 'none', 'yesterday'), r('ok', 'none', '2019-06-01T00:00:00Z')];
    expect(ids(rankApplications(list))).toEqual(['ok', 'bad']);
    expect(
      rankApplications([null, 3, r('a', 'none', '2019-06-01T00:00:00Z')] as unknown as Rankable[]),
    ).toHaveLength(1);
    expect(rankApplications('x' as unknown as Rankable[])).toEqual([]);
    expect(explainRank(undefined as unknown as Rankable[])).toEqual([]);
  });

  it('ranks 500 responders quickly enough for the staff app to recompute (O(n log n))', () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      r(
        `a${i}`,
        ['none', 'none', 'primary', 'extraordinary'][i % 4],
        new Date(Date.UTC(2019, 0, 1) + ((i * 7919) % 500) * 60_000).toISOString(),
      ),
    );
    const ranked = rankApplications(many);
    expect(ranked).toHaveLength(500);
    expect(new Set(ids(ranked)).size).toBe(500);
  });

  const category = fc.constantFrom('extraordinary', 'primary', 'none');
  const filed = fc
    .integer({ min: 0, max: 50 })
    .map((m) => new Date(Date.UTC(2019, 5, 19, 6, m)).toISOString());
  const items = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 6 }),
      priority: category,
      filedAt: filed,
      childIin: fc.stringMatching(/^\d{12}$/),
    }),
    { selector: (x) => x.id, maxLength: 60 },
  );

  it('is a total, stable order: the same result for any permutation, nothing lost or added', () => {
    fc.assert(
      fc.property(
        items.chain((xs) =>
          fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length })),
        ),
        ([xs, shuffled]) => {
          const a = rankApplications(xs);
          const b = rankApplications(shuffled);
          expect(ids(a)).toEqual(ids(b));
          expect([...ids(a)].sort()).toEqual([...ids(xs)].sort());
        },
      ),
    );
  });

  it('keeps each category in filing order and never lets two primaries sit closer than three general apart while both remain', () => {
    fc.assert(
      fc.property(items, (xs) => {
        const ranked = rankApplications(xs);
        const e = ranked.filter((x) => x.priority === 'extraordinary');
        expect(ranked.slice(0, e.length).every((x) => x.priority === 'extraordinary')).toBe(true);
        for (const cat of ['extraordinary', 'primary', 'none']) {
          const ms = ranked.filter((x) => x.priority === cat).map((x) => Date.parse(x.filedAt));
          expect(ms).toEqual([...ms].sort((p, q) => p - q));
        }
        const rest = ranked.slice(e.length);
        const general = rest.filter((x) => x.priority === 'none').length;
        let seenGeneral = 0;
        let primaries = 0;
        for (const x of rest) {
          if (x.priority === 'primary') {
            // Before the k-th primary come min(3(k−1), all general) general applications.
            expect(seenGeneral).toBe(Math.min(3 * primaries, general));
            primaries++;
          } else seenGeneral++;
        }
      }),
    );
  });
});

describe('queue number', () => {
  it('is the 1-based position among the active applications of the same queue', () => {
    const a = application({ id: 'a', filedAt: '2019-06-19T11:00:00+06:00' });
    const b = application({ id: 'b', filedAt: '2019-06-19T11:57:00+06:00' });
    const gone = application({ id: 'gone', filedAt: '2019-06-19T10:00:00+06:00', status: 'enrolled' });
    const withdrawn = application({ id: 'w', filedAt: '2019-06-19T09:00:00+06:00', status: 'withdrawn' });
    const otherYear = application({ id: 'y', birthYear: 2016, filedAt: '2019-06-01T09:00:00+06:00' });
    const otherLocality = application({ id: 'l', localityId: 'arys', filedAt: '2019-06-01T09:00:00+06:00' });
    const otherType = application({ id: 't', groupType: 'sanatorium', filedAt: '2019-06-01T09:00:00+06:00' });
    const all = [a, b, gone, withdrawn, otherYear, otherLocality, otherType];
    expect(queueNumber('b', all)).toBe(2);
    expect(queueNumber('a', all)).toBe(1);
    expect(queueNumber('gone', all)).toBeNull();
    expect(queueNumber('nobody', all)).toBeNull();
    expect(queueNumber('b', Object.fromEntries(all.map((x) => [x.id, x])))).toBe(2);
    expect(queueNumber('b', 'x' as unknown as [])).toBeNull();
  });

  it('keeps the place of a stop-listed and of an inactive application', () => {
    const s = application({
      id: 's',
      status: 'stopListed',
      stopListUntil: '2026-04-14',
      filedAt: '2019-06-01T09:00:00+06:00',
    });
    const i = application({ id: 'i', status: 'inactive', filedAt: '2019-06-02T09:00:00+06:00' });
    const w = application({ id: 'w', filedAt: '2019-06-03T09:00:00+06:00' });
    expect(queueNumber('w', [s, i, w])).toBe(3);
    expect(queueNumber('s', [s, i, w])).toBe(1);
  });

  it('moves only when an application ahead leaves the queue (contract signed)', () => {
    const ahead = application({ id: 'ahead', filedAt: '2019-06-01T09:00:00+06:00', status: 'referred' });
    const me = application({ id: 'me', filedAt: '2019-06-02T09:00:00+06:00' });
    expect(queueNumber('me', [ahead, me])).toBe(2);
    expect(queueNumber('me', [{ ...ahead, status: 'enrolled' }, me])).toBe(1);
  });
});

describe('positionFromCounts', () => {
  it('gives every member the number queueNumber ranks it at, from counts alone', () => {
    const member = fc.record({
      priority: fc.constantFrom('extraordinary', 'primary', 'none', 'bogus'),
      // Few distinct times and IINs: ties decided by the IIN, then the id, come up often.
      filedAt: fc.constantFrom(
        '2026-01-01T05:00:00.000Z',
        '2026-01-01T05:00:01.000Z',
        '2026-01-02T00:00:00.000Z',
      ),
      childIin: fc.constantFrom('210514500011', '210514500022', '190101600033'),
    });
    fc.assert(
      fc.property(fc.array(member, { maxLength: 40 }), (drafts) => {
        const queue = drafts.map((d, i) => ({
          ...d,
          id: `app-${(i * 7) % 41}-${i}`,
          status: 'waiting' as const,
          localityId: 'l',
          birthYear: 2021,
          groupType: 'ordinary',
        }));
        const key = (a: (typeof queue)[number]) => [Date.parse(a.filedAt), a.childIin, a.id] as const;
        const ahead = (a: (typeof queue)[number], b: (typeof queue)[number]) => {
          const [x, y] = [key(a), key(b)];
          return x[0] !== y[0] ? x[0] < y[0] : x[1] !== y[1] ? x[1] < y[1] : x[2] < y[2];
        };
        const counts = { extraordinary: 0, primary: 0, none: 0 };
        for (const a of queue) counts[rankCategory(a.priority)]++;
        for (const a of queue) {
          const category = rankCategory(a.priority);
          const before = queue.filter((b) => rankCategory(b.priority) === category && ahead(b, a)).length;
          expect(positionFromCounts(category, counts, before)).toBe(queueNumber(a.id, queue));
        }
      }),
      { numRuns: 300 },
    );
  });
});
