import { describe, expect, it } from 'vitest';
import type { Application, Bulletin, Kindergarten, Referral } from '../../../src/schema';
import { computeDashboard, median } from '../../../sync-server/supervisor/dashboard';
import { dashboardFiltersSchema, resolvePeriod } from '../../../sync-server/supervisor/dashboard-filters';
import type { DistrictData } from '../../../sync-server/supervisor/district-data';

const kg = (id: string, localityId: string): Kindergarten => ({
  id,
  nameKk: id,
  nameRu: `ГККП «${id}»`,
  ownership: 'state',
  regionId: 'turkestan',
  localityId,
  address: 'г.Туркестан',
  languages: ['kk', 'ru'],
  status: 'open',
  updatedAt: 0,
});

let n = 0;
function app(fields: Partial<Application>): Application {
  n += 1;
  return {
    id: `app-${n}`,
    childId: `child-${n}`,
    childIin: '170720600126',
    childName: 'КАМЕНОВА ДАНИЯ',
    parentId: 'parent',
    birthYear: 2021,
    filedAt: '2025-09-01T10:00:00+05:00',
    groupType: 'ordinary',
    languages: ['kk'],
    regionId: 'turkestan',
    localityId: 'turkestan-city',
    priority: 'none',
    claimedPriority: 'none',
    status: 'waiting',
    updatedAt: 0,
    ...fields,
  };
}

function bulletin(fields: Partial<Bulletin>): Bulletin {
  n += 1;
  return {
    id: `bul-${n}`,
    kindergartenId: 'kg-a',
    groupId: 'grp',
    regionId: 'turkestan',
    localityId: 'turkestan-city',
    groupType: 'ordinary',
    language: 'kk',
    birthYears: [2021],
    ageGroup: 'Средняя группа',
    placeType: 'free',
    totalPlaces: 3,
    freePlaces: 3,
    vacancyAt: '2026-03-01T09:00:00+05:00',
    publishedAt: '2026-03-02T09:00:00+05:00',
    access: 'all',
    status: 'published',
    authorId: 'staff',
    authorName: 'Исенова Гулмира',
    updatedAt: Date.parse('2026-03-02T04:00:00Z'),
    ...fields,
  };
}

function referral(fields: Partial<Referral>): Referral {
  n += 1;
  return {
    id: `ref-${n}`,
    applicationId: 'app-x',
    bulletinId: 'bul-x',
    responseId: 'resp-x',
    kindergartenId: 'kg-a',
    groupId: 'grp',
    childIin: '170720600126',
    childName: 'КАМЕНОВА ДАНИЯ',
    parentId: 'parent',
    activatedAt: '2026-03-19T10:42:00+05:00',
    activatedBy: 'staff',
    validUntil: '2026-03-31',
    status: 'active',
    verificationCode: 'ABC123',
    updatedAt: 0,
    ...fields,
  };
}

function district(parts: Partial<DistrictData>): DistrictData {
  return {
    regionId: 'turkestan',
    kindergartens: [kg('kg-a', 'turkestan-city'), kg('kg-b', 'arys')],
    groups: [],
    applications: [],
    bulletins: [],
    responses: [],
    referrals: [],
    ...parts,
  };
}

const filters = (f: Record<string, unknown> = {}) => dashboardFiltersSchema.parse(f);
// docs/domain.md's referral example: activated Thu 19.03.2026, last valid day 31.03.2026.
const now = new Date('2026-03-30T06:00:00Z');

