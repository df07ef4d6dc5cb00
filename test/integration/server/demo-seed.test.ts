import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupPlaces, parseIin } from '../../../src/domain';
import { collection } from '../../../sync-server/database';
import type { Runtime } from '../../../sync-server/runtime';
import { type DemoLogins, isSeeded, seedDemo } from '../../../sync-server/seed';
import { readAll } from '../../../sync-server/store';
import { startTestRuntime } from './harness';

// Rules over the data, not the storage: rxdb's memory storage keeps this suite quick (the processor
// and replication suites run on PGlite).
describe('the demo district', () => {
  let runtime: Runtime;
  let logins: DemoLogins;
  const stages: string[] = [];
  beforeAll(async () => {
    ({ runtime } = await startTestRuntime({ kind: 'memory' }));
    expect(await isSeeded(runtime.ctx.db)).toBe(false);
    logins = await seedDemo(runtime.ctx, {
      applications: 5000,
      onProgress: (_d, _t, stage) => stages.push(stage),
    });
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('has Туркестанская область with 30 kindergartens in Туркестан, Арыс and Кентау, and one in another region', async () => {
    const kgs = await readAll(collection(runtime.ctx.db, 'kindergartens'), {});
    const turkestan = kgs.filter((k) => k.regionId === 'turkestan');
    expect(turkestan).toHaveLength(30);
    expect(new Set(turkestan.map((k) => k.localityId))).toEqual(
      new Set(['turkestan-city', 'arys', 'kentau']),
    );
    expect(kgs.filter((k) => k.regionId !== 'turkestan')).toHaveLength(1);
    expect(turkestan.every((k) => k.nameKk !== k.nameRu && k.address.includes('Туркестанская область'))).toBe(
      true,
    );
    expect(
      (await readAll(collection(runtime.ctx.db, 'groups'), {})).filter((g) =>
        g.kindergartenId.startsWith('kg-shy'),
      ),
    ).toHaveLength(5);
    expect(await collection(runtime.ctx.db, 'groups').count().exec()).toBe(155);
    expect(await isSeeded(runtime.ctx.db)).toBe(true);
  });

  it('files 5,000 applications with valid IINs whose birth year is the queue year, 2019 to 2024', async () => {
    // The queue's applications; the children already in the groups are enrolled ones (their own test).
    const apps = (await readAll(collection(runtime.ctx.db, 'applications'), {})).filter(
      (a) => a.status !== 'enrolled',
    );
    expect(apps).toHaveLength(5000);
    expect(new Set(apps.map((a) => a.childIin)).size).toBe(5000);
    for (const a of apps) {
      const iin = parseIin(a.childIin);
      expect(iin.ok && Number(iin.value.birthDate.slice(0, 4))).toBe(a.birthYear);
    }
    expect(new Set(apps.map((a) => a.birthYear))).toEqual(new Set([2019, 2020, 2021, 2022, 2023, 2024]));
    expect(new Set(apps.map((a) => a.claimedPriority))).toEqual(
      new Set(['extraordinary', 'primary', 'none']),
    );
    expect(new Set(apps.flatMap((a) => a.languages))).toEqual(new Set(['kk', 'ru', 'uz']));
    const enrolled = (await readAll(collection(runtime.ctx.db, 'referrals'), { status: 'enrolled' })).length;
    expect(await collection(runtime.ctx.db, 'children').count().exec()).toBe(5000 + enrolled);
    expect(await collection(runtime.ctx.db, 'parents').count().exec()).toBe(5000 + enrolled);
  });

  it('publishes open bulletins, some with responders a kindergarten can see', async () => {
    const bulletins = await readAll(collection(runtime.ctx.db, 'bulletins'), { status: 'published' });
    expect(bulletins.length).toBeGreaterThanOrEqual(15);
    const responses = await readAll(collection(runtime.ctx.db, 'responses'), {});
    expect(responses.length).toBeGreaterThan(0);
    const app = (
      await readAll(collection(runtime.ctx.db, 'applications'), { id: responses[0].applicationId })
    )[0];
    expect(app.status).toBe('responded');
    expect(app.visibleTo).toEqual([responses[0].kindergartenId]);
  });

  it('counts a group’s enrolled children from their records: one count, one source', async () => {
    const db = runtime.ctx.db;
    const groups = await readAll(collection(db, 'groups'), {});
    const referrals = await readAll(collection(db, 'referrals'), { status: 'enrolled' });
    const apps = new Map(
      (await readAll(collection(db, 'applications'), { status: 'enrolled' })).map((a) => [a.id, a]),
    );
    const children = new Set((await readAll(collection(db, 'children'), {})).map((c) => c.iin));
    expect(referrals.length).toBeGreaterThan(groups.length * 15);
    // Boys and girls in every group, as in any kindergarten.
    const sexes = new Map((await readAll(collection(db, 'children'), {})).map((c) => [c.iin, c.sex]));
    for (const g of groups) {
      const mine = referrals.filter((r) => r.groupId === g.id);
      expect(mine.length, g.id).toBe(g.enrolled);
      for (const r of mine) {
        expect(r.contractNumber && r.contractDate && r.signedAt, r.id).toBeTruthy();
        expect(apps.get(r.applicationId)).toMatchObject({ enrolledGroupId: g.id, childIin: r.childIin });
        expect(children.has(r.childIin)).toBe(true);
      }
      expect(new Set(mine.map((r) => sexes.get(r.childIin))).size, g.id).toBe(mine.length > 1 ? 2 : 1);
    }
  });

  it('never offers in a bulletin more places than its group has free', async () => {
    const groups = await readAll(collection(runtime.ctx.db, 'groups'), {});
    const bulletins = await readAll(collection(runtime.ctx.db, 'bulletins'), {});
    const referrals = await readAll(collection(runtime.ctx.db, 'referrals'), {});
    for (const g of groups) {
      const places = groupPlaces(g, referrals, bulletins);
      expect(places.offered, g.id).toBeLessThanOrEqual(places.free);
    }
  });

  it('makes families coherent: the child has the parent’s surname, and the father’s name as patronymic', async () => {
    const parents = new Map(
      (await readAll(collection(runtime.ctx.db, 'parents'), {})).map((p) => [p.id, p] as const),
    );
    const children = await readAll(collection(runtime.ctx.db, 'children'), {});
    const stem = (surname: string) => surname.replace(/А$/, '');
    for (const child of children) {
      const parent = parents.get(child.parentId);
      expect(parent, child.id).toBeDefined();
      expect(stem(child.lastName)).toBe(stem(parent?.lastName ?? ''));
      expect(child.lastName.endsWith('А')).toBe(child.sex === 'female');
      if (parent?.sex === 'male') expect(child.middleName?.startsWith(parent.firstName ?? '-')).toBe(true);
    }
    const demo = children.find((c) => c.parentId === 'parent:demo');
    expect(demo).toMatchObject({ lastName: 'КАМЕНОВА', firstName: 'ДАНИЯ', middleName: 'ЕРМЕКОВНА' });
    const app = (await readAll(collection(runtime.ctx.db, 'applications'), { id: 'app-demo' }))[0];
    expect(app.childName).toBe('КАМЕНОВА ДАНИЯ ЕРМЕКОВНА');
  });

  it('gives each kindergarten its own employee, whom its bulletins name', async () => {
    const users = await readAll(collection(runtime.ctx.db, 'users'), { role: 'staff' });
    expect(new Set(users.map((u) => u.name)).size).toBe(users.length);
    const staffOf = new Map(users.map((u) => [u.kindergartenId ?? '', u.name] as const));
    const bulletins = await readAll(collection(runtime.ctx.db, 'bulletins'), {});
    for (const b of bulletins) {
      expect(b.authorName).toBe(staffOf.get(b.kindergartenId));
      expect(b.placeType).toBe('free');
    }
    const groups = await readAll(collection(runtime.ctx.db, 'groups'), {});
    expect(new Set(groups.map((g) => g.ageGroup))).toEqual(
      new Set(['mixed', 'junior', 'middle', 'senior', 'preschool']),
    );
  });

  it('gives every kindergarten a staff login and every region a supervisor', () => {
    expect(logins.staff).toHaveLength(31);
    expect(logins.supervisors.map((s) => s.regionId)).toEqual(['turkestan', 'shymkent']);
    expect(stages.at(-1)).toBe('bulletins');
  });

  it('is the same district on every run', async () => {
    const again = await startTestRuntime({ kind: 'memory' });
    try {
      await seedDemo(again.runtime.ctx, { applications: 50 });
      const a = (await readAll(collection(again.runtime.ctx.db, 'applications'), {})).filter(
        (x) => x.status !== 'enrolled',
      );
      const b = await readAll(collection(runtime.ctx.db, 'applications'), {
        id: { $in: a.map((x) => x.id) },
      });
      const key = (x: { id: string; childIin: string; filedAt: string; localityId: string }) =>
        `${x.id} ${x.childIin} ${x.filedAt} ${x.localityId}`;
      expect(a.map(key).sort()).toEqual(b.map(key).sort());
      expect(a).toHaveLength(50);
    } finally {
      await again.runtime.close();
    }
    // A second district, with the groups' enrolled children: longer than a unit's minute when the
    // machine is shared.
  }, 180_000);
});
