import type { RxDatabase } from 'rxdb';
import { makeIin, parseIin } from '../../src/domain';
import type { Application, Bulletin, Group, Kindergarten, Response } from '../../src/schema';
import { createUser, hashPassword } from '../auth';
import type { PersonRecord, ServerContext } from '../context';
import { collection } from '../database';
import type { Child, Parent } from '../schema';
import { DEMO_LOCALITIES, DEMO_REGIONS, KINDERGARTEN_NAMES } from './district-catalogue';
import { enrolledChildren } from './enrolled';
import { childName, familyOf, newFamily, parentName, staffNames } from './names';
import { SeededRandom } from './random';
import { bulletinFieldsOf } from './bulletin-fields';
import { familyDocs } from './family-docs';
import { kindergartenDocs } from './kindergarten-docs';

/**
 * The demo district (issue 5): Туркестанская область — Туркестан, Арыс, Кентау — with 30 kindergartens
 * (kk/ru names and addresses), 150 groups, 5,000 applications with valid IINs spread over birth years
 * 2019–2024, languages and priority categories, the parents and children behind them, open bulletins
 * with a few responders, and demo logins: one staff account per kindergarten, one supervisor per
 * region and a parent (the seed's КАМЕНОВ ЕРМЕК). Deterministic: the same data on every run.
 */

/** The demo regions' supervisors: people with names, each region its own. */
const SUPERVISOR_NAMES: Record<string, string> = {
  turkestan: 'Жумабекова Айгуль Серікқызы',
  shymkent: 'Оспанов Ерлан Маратұлы',
};

export const DEMO_PASSWORD = 'oryn-demo-2026';
export const DEMO_PARENT_PHONE = '+77010000001';
/** The seed's parent (Профиль: КАМЕНОВ ЕРМЕК АХМЕТОВИЧ, 25.02.1994). */
export const DEMO_PARENT_IIN = '940225300128';

export interface DemoLogins {
  password: string;
  staff: { login: string; kindergartenId: string; kindergartenName: string }[];
  supervisors: { login: string; regionId: string }[];
  parent: { phone: string };
}

export type SeedProgress = (done: number, total: number, stage: string) => void;

export interface SeedOptions {
  applications?: number;
  seed?: number;
  onProgress?: SeedProgress;
}

const CHUNK = 500;

/** Whether the database already holds a district (then `start` does not seed again). */
export async function isSeeded(db: RxDatabase): Promise<boolean> {
  return (await collection(db, 'kindergartens').count().exec()) > 0;
}