describe('the supervisor dashboard', () => {
  it('counts the queue without enrolled, withdrawn or archived applications, and a stop-listed one as in it', () => {
    const data = district({
      applications: [
        app({ status: 'waiting' }),
        app({ status: 'stopListed' }),
        app({ status: 'referred', localityId: 'arys', birthYear: 2022 }),
        app({ status: 'enrolled' }),
        app({ status: 'withdrawn' }),
        app({ status: 'archived' }),
      ],
    });
    const d = computeDashboard(data, filters(), now);
    expect(d.totals.queue).toBe(3);
    expect(d.totals.stopListed).toBe(1);
    expect(d.totals.stopListRate).toBe(0.3333);
    expect(d.queueByLocality).toEqual([
      { localityId: 'arys', count: 1 },
      { localityId: 'turkestan-city', count: 2 },
    ]);
    expect(d.queueByBirthYear).toEqual([
      { birthYear: 2021, count: 2 },
      { birthYear: 2022, count: 1 },
    ]);
  });

  it('counts an application that accepts kk and ru once under each language', () => {
    const data = district({ applications: [app({ languages: ['kk', 'ru'] }), app({ languages: ['ru'] })] });
    expect(computeDashboard(data, filters(), now).queueByLanguage).toEqual([
      { language: 'kk', count: 1 },
      { language: 'ru', count: 2 },
    ]);
  });

  it('counts a claimed category as pending until a supervisor confirmed it', () => {
    const data = district({
      applications: [
        app({ claimedPriority: 'primary' }),
        app({
          claimedPriority: 'primary',
          priority: 'primary',
          priorityConfirmedAt: '2026-03-01T10:00:00+05:00',
        }),
        app({ claimedPriority: 'extraordinary', status: 'enrolled' }),
      ],
    });
    const d = computeDashboard(data, filters(), now);
    expect(d.totals.pendingPriority).toBe(1);
    expect(d.queueByPriority).toEqual([
      { priority: 'none', count: 1 },
      { priority: 'primary', count: 1 },
    ]);
  });

  it('lists the referral whose last valid day, 31.03.2026, falls in the next three days', () => {
    const data = district({
      referrals: [
        referral({ childName: 'КАМЕНОВА ДАНИЯ' }),
        referral({ validUntil: '2026-03-31', extendedUntil: '2026-04-30' }),
        referral({ validUntil: '2026-03-29' }),
        referral({ status: 'enrolled' }),
      ],
    });
    const d = computeDashboard(data, filters(), now);
    expect(d.expiringReferrals).toEqual([
      expect.objectContaining({
        childName: 'КАМЕНОВА ДАНИЯ',
        lastDay: '2026-03-31',
        daysLeft: 1,
        kindergartenName: 'ГККП «kg-a»',
      }),
    ]);
    expect(computeDashboard(data, filters({ expiringDays: 0 }), now).expiringReferrals).toEqual([]);
  });

  it('takes the median days from filing to the signed contract, and no-shows among ended referrals', () => {
    const a1 = app({ id: 'a1', status: 'enrolled', filedAt: '2026-01-01T10:00:00+05:00' });
    const a2 = app({ id: 'a2', status: 'enrolled', filedAt: '2026-02-01T10:00:00+05:00' });
    const a3 = app({ id: 'a3', status: 'enrolled', filedAt: '2026-03-01T10:00:00+05:00' });
    const signed = (applicationId: string) =>
      referral({ applicationId, status: 'enrolled', signedAt: '2026-03-11T10:00:00+05:00' });
    const data = district({
      applications: [a1, a2, a3],
      referrals: [
        signed('a1'),
        signed('a2'),
        signed('a3'),
        referral({ status: 'expired', closedAt: '2026-03-20T00:00:00+05:00' }),
        referral({ status: 'active' }),
      ],
    });
    const d = computeDashboard(data, filters({ from: '2026-03-01', to: '2026-03-31' }), now);
    // 69, 38 and 10 days: the median is 38.
    expect(d.totals.medianDaysToEnrolment).toBe(38);
    expect(d.totals.enrolments).toBe(3);
    expect(d.totals.noShows).toBe(1);
    expect(d.totals.noShowRate).toBe(0.25);
    expect(median([])).toBeNull();
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });

  it('counts bulletins published and closed per day in a short period, and free places of the published ones', () => {
    const data = district({
      bulletins: [
        bulletin({ publishedAt: '2026-03-02T09:00:00+05:00', totalPlaces: 3, freePlaces: 2 }),
        bulletin({ publishedAt: '2026-03-02T23:30:00+05:00', totalPlaces: 1, freePlaces: 1 }),
        bulletin({
          status: 'closed',
          publishedAt: '2026-03-03T09:00:00+05:00',
          updatedAt: Date.parse('2026-03-05T04:00:00Z'),
        }),
        bulletin({ kindergartenId: 'kg-b', localityId: 'arys', freePlaces: 4 }),
      ],
    });
    const d = computeDashboard(data, filters({ from: '2026-03-01', to: '2026-03-05' }), now);
    expect(d.period.bucket).toBe('day');
    expect(d.bulletinsOverTime).toEqual([
      { period: '2026-03-01', published: 0, closed: 0, placesPublished: 0 },
      { period: '2026-03-02', published: 3, closed: 0, placesPublished: 7 },
      { period: '2026-03-03', published: 1, closed: 0, placesPublished: 3 },
      { period: '2026-03-04', published: 0, closed: 0, placesPublished: 0 },
      { period: '2026-03-05', published: 0, closed: 1, placesPublished: 0 },
    ]);
    expect(d.totals.freePlaces).toBe(7);
    const inArys = computeDashboard(data, filters({ localityId: 'arys' }), now);
    expect(inArys.totals).toMatchObject({ publishedBulletins: 1, freePlaces: 4 });
    const inKgA = computeDashboard(data, filters({ kindergartenId: 'kg-a' }), now);
    expect(inKgA.totals.publishedBulletins).toBe(2);
  });

  it('shows the last twelve months by month when no period is chosen', () => {
    const p = resolvePeriod(filters(), '2026-03-30');
    expect(p).toEqual({ from: '2025-03-01', to: '2026-03-30', bucket: 'month' });
    const d = computeDashboard(district({}), filters(), now);
    expect(d.bulletinsOverTime.map((r) => r.period)).toHaveLength(13);
    expect(d.bulletinsOverTime[0].period).toBe('2025-03');
    expect(d.bulletinsOverTime[12].period).toBe('2026-03');
  });
});
