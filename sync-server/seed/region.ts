import type { RxCollection } from 'rxdb';
import { addDays, almatyDayOfMs, makeIin, verificationCode } from '../../src/domain';
import type { Application, Bulletin, Group, Kindergarten, Referral, Response } from '../../src/schema';
import { hashPassword } from '../auth';
import type { PersonRecord, ServerContext } from '../context';
import { collection } from '../database';
import { INTEREST_SETTING } from '../scheduler';
import type { Child, Parent } from '../schema';
import type { User } from '../schema/users';
import {
  DEMO_PARENT_IIN,
  DEMO_PARENT_PHONE,
  DEMO_PASSWORD,
  type DemoLogins,
  type SeedProgress,
} from './demo';
import { DEMO_REGIONS, KINDERGARTEN_NAMES } from './district-catalogue';
import { familyByIins, staffNames } from './names';
import { SeededRandom } from './random';
import { REGION_LOCALITIES } from './region-catalogue';
import { bulletinFieldsOf } from './bulletin-fields';
import { familyDocs } from './family-docs';
import { kindergartenDocs } from './kindergarten-docs';

/**
 * A region's worth of data (issue 16, `seed --region N`): N applications (default 200,000) with their
 * parents and children, ~N/400 kindergartens (500 at 200k) over Туркестанская область's towns and
 * districts with five age groups each, a published and a closed bulletin per kindergarten, responses
 * and referrals in every state (active, enrolled with a signed contract, expired → stop-list,
 * annulled), and the demo's logins (staff per kindergarten, a supervisor per region, the parent
 * +77010000001). Written with bulk inserts in chunks; deterministic (seeded PRNG).
 *
 * The region sets `interestConfirmationDays`, and a fixed number of deadlines fall due "now" whatever
 * N is (referrals lapsed, stop-lists over, priority windows over, interest overdue or to remind), so
 * a scheduler tick has the same work at every size and what grows is only what it must not touch.
 */

export interface RegionOptions {
  applications?: number;
  seed?: number;
  onProgress?: SeedProgress;
}

/** How many deadlines of each kind fall due at the seed's "now" (independent of N). */
export const DUE_PER_KIND = 5;
/** The region's interest confirmation period, in days. */
export const REGION_INTEREST_DAYS = 180;

const CHUNK = 2000;
const DAY_MS = 86_400_000;
const APPLICATIONS_PER_KINDERGARTEN = 400;

/**
 * The names of a family: its parent and child as the person registry answers for their IINs. The seed's
 * names come from this one place (and only from the registry), so a change of how demo families are
 * named (one surname, the child's patronymic from the parent) reaches the region seed too.
 */
async function familyNames(
  ctx: ServerContext,
  parentIin: string,
  childIin: string,
): Promise<{ parent: PersonRecord; child: PersonRecord }> {
  const [parent, child] = await Promise.all([ctx.people.lookup(parentIin), ctx.people.lookup(childIin)]);
  if (!parent || !child) throw new Error('the person registry does not know a seeded IIN');
  // Birth date and sex as the registry has them; the names of one family (seed/names.ts).
  const names = familyByIins(parent, child);
  return { parent: { ...parent, ...names.parent }, child: { ...child, ...names.child } };
}

async function insertAll<T>(target: RxCollection<T>, docs: T[]): Promise<void> {
  for (let i = 0; i < docs.length; i += CHUNK) {
    const result = await target.bulkInsert(docs.slice(i, i + CHUNK) as never);
    if (result.error.length > 0) {
      const first = result.error[0];
      throw new Error(`seeding ${target.name} failed: ${first.status} ${first.documentId}`);
    }
  }
}

type AppFate =
  | 'waiting'
  | 'annulled'
  | 'responded'
  | 'referred'
  | 'enrolled'
  | 'stopListed'
  | 'inactive'
  | 'withdrawn'
  | 'archived';

const FATES: [AppFate, number][] = [
  ['waiting', 826],
  ['annulled', 5],
  ['responded', 40],
  ['referred', 4],
  ['enrolled', 60],
  ['stopListed', 10],
  ['inactive', 20],
  ['withdrawn', 20],
  ['archived', 15],
];

