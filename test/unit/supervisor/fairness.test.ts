import { describe, expect, it } from 'vitest';
import type { Bulletin, Response } from '../../../src/schema';
import type { DistrictData } from '../../../sync-server/supervisor/district-data';
import {
  bulletinSummaries,
  outOfOrderAllocations,
  rankResponders,
} from '../../../sync-server/supervisor/fairness';

const bulletin = {
  id: 'bul-1',
  kindergartenId: 'kg-balapan',
  groupId: 'grp',
  regionId: 'turkestan',
  localityId: 'arys',
  groupType: 'ordinary',
  language: 'kk',
  birthYears: [2021],
  ageGroup: 'Средняя группа',
  placeType: 'free',
  totalPlaces: 2,
  freePlaces: 2,
  vacancyAt: '2026-03-01T09:00:00+05:00',
  publishedAt: '2026-03-02T09:00:00+05:00',
  access: 'all',
  status: 'published',
  authorId: 'staff',
  authorName: 'Исенова Гулмира',
  updatedAt: 0,
} satisfies Bulletin;

function response(id: string, fields: Partial<Response>): Response {
  return {
    id,
    applicationId: `app-${id}`,
    bulletinId: 'bul-1',
    kindergartenId: 'kg-balapan',
    childIin: '170720600126',
    childName: `Ребёнок ${id}`,
    birthYear: 2021,
    filedAt: '2025-09-01T10:00:00+05:00',
    priority: 'none',
    respondedAt: '2026-03-02T10:00:00+05:00',
    status: 'active',
    updatedAt: 0,
    ...fields,
  };
}

function district(responses: Response[]): DistrictData {
  return {
    regionId: 'turkestan',
    kindergartens: [
      {
        id: 'kg-balapan',
        nameKk: '«Балапан» бөбекжай-бақшасы',
        nameRu: 'ГККП «Балапан» ясли - детский сад',
        ownership: 'state',
        regionId: 'turkestan',
        localityId: 'arys',
        address: 'город Арыс, Саликбайы №33а',
        languages: ['kk'],
        status: 'open',
        updatedAt: 0,
      },
    ],
    groups: [],
    applications: [],
    bulletins: [bulletin],
    responses,
    referrals: [],
  };
}

describe('fairness of a bulletin', () => {
  it('ranks responders by the queue rule: extraordinary first, then primary and general 1 : 3 by filing time', () => {
    const data = district([
      response('g1', { filedAt: '2025-01-01T10:00:00+05:00' }),
      response('g2', { filedAt: '2025-01-02T10:00:00+05:00' }),
      response('p1', { priority: 'primary', filedAt: '2025-06-01T10:00:00+05:00' }),
      response('x1', { priority: 'extraordinary', filedAt: '2025-08-01T10:00:00+05:00' }),
      response('w1', { status: 'withdrawn', filedAt: '2024-01-01T10:00:00+05:00' }),
    ]);
    const ranked = rankResponders(data, 'bul-1');
    expect(ranked.map((r) => r.responseId)).toEqual(['x1', 'p1', 'g1', 'g2']);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(ranked[0].childIin).toBe('********0126');
  });

  it('lists an activation out of order with its recorded reason and who was passed over', () => {
    const data = district([
      response('first', { filedAt: '2025-01-01T10:00:00+05:00' }),
      response('second', {
        filedAt: '2025-02-01T10:00:00+05:00',
        status: 'activated',
        activatedAt: '2026-03-19T10:42:00+05:00',
        activatedBy: 'user:isenova',
        skipReason: 'Родители первого не отвечают',
        skippedResponseIds: ['first'],
      }),
    ]);
    expect(outOfOrderAllocations(data)).toEqual([
      expect.objectContaining({
        responseId: 'second',
        rank: 2,
        reason: 'Родители первого не отвечают',
        kindergartenName: 'ГККП «Балапан» ясли - детский сад',
        passedOver: [{ responseId: 'first', childName: 'Ребёнок first', rank: 1 }],
      }),
    ]);
    expect(bulletinSummaries(data)[0]).toMatchObject({ responders: 2, activated: 1, outOfOrder: 1 });
  });

  it('does not call an activation in ranking order out of order', () => {
    const data = district([
      response('first', { status: 'activated', activatedAt: '2026-03-19T10:42:00+05:00' }),
      response('second', { filedAt: '2025-10-01T10:00:00+05:00' }),
    ]);
    expect(outOfOrderAllocations(data)).toEqual([]);
    expect(rankResponders(data, 'bul-1')[0].outOfOrder).toBe(false);
  });
});

describe('queue numbers for the fairness pages', () => {
  it('numbers each queue as the domain does, and gives none to an enrolled application', async () => {
    const { queueNumber } = await import('../../../src/domain');
    const { queueNumbers } = await import('../../../sync-server/supervisor/fairness');
    const base = {
      childId: 'c',
      childName: 'КАМЕНОВА ДАНИЯ',
      parentId: 'p',
      groupType: 'ordinary',
      languages: ['kk'],
      regionId: 'turkestan',
      claimedPriority: 'none' as const,
      updatedAt: 0,
    };
    const apps = Array.from({ length: 12 }, (_, i) => ({
      ...base,
      id: `a${i}`,
      childIin: `17072060${String(1000 + i).slice(-4)}`,
      birthYear: 2020 + (i % 2),
      localityId: i % 3 === 0 ? 'arys' : 'turkestan-city',
      filedAt: `2025-0${1 + (i % 9)}-0${1 + (i % 7)}T10:00:00+05:00`,
      priority: (i % 4 === 0 ? 'primary' : 'none') as 'primary' | 'none',
      status: (i === 5 ? 'enrolled' : 'waiting') as 'enrolled' | 'waiting',
    }));
    const numbers = queueNumbers(apps);
    for (const a of apps) expect(numbers.get(a.id) ?? null).toBe(queueNumber(a.id, apps));
    expect(numbers.has('a5')).toBe(false);
  });
});