export async function seedDemo(ctx: ServerContext, options: SeedOptions = {}): Promise<DemoLogins> {
  const total = options.applications ?? 5000;
  const rnd = new SeededRandom(options.seed ?? 2026);
  const now = ctx.now();
  const nowMs = now.getTime();
  const nowIso = now.toISOString();
  const steps = 4 + Math.ceil(total / CHUNK);
  let done = 0;
  const progress = (stage: string) => options.onProgress?.(++done, steps, stage);

  // Catalogue: kindergartens and their five age groups each.
  const kindergartens: Kindergarten[] = [];
  const groups: Group[] = [];
  let nameIndex = 0;
  for (const locality of DEMO_LOCALITIES) {
    for (let i = 0; i < locality.kindergartens; i++) {
      const proper = KINDERGARTEN_NAMES[nameIndex++ % KINDERGARTEN_NAMES.length];
      const id = `kg-${locality.id.slice(0, 3)}-${String(i + 1).padStart(2, '0')}`;
      const made = kindergartenDocs(rnd, { id, shown: proper, locality, index: i, nowMs });
      kindergartens.push(made.kindergarten);
      groups.push(...made.groups);
    }
  }
  await collection(ctx.db, 'kindergartens').bulkInsert(kindergartens);
  // Region and locality names for the catalogue, filters and the supervisor pages ('region:<id>').
  await collection(ctx.db, 'settings').bulkInsert(
    DEMO_REGIONS.map((region) => ({
      id: `region:${region.id}`,
      kind: 'region' as const,
      value: {
        nameKk: region.nameKk,
        nameRu: region.nameRu,
        nameEn: region.nameEn,
        localities: DEMO_LOCALITIES.filter((l) => l.regionId === region.id).map((l) => ({
          id: l.id,
          nameKk: l.nameKk,
          nameRu: l.nameRu,
          nameEn: l.nameEn,
        })),
      },
      updatedAt: nowMs,
    })),
  );
  progress('catalogue');

  // Accounts: staff per kindergarten, a supervisor per region, the demo parent.
  const logins: DemoLogins = {
    password: DEMO_PASSWORD,
    staff: [],
    supervisors: [],
    parent: { phone: DEMO_PARENT_PHONE },
  };
  // One employee per kindergarten, each with a name of her own; her kindergarten's bulletins name her.
  const staffNameOf = new Map<string, string>();
  const names = staffNames(kindergartens.length, rnd);
  for (const [i, kg] of kindergartens.entries()) staffNameOf.set(kg.id, names[i]);
  const counters = new Map<string, number>();
  for (const kg of kindergartens) {
    const short = kg.localityId.slice(0, 3);
    const n = (counters.get(short) ?? 0) + 1;
    counters.set(short, n);
    const login = `staff-${short}-${String(n).padStart(2, '0')}`;
    await createUser(ctx, {
      login,
      password: DEMO_PASSWORD,
      role: 'staff',
      name: staffNameOf.get(kg.id) as string,
      kindergartenId: kg.id,
    });
    logins.staff.push({ login, kindergartenId: kg.id, kindergartenName: kg.nameRu });
  }
  for (const region of DEMO_REGIONS) {
    const login = `supervisor-${region.id}`;
    await createUser(ctx, {
      login,
      password: DEMO_PASSWORD,
      role: 'supervisor',
      // A person, as the audit log names whoever acted (issue 14, item 18), not the region's label.
      name: SUPERVISOR_NAMES[region.id] ?? `Супервайзер: ${region.nameRu}`,
      regionId: region.id,
    });
    logins.supervisors.push({ login, regionId: region.id });
  }
  progress('accounts');

  // Families: a parent, a child and an application each, in chunks.
  const usedIins = new Set<string>([DEMO_PARENT_IIN]);
  const iinFor = (birthDate: string, sex: 'male' | 'female') => {
    for (;;) {
      const iin = makeIin({ birthDate, sex, serial: rnd.int(0, 9998) });
      if (iin && !usedIins.has(iin)) {
        usedIins.add(iin);
        return iin;
      }
    }
  };
  const bornOf = (iin: string) => {
    const parsed = parseIin(iin);
    if (!parsed.ok) throw new Error('the seed made an invalid IIN');
    return { birthDate: parsed.value.birthDate, sex: parsed.value.sex };
  };
  const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const fullName = (p: PersonRecord) => [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
  const turkestanLocalities = DEMO_LOCALITIES.filter((l) => l.weight > 0);
  const lockedHash = '!';
  const demoParentHash = await hashPassword(DEMO_PASSWORD);
  const applications: Application[] = [];

  for (let start = 0; start < total; start += CHUNK) {
    const parents: Parent[] = [];
    const children: Child[] = [];
    const apps: Application[] = [];
    for (let i = start; i < Math.min(total, start + CHUNK); i++) {
      const demo = i === 0;
      const birthYear = demo ? 2021 : rnd.int(2019, 2024);
      const latest = Math.min(Date.UTC(birthYear, 11, 31), nowMs - 90 * 86_400_000);
      const birthMs = rnd.int(Date.UTC(birthYear, 0, 1), Math.max(Date.UTC(birthYear, 0, 1), latest));
      // The seed's family: КАМЕНОВ ЕРМЕК АХМЕТОВИЧ and his daughter (Анкета ребенка: КАМЕНОВА ДАНИЯ ЕРМЕКОВНА).
      const childSex = demo || rnd.next() < 0.5 ? 'female' : 'male';
      const childIin = iinFor(dayOf(birthMs), childSex);
      const parentSex = rnd.next() < 0.6 ? 'female' : 'male';
      const parentIin = demo
        ? DEMO_PARENT_IIN
        : iinFor(dayOf(Date.UTC(rnd.int(1984, 2001), rnd.int(0, 11), rnd.int(1, 28))), parentSex);
      // A family (seed/names.ts): the child has its surname and the father's name as patronymic,
      // the parent who applies is the father or the mother of that family.
      const family = demo ? familyOf('КАМЕНОВ', 'ЕРМЕК', 'ru') : newFamily(rnd);
      const parentPerson: PersonRecord = demo
        ? (await ctx.people.lookup(parentIin))!
        : { iin: parentIin, ...parentName(family, parentSex, rnd), ...bornOf(parentIin) };
      const childPerson: PersonRecord = {
        iin: childIin,
        ...(demo
          ? { lastName: 'КАМЕНОВА', firstName: 'ДАНИЯ', middleName: 'ЕРМЕКОВНА' }
          : childName(family, childSex, rnd)),
        ...bornOf(childIin),
      };
      const parentId = demo ? 'parent:demo' : `parent:demo-${String(i).padStart(5, '0')}`;
      const docs = familyDocs({
        parentId,
        phone: demo ? DEMO_PARENT_PHONE : `+7705${String(1_000_000 + i).slice(-7)}`,
        passwordHash: demo ? demoParentHash : lockedHash,
        parentIin,
        parent: parentPerson,
        childIin,
        child: childPerson,
        nowIso,
        nowMs,
      });
      parents.push(docs.parent);
      children.push(docs.child);
      const childId = docs.child.id;
      const locality = demo
        ? turkestanLocalities[0]
        : rnd.weighted(turkestanLocalities.map((l) => [l, l.weight] as const));
      const claimed = rnd.weighted<Application['claimedPriority']>([
        ['extraordinary', 1],
        ['primary', 8],
        ['none', 91],
      ]);
      const filedMs = rnd.int(Math.min(birthMs + 30 * 86_400_000, nowMs - 86_400_000), nowMs - 86_400_000);
      const status = demo
        ? 'waiting'
        : rnd.weighted<Application['status']>([
            ['waiting', 96],
            ['inactive', 3],
            ['stopListed', 1],
          ]);
      apps.push({
        id: demo ? 'app-demo' : `app-${String(i).padStart(5, '0')}`,
        childId,
        childIin,
        childName: fullName(childPerson),
        parentId,
        birthYear,
        filedAt: new Date(filedMs).toISOString(),
        groupType: demo
          ? 'ordinary'
          : rnd.weighted([
              ['ordinary', 92],
              ['sanatorium', 4],
              ['special', 3],
              ['inclusive', 1],
            ]),
        languages: demo
          ? ['kk', 'ru']
          : rnd.weighted<string[]>([
              [['kk'], 50],
              [['kk', 'ru'], 25],
              [['ru'], 20],
              [['uz', 'ru'], 5],
            ]),
        regionId: locality.regionId,
        localityId: locality.id,
        // A claimed category counts once a supervisor confirmed its documents (docs/domain.md).
        priority: claimed !== 'none' && rnd.next() < 0.8 ? claimed : 'none',
        claimedPriority: claimed,
        status,
        ...(status === 'stopListed' ? { stopListUntil: dayOf(nowMs + rnd.int(1, 14) * 86_400_000) } : {}),
        interestConfirmedAt: new Date(rnd.int(filedMs, nowMs)).toISOString(),
        updatedAt: nowMs,
      });
    }
    await collection(ctx.db, 'parents').bulkInsert(parents);
    await collection(ctx.db, 'children').bulkInsert(children);
    applications.push(...apps);
    progress('families');
  }

  // Open bulletins: one in three kindergartens publishes a group's free places; "Доступ для всех"
  // bulletins already have a few responders so the staff app has someone to activate.
  const bulletins: Bulletin[] = [];
  const responses: Response[] = [];
  const responded = new Map<string, string>();
  const byId = new Map(kindergartens.map((k) => [k.id, k]));
  groups
    .filter((g, i) => {
      const k = Math.floor(i / 5);
      return k % 3 !== 2 && i % 5 === k % 5 && g.groupType === 'ordinary';
    })
    .forEach((group, b) => {
      const kg = byId.get(group.kindergartenId)!;
      const access = b % 2 === 0 ? 'all' : 'priority';
      const freePlaces = rnd.int(1, 3);
      // A bulletin never offers more places than its group has free (src/domain/places.ts).
      group.enrolled = Math.min(group.enrolled, group.capacity - freePlaces);
      const bulletin: Bulletin = {
        id: `bul-demo-${String(b + 1).padStart(3, '0')}`,
        ...bulletinFieldsOf(kg, group),
        totalPlaces: freePlaces + rnd.int(0, 1),
        freePlaces,
        vacancyAt: new Date(nowMs - rnd.int(1, 72) * 3_600_000).toISOString(),
        publishedAt: new Date(nowMs - rnd.int(1, 48) * 3_600_000).toISOString(),
        ...(access === 'priority' ? { priorityUntil: new Date(nowMs + 3 * 86_400_000).toISOString() } : {}),
        access,
        status: 'published',
        authorId: `user:${logins.staff.find((s) => s.kindergartenId === kg.id)?.login}`,
        authorName: staffNameOf.get(kg.id) as string,
        updatedAt: nowMs,
      };
      bulletins.push(bulletin);
      if (access !== 'all') return;
      const matching = applications.filter(
        (a) =>
          a.status === 'waiting' &&
          !responded.has(a.id) &&
          a.localityId === bulletin.localityId &&
          a.groupType === bulletin.groupType &&
          bulletin.birthYears.includes(a.birthYear) &&
          a.languages.includes(bulletin.language) &&
          a.id !== 'app-demo',
      );
      for (const a of matching.slice(0, 3)) {
        responded.set(a.id, bulletin.kindergartenId);
        responses.push({
          id: `resp-demo-${responses.length + 1}`,
          applicationId: a.id,
          bulletinId: bulletin.id,
          kindergartenId: bulletin.kindergartenId,
          childIin: a.childIin,
          childName: a.childName,
          birthYear: a.birthYear,
          filedAt: a.filedAt,
          priority: a.priority,
          respondedAt: new Date(nowMs - rnd.int(1, 20) * 3_600_000).toISOString(),
          status: 'active',
          updatedAt: nowMs,
        });
      }
    });
  for (const a of applications) {
    const kg = responded.get(a.id);
    if (kg) {
      a.status = 'responded';
      a.visibleTo = [kg];
    }
  }
  // The children already in the groups, each a record (seed/enrolled.ts): a group's `enrolled` is
  // their number, as the Groups screen and «Зачисленные дети» both count it.
  const enrolled = enrolledChildren({
    groups,
    kindergartens: byId,
    staffOf: (id) => {
      const login = logins.staff.find((s) => s.kindergartenId === id)?.login;
      return { id: `user:${login}`, name: staffNameOf.get(id) ?? '' };
    },
    usedIins,
    nowMs,
    lockedHash,
  });
  await collection(ctx.db, 'parents').bulkInsert(enrolled.parents);
  await collection(ctx.db, 'children').bulkInsert(enrolled.children);
  applications.push(...enrolled.applications);
  bulletins.push(...enrolled.bulletins);
  responses.push(...enrolled.responses);
  for (let i = 0; i < applications.length; i += CHUNK) {
    await collection(ctx.db, 'applications').bulkInsert(applications.slice(i, i + CHUNK));
  }
  progress('applications');
  await collection(ctx.db, 'groups').bulkInsert(groups);
  await collection(ctx.db, 'bulletins').bulkInsert(bulletins);
  await collection(ctx.db, 'responses').bulkInsert(responses);
  await collection(ctx.db, 'referrals').bulkInsert(enrolled.referrals);
  progress('bulletins');
  ctx.log.info(
    {
      kindergartens: kindergartens.length,
      groups: groups.length,
      applications: applications.length,
      bulletins: bulletins.length,
    },
    'demo district seeded',
  );
  return logins;
}