export async function seedRegion(ctx: ServerContext, options: RegionOptions = {}): Promise<DemoLogins> {
  const total = Math.max(1, options.applications ?? 200_000);
  const rnd = new SeededRandom(options.seed ?? 2016);
  const now = ctx.now();
  const nowMs = now.getTime();
  const nowIso = now.toISOString();
  const today = almatyDayOfMs(nowMs);
  const steps = 3 + Math.ceil(total / CHUNK);
  let done = 0;
  const progress = (stage: string) => options.onProgress?.(++done, steps, stage);
  const iso = (ms: number) => new Date(ms).toISOString();
  const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  // Catalogue: ~N/400 kindergartens spread by the localities' weights, five age groups each.
  const turkestan = REGION_LOCALITIES.filter((l) => l.weight > 0);
  const weightSum = turkestan.reduce((s, l) => s + l.kindergartens, 0);
  const kgTarget = Math.max(turkestan.length * 2, Math.round(total / APPLICATIONS_PER_KINDERGARTEN));
  const kindergartens: Kindergarten[] = [];
  const groups: Group[] = [];
  const kgsOfLocality = new Map<string, Kindergarten[]>();
  let nameIndex = 0;
  for (const locality of REGION_LOCALITIES) {
    const count =
      locality.weight > 0
        ? Math.max(1, Math.round((kgTarget * locality.kindergartens) / weightSum))
        : locality.kindergartens;
    const list: Kindergarten[] = [];
    for (let i = 0; i < count; i++) {
      const proper = KINDERGARTEN_NAMES[nameIndex % KINDERGARTEN_NAMES.length];
      const number = Math.floor(nameIndex / KINDERGARTEN_NAMES.length);
      nameIndex++;
      const shown = number > 0 ? `${proper} №${number + 1}` : proper;
      const id = `kg-${locality.id.slice(0, 3)}-${String(i + 1).padStart(2, '0')}`;
      const made = kindergartenDocs(rnd, { id, shown, locality, index: i, nowMs });
      list.push(made.kindergarten);
      kindergartens.push(made.kindergarten);
      groups.push(...made.groups);
    }
    kgsOfLocality.set(locality.id, list);
  }
  const groupsById = new Map(groups.map((g) => [g.id, g]));
  await insertAll(collection(ctx.db, 'kindergartens'), kindergartens);
  await insertAll(
    collection(ctx.db, 'settings'),
    DEMO_REGIONS.map((region) => ({
      id: `region:${region.id}`,
      kind: 'region' as const,
      value: {
        nameKk: region.nameKk,
        nameRu: region.nameRu,
        localities: REGION_LOCALITIES.filter((l) => l.regionId === region.id).map((l) => ({
          id: l.id,
          nameKk: l.nameKk,
          nameRu: l.nameRu,
        })),
        ...(region.id === 'turkestan' ? { [INTEREST_SETTING]: REGION_INTEREST_DAYS } : {}),
      },
      updatedAt: nowMs,
    })),
  );

  // Accounts: one staff member per kindergarten, a supervisor per region (one password hash for all:
  // hashing 500 times would take most of the seed's time).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Every kindergarten's employee has a name of her own (seed/names.ts), drawn apart from `rnd` so the
  // rest of the region stays as it was.
  const staffNameList = staffNames(
    [...kgsOfLocality.values()].reduce((n, list) => n + list.length, 0),
    new SeededRandom(0x5eed),
  );
  const logins: DemoLogins = {
    password: DEMO_PASSWORD,
    staff: [],
    supervisors: [],
    parent: { phone: DEMO_PARENT_PHONE },
  };
  const users: User[] = [];
  const staffOf = new Map<string, { id: string; name: string }>();
  const account = (
    login: string,
    role: 'staff' | 'supervisor',
    name: string,
    scope: Partial<User>,
  ): User => ({
    id: `user:${login}`,
    login,
    passwordHash,
    role,
    name,
    ...scope,
    disabled: false,
    tokenVersion: 0,
    createdAt: nowIso,
    updatedAt: nowMs,
  });
  for (const [, list] of kgsOfLocality) {
    list.forEach((kg, i) => {
      const login = `staff-${kg.localityId.slice(0, 3)}-${String(i + 1).padStart(2, '0')}`;
      const name = staffNameList[staffOf.size];
      users.push(account(login, 'staff', name, { kindergartenId: kg.id }));
      staffOf.set(kg.id, { id: `user:${login}`, name });
      logins.staff.push({ login, kindergartenId: kg.id, kindergartenName: kg.nameRu });
    });
  }
  for (const region of DEMO_REGIONS) {
    const login = `supervisor-${region.id}`;
    users.push(account(login, 'supervisor', `Супервайзер: ${region.nameRu}`, { regionId: region.id }));
    logins.supervisors.push({ login, regionId: region.id });
  }
  await insertAll(collection(ctx.db, 'users'), users);

  // Bulletins: each kindergarten has one published bulletin for one of its ordinary groups (half still
  // in their priority window) and one closed one, where its referrals and contracts came from.
  const bulletins: Bulletin[] = [];
  const published = new Map<string, Bulletin[]>(); // locality|birthYear → published bulletins
  const closed = new Map<string, Bulletin[]>();
  let dueWindows = 0;
  kindergartens.forEach((kg, k) => {
    const ordinary = groups.filter((g) => g.kindergartenId === kg.id && g.groupType === 'ordinary');
    const staff = staffOf.get(kg.id)!;
    const make = (group: Group, status: 'published' | 'closed', n: number): Bulletin => {
      const priority = status === 'published' && (k + n) % 2 === 1;
      // A few windows end just before "now": the scheduler's bulletin.openToAll work.
      const windowOver = priority && dueWindows < DUE_PER_KIND;
      if (windowOver) dueWindows++;
      const freePlaces = status === 'closed' ? 0 : rnd.int(1, 3);
      return {
        id: `bul-${kg.id.slice(3)}-${n}`,
        ...bulletinFieldsOf(kg, group),
        totalPlaces: freePlaces + rnd.int(1, 3),
        freePlaces,
        vacancyAt: iso(nowMs - rnd.int(1, status === 'closed' ? 2000 : 72) * 3_600_000),
        publishedAt: iso(nowMs - rnd.int(1, 48) * 3_600_000),
        ...(priority
          ? { priorityUntil: iso(windowOver ? nowMs - 3_600_000 : nowMs + rnd.int(1, 3) * DAY_MS) }
          : {}),
        access: priority ? 'priority' : 'all',
        status,
        authorId: staff.id,
        authorName: staff.name,
        updatedAt: nowMs,
      };
    };
    ordinary.slice(0, 2).forEach((group, n) => {
      const b = make(group, n === 0 ? 'published' : 'closed', n + 1);
      bulletins.push(b);
      const byKey = n === 0 ? published : closed;
      for (const year of b.birthYears) {
        const key = `${b.localityId}|${year}`;
        byKey.set(key, [...(byKey.get(key) ?? []), b]);
      }
    });
  });
  progress('catalogue');
  // Places (src/domain/places.ts): a live referral holds a place of its bulletin's group, a contract
  // fills one; groups and bulletins are written last, with figures that add up.
  const held = new Map<string, number>();
  const contracts = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

  // Families, in chunks: a parent, a child, an application, and the responses and referrals its
  // status implies. Deadlines: DUE_PER_KIND of each kind are due now, everything else later.
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
  const fullName = (p: PersonRecord) => [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
  const demoParentHash = await hashPassword(DEMO_PASSWORD);
  const due = { referrals: 0, stopLists: 0, overdue: 0, reminders: 0 };
  const interestWindowMs = (REGION_INTEREST_DAYS - 10) * DAY_MS;

  for (let start = 0; start < total; start += CHUNK) {
    const parents: Parent[] = [];
    const children: Child[] = [];
    const apps: Application[] = [];
    const responses: Response[] = [];
    const referrals: Referral[] = [];
    for (let i = start; i < Math.min(total, start + CHUNK); i++) {
      const demo = i === 0;
      const birthYear = demo ? 2021 : rnd.int(2019, 2024);
      const latest = Math.min(Date.UTC(birthYear, 11, 31), nowMs - 90 * DAY_MS);
      const birthMs = rnd.int(Date.UTC(birthYear, 0, 1), Math.max(Date.UTC(birthYear, 0, 1), latest));
      const childIin = iinFor(dayOf(birthMs), rnd.next() < 0.5 ? 'male' : 'female');
      const parentIin = demo
        ? DEMO_PARENT_IIN
        : iinFor(
            dayOf(Date.UTC(rnd.int(1984, 2001), rnd.int(0, 11), rnd.int(1, 28))),
            rnd.next() < 0.6 ? 'female' : 'male',
          );
      const names = await familyNames(ctx, parentIin, childIin);
      const parentId = demo ? 'parent:demo' : `parent:r-${String(i).padStart(6, '0')}`;
      const family = familyDocs({
        parentId,
        phone: demo ? DEMO_PARENT_PHONE : `+7706${String(1_000_000 + i).slice(-7)}`,
        passwordHash: demo ? demoParentHash : '!',
        parentIin,
        parent: names.parent,
        childIin,
        child: names.child,
        nowIso,
        nowMs,
      });
      parents.push(family.parent);
      children.push(family.child);
      const childId = family.child.id;
      const locality = demo ? turkestan[0] : rnd.weighted(turkestan.map((l) => [l, l.weight] as const));
      const claimed = rnd.weighted<Application['claimedPriority']>([
        ['extraordinary', 1],
        ['primary', 8],
        ['none', 91],
      ]);
      const filedMs = rnd.int(Math.min(birthMs + 30 * DAY_MS, nowMs - DAY_MS), nowMs - DAY_MS);
      let fate: AppFate = demo ? 'waiting' : rnd.weighted(FATES);
      // A bulletin of the child's locality and year for the fates that responded to one.
      const from = fate === 'enrolled' || fate === 'stopListed' || fate === 'annulled' ? closed : published;
      const options = from.get(`${locality.id}|${birthYear}`) ?? [];
      const bulletin = options.length > 0 ? rnd.pick(options) : undefined;
      if (!bulletin && fate !== 'inactive' && fate !== 'withdrawn' && fate !== 'archived') fate = 'waiting';
      const responding = bulletin && fate !== 'waiting' && fate !== 'inactive' && fate !== 'archived';
      const languages = demo
        ? ['kk', 'ru']
        : rnd.weighted<string[]>([
            [['kk'], 50],
            [['kk', 'ru'], 25],
            [['ru'], 20],
            [['uz', 'ru'], 5],
          ]);
      // Interest confirmed within the period, except the few overdue or due for a reminder now.
      let confirmedMs = Math.max(filedMs, rnd.int(nowMs - interestWindowMs, nowMs - DAY_MS));
      if (fate === 'waiting' && !demo && due.overdue < DUE_PER_KIND) {
        due.overdue++;
        confirmedMs = nowMs - (REGION_INTEREST_DAYS + 2) * DAY_MS;
      } else if (fate === 'waiting' && !demo && due.reminders < DUE_PER_KIND) {
        due.reminders++;
        confirmedMs = nowMs - (REGION_INTEREST_DAYS - 3) * DAY_MS;
      }
      const appId = demo ? 'app-demo' : `app-r-${String(i).padStart(6, '0')}`;
      const app: Application = {
        id: appId,
        childId,
        childIin,
        childName: fullName(names.child),
        parentId,
        birthYear,
        filedAt: iso(filedMs),
        groupType: responding
          ? bulletin.groupType
          : demo
            ? 'ordinary'
            : rnd.weighted([
                ['ordinary', 92],
                ['sanatorium', 4],
                ['special', 3],
                ['inclusive', 1],
              ]),
        languages:
          responding && !languages.includes(bulletin.language)
            ? [bulletin.language, ...languages]
            : languages,
        regionId: locality.regionId,
        localityId: locality.id,
        priority: claimed !== 'none' && rnd.next() < 0.8 ? claimed : 'none',
        claimedPriority: claimed,
        status: fate === 'annulled' ? 'waiting' : fate,
        interestConfirmedAt: iso(confirmedMs),
        updatedAt: nowMs,
      };
      if (fate === 'stopListed') {
        const ended = due.stopLists < DUE_PER_KIND;
        if (ended) due.stopLists++;
        app.stopListUntil = ended ? addDays(today, -1) : addDays(today, rnd.int(1, 14));
      }
      if (fate === 'archived') app.archiveReason = rnd.pick(['enrolledElsewhere', 'ageOut']);
      if (responding) {
        app.visibleTo = [bulletin.kindergartenId];
        const respondedMs = rnd.int(Math.max(filedMs, nowMs - 20 * DAY_MS), nowMs - 3_600_000);
        const response: Response = {
          id: `resp-${appId.slice(4)}`,
          applicationId: appId,
          bulletinId: bulletin.id,
          kindergartenId: bulletin.kindergartenId,
          childIin,
          childName: app.childName,
          birthYear,
          filedAt: app.filedAt,
          priority: app.priority,
          respondedAt: iso(respondedMs),
          status:
            fate === 'responded'
              ? 'active'
              : fate === 'withdrawn'
                ? 'withdrawn'
                : fate === 'referred' || fate === 'enrolled'
                  ? 'activated'
                  : 'closed',
          updatedAt: nowMs,
        };
        const staff = staffOf.get(bulletin.kindergartenId)!;
        if (response.status === 'activated' || fate === 'stopListed' || fate === 'annulled') {
          const activatedMs = Math.min(nowMs - 3_600_000, respondedMs + rnd.int(1, 48) * 3_600_000);
          response.activatedAt = iso(activatedMs);
          response.activatedBy = staff.id;
          const lapsed = fate === 'referred' && due.referrals < DUE_PER_KIND;
          if (lapsed) due.referrals++;
          const referralId = `ref-${appId.slice(4)}`;
          const referral: Referral = {
            id: referralId,
            applicationId: appId,
            bulletinId: bulletin.id,
            responseId: response.id,
            kindergartenId: bulletin.kindergartenId,
            groupId: bulletin.groupId,
            childIin,
            childName: app.childName,
            parentId,
            parentName: fullName(names.parent),
            activatedAt: iso(activatedMs),
            activatedBy: staff.id,
            validUntil:
              fate === 'referred'
                ? addDays(today, lapsed ? -1 : rnd.int(0, 5))
                : addDays(almatyDayOfMs(activatedMs), 7),
            status:
              fate === 'referred'
                ? 'active'
                : fate === 'enrolled'
                  ? 'enrolled'
                  : fate === 'stopListed'
                    ? 'expired'
                    : 'annulled',
            verificationCode: verificationCode(referralId),
            updatedAt: nowMs,
          };
          if (fate === 'referred') bump(held, bulletin.id);
          if (fate === 'enrolled') {
            bump(contracts, bulletin.groupId);
            const group = groupsById.get(bulletin.groupId);
            const signedMs = Math.min(nowMs - 60_000, activatedMs + rnd.int(1, 96) * 3_600_000);
            referral.contractNumber = `${bulletin.kindergartenId.toUpperCase()}-${i}`;
            referral.contractDate = almatyDayOfMs(signedMs);
            referral.signedAt = iso(signedMs);
            referral.signedBy = staff.id;
            app.enrolledKindergartenId = bulletin.kindergartenId;
            if (group) app.enrolledGroupId = group.id;
          }
          if (fate === 'stopListed' || fate === 'annulled') referral.closedAt = iso(activatedMs + 6 * DAY_MS);
          referrals.push(referral);
        }
        responses.push(response);
      }
      apps.push(app);
    }
    await insertAll(collection(ctx.db, 'parents'), parents);
    await insertAll(collection(ctx.db, 'children'), children);
    await insertAll(collection(ctx.db, 'applications'), apps);
    await insertAll(collection(ctx.db, 'responses'), responses);
    await insertAll(collection(ctx.db, 'referrals'), referrals);
    progress('families');
  }
  const offered = new Map<string, number>();
  for (const b of bulletins) {
    b.totalPlaces = b.freePlaces + (held.get(b.id) ?? 0) + rnd.int(0, 1);
    if (b.status !== 'published') continue;
    offered.set(b.groupId, b.freePlaces);
    held.set(`group:${b.groupId}`, held.get(b.id) ?? 0);
  }
  for (const g of groups) {
    const open = (offered.get(g.id) ?? 0) + (held.get(`group:${g.id}`) ?? 0);
    const signed = contracts.get(g.id) ?? 0;
    g.capacity = Math.max(g.capacity, open + signed);
    g.enrolled = Math.max(signed, g.capacity - open - rnd.int(0, 1));
  }
  await insertAll(collection(ctx.db, 'groups'), groups);
  await insertAll(collection(ctx.db, 'bulletins'), bulletins);
  progress('done');
  ctx.log.info(
    {
      kindergartens: kindergartens.length,
      groups: groups.length,
      applications: total,
      bulletins: bulletins.length,
      due,
    },
    'region seeded',
  );
  return logins;
}
