import { almatyDayOfMs, makeIin, referralValidUntil, verificationCode } from '../../src/domain';
import type { Application, Bulletin, Referral, Response } from '../../src/schema';
import { createUser, hashPassword } from '../../sync-server/auth';
import type { ServerContext } from '../../sync-server/context';
import { collectionOf } from '../../sync-server/schema';

/**
 * The staff E2E's kindergarten (names from the seed: "ГККП «Балапан» ясли - детский сад", "Исенова
 * Гулмира Ибраимовна", "КАМЕНОВА ДАНИЯ ЕРМЕКОВНА"), seeded straight into a real sync server so that
 * the journey can start where the seed's staff steps start: a published bulletin with responders, a
 * referral on its last valid day (only a seed can date an activation a week back), another one
 * waiting for its contract, a second bulletin two workstations will race for, two whose priority
 * window is over or still running (the scheduler does not run here, so their stored access stays), and
 * two more referrals on their last valid day: one whose parent (a real account) extends it while a
 * workstation records the same extension offline, one only the screenshots open.
 */
export const STAFF_SCENARIO = {
  regionId: 'st-turkestan',
  localityId: 'st-arys',
  kindergartenId: 'st-balapan',
  groups: { balapan: 'st-g-balapan', karlygash: 'st-g-karlygash', aigolek: 'st-g-aigolek' },
  bulletins: {
    main: 'st-b-main',
    race: 'st-b-race',
    earlier: 'st-b-earlier',
    chain: 'st-b-chain',
    /** Still 'priority' an hour after its window ended: the scheduler did not reach the workstation. */
    windowOver: 'st-b-window-over',
    /** Its priority window runs three more days. */
    windowOpen: 'st-b-window-open',
  },
  chainChild: 'ДАУЛЕТОВА ИНЖУ МАРАТОВНА',
  staffA: { login: 'balapan-a', password: 'staff-password-a', name: 'Исенова Гулмира Ибраимовна' },
  staffB: { login: 'balapan-b', password: 'staff-password-b', name: 'Сейткали Асель Маратовна' },
  staffC: { login: 'balapan-c', password: 'staff-password-c', name: 'Жунусова Айгуль Бекболатовна' },
  staffD: { login: 'balapan-d', password: 'staff-password-d', name: 'Ермекова Динара Сапаровна' },
  staffE: { login: 'balapan-e', password: 'staff-password-e', name: 'Абенова Сауле Кайратовна' },
  staffF: { login: 'balapan-f', password: 'staff-password-f', name: 'Мусина Жанар Болатовна' },
  parent: { phone: '+77011234567', password: 'parent-password-1', name: 'КАМЕНОВ ЕРМЕК АХМЕТОВИЧ' },
  /** The parent of heldChild, who extends the referral through the parents' API. */
  heldParent: { phone: '+77017654321', password: 'parent-password-2', name: 'СУЛТАНОВ НУРЖАН ЕРЛАНОВИЧ' },
  /** The top responder of the main bulletin: a primary-category child, first in round 1 of 1 : 3. */
  topChild: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
  lastDayChild: 'АХМЕТОВ АЛИХАН СЕРИКОВИЧ',
  contractChild: 'ОМАРОВА АЯЖАН ДАУРЕНОВНА',
  /** On its last valid day; extended by its parent and, offline, by a workstation (the latter is rejected). */
  heldChild: 'СУЛТАНОВА АЙША НУРЖАНОВНА',
  heldReferral: 'ref-st-e3',
  /** On its last valid day; only the screenshots open its extension form, offline, never synced. */
  screensChild: 'ИСАЕВ ДАНИЯЛ АРМАНОВИЧ',
  raceChildren: ['ЖУМАБАЕВ ТАМЕРЛАН АСКАРОВИЧ', 'НУРЛАНОВА САБИНА ЕРЛАНОВНА'],
} as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An activation time whose 5-working-day referral ends today (Asia/Almaty), or null if today is not a working day. */
export function activationEndingToday(nowMs: number): string | null {
  const today = almatyDayOfMs(nowMs);
  for (let back = 5; back <= 20; back++) {
    const at = new Date(nowMs - back * DAY).toISOString();
    if (referralValidUntil(at) === today) return at;
  }
  return null;
}

export async function seedStaffScenario(ctx: ServerContext): Promise<{ lastDayReferral: boolean }> {
  const s = STAFF_SCENARIO;
  const nowMs = ctx.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const seeded = nowMs - HOUR;
  const db = ctx.db.collections;

  await collectionOf(ctx.db, 'settings').upsert({
    id: `region:${s.regionId}`,
    kind: 'region',
    value: {
      nameKk: 'Түркістан облысы',
      nameRu: 'Туркестанская область',
      localities: [{ id: s.localityId, nameKk: 'Арыс қаласы', nameRu: 'г. Арысь' }],
    },
    updatedAt: seeded,
  });
  await db.kindergartens.upsert({
    id: s.kindergartenId,
    nameKk: '«Балапан» бөбекжай-бақшасы МКҚК',
    nameRu: 'ГККП «Балапан» ясли - детский сад',
    ownership: 'state',
    regionId: s.regionId,
    localityId: s.localityId,
    address: 'Туркестанская область, город Арыс, Саликбайы №33а',
    languages: ['kk', 'ru'],
    status: 'open',
    updatedAt: seeded,
  });
  const group = (id: string, name: string, language: string, enrolled: number) => ({
    id,
    kindergartenId: s.kindergartenId,
    name,
    groupType: 'ordinary',
    language,
    birthYears: [2021, 2022],
    ageGroup: 'Разновозрастная группа',
    capacity: 25,
    enrolled,
    status: 'open',
    updatedAt: seeded,
  });
  await db.groups.bulkUpsert([
    group(s.groups.balapan, 'Балапан тобы', 'kk', 18),
    // «Карлыгаш» offers 12 places in three bulletins and the offline test publishes 2 more: a group
    // cannot offer more than it has free (src/domain/places.ts), so it has room for them.
    group(s.groups.karlygash, 'Карлыгаш', 'ru', 6),
    group(s.groups.aigolek, 'Айгөлек', 'kk', 12),
  ]);
  const bulletin = (
    id: string,
    groupId: string,
    language: string,
    free: number,
    publishedMs: number,
  ): Bulletin => ({
    id,
    kindergartenId: s.kindergartenId,
    groupId,
    regionId: s.regionId,
    localityId: s.localityId,
    groupType: 'ordinary',
    language,
    birthYears: [2021, 2022],
    ageGroup: 'Разновозрастная группа',
    placeType: 'free',
    totalPlaces: free,
    freePlaces: free,
    vacancyAt: iso(publishedMs - DAY),
    publishedAt: iso(publishedMs),
    priorityUntil: iso(publishedMs + DAY),
    access: 'all',
    status: 'published',
    authorId: `user:${s.staffA.login}`,
    authorName: s.staffA.name,
    updatedAt: seeded,
  });
  await db.bulletins.bulkUpsert([
    bulletin(s.bulletins.main, s.groups.balapan, 'kk', 3, nowMs - 4 * DAY),
    bulletin(s.bulletins.race, s.groups.karlygash, 'ru', 1, nowMs - 4 * DAY),
    bulletin(s.bulletins.earlier, s.groups.balapan, 'kk', 2, nowMs - 20 * DAY),
    bulletin(s.bulletins.chain, s.groups.aigolek, 'kk', 1, nowMs - 4 * DAY),
    {
      ...bulletin(s.bulletins.windowOver, s.groups.karlygash, 'ru', 5, nowMs - 3 * DAY),
      access: 'priority',
      priorityUntil: iso(nowMs - HOUR),
    },
    {
      ...bulletin(s.bulletins.windowOpen, s.groups.karlygash, 'ru', 6, nowMs - HOUR),
      access: 'priority',
      priorityUntil: iso(nowMs + 3 * DAY),
    },
  ]);

  await createUser(ctx, { ...s.staffA, role: 'staff', kindergartenId: s.kindergartenId });
  await createUser(ctx, { ...s.staffB, role: 'staff', kindergartenId: s.kindergartenId });
  await createUser(ctx, { ...s.staffC, role: 'staff', kindergartenId: s.kindergartenId });
  await createUser(ctx, { ...s.staffD, role: 'staff', kindergartenId: s.kindergartenId });
  await createUser(ctx, { ...s.staffE, role: 'staff', kindergartenId: s.kindergartenId });
  await createUser(ctx, { ...s.staffF, role: 'staff', kindergartenId: s.kindergartenId });
  const parent = async (
    id: string,
    who: { phone: string; password: string },
    iin: string,
    name: [string, string, string],
    birthDate: string,
  ) =>
    collectionOf(ctx.db, 'parents').upsert({
      id,
      phone: who.phone,
      consentVersion: '2019-06',
      consentAt: iso(seeded),
      passwordHash: await hashPassword(who.password),
      iin,
      lastName: name[0],
      firstName: name[1],
      middleName: name[2],
      birthDate,
      sex: 'male',
      tokenVersion: 0,
      createdAt: iso(seeded),
      updatedAt: seeded,
    } as never);
  const parentId = 'parent:st-kamenov';
  await parent(parentId, s.parent, '940225300128', ['КАМЕНОВ', 'ЕРМЕК', 'АХМЕТОВИЧ'], '1994-02-25');

  let serial = 100;
  const child = (birthDate: string, sex: 'male' | 'female') => {
    for (;;) {
      const iin = makeIin({ birthDate, sex, serial: serial++ });
      if (iin) return iin;
    }
  };
  const application = (
    id: string,
    name: string,
    birthDate: string,
    sex: 'male' | 'female',
    filedAt: string,
    priority: 'primary' | 'none',
    status: Application['status'],
    owner = `parent:st-${id}`,
  ) => ({
    id,
    childId: `child:${id}`,
    childIin: child(birthDate, sex),
    childName: name,
    parentId: owner,
    birthYear: Number(birthDate.slice(0, 4)),
    filedAt,
    groupType: 'ordinary',
    languages: ['kk', 'ru'],
    regionId: s.regionId,
    localityId: s.localityId,
    priority,
    claimedPriority: priority,
    status,
    visibleTo: [s.kindergartenId],
    updatedAt: seeded,
  });
  const heldParentId = 'parent:st-sultanov';
  await parent(
    heldParentId,
    s.heldParent,
    child('1991-06-12', 'male'),
    ['СУЛТАНОВ', 'НУРЖАН', 'ЕРЛАНОВИЧ'],
    '1991-06-12',
  );
  const apps = [
    application(
      'st-a1',
      s.topChild,
      '2021-07-20',
      'female',
      '2024-05-10T11:26:10+05:00',
      'primary',
      'responded',
      parentId,
    ),
    application(
      'st-a2',
      'БЕКОВ АРНУР ДАНИЯРОВИЧ',
      '2021-03-02',
      'male',
      '2024-03-01T09:00:00+05:00',
      'none',
      'responded',
    ),
    application(
      'st-a3',
      'СЕРИКОВА МАДИНА ТИМУРОВНА',
      '2022-01-15',
      'female',
      '2024-04-02T16:40:00+05:00',
      'none',
      'responded',
    ),
    application(
      'st-a4',
      'ТОКТАРОВ ЕРАСЫЛ НУРЛАНОВИЧ',
      '2021-11-30',
      'male',
      '2024-02-15T10:05:00+05:00',
      'none',
      'responded',
    ),
    application(
      'st-c1',
      s.raceChildren[0],
      '2021-05-05',
      'male',
      '2024-01-20T12:00:00+05:00',
      'none',
      'responded',
    ),
    application(
      'st-c2',
      s.raceChildren[1],
      '2022-02-22',
      'female',
      '2024-06-01T12:00:00+05:00',
      'none',
      'responded',
    ),
    application(
      'st-d1',
      s.chainChild,
      '2022-03-03',
      'female',
      '2024-02-02T10:00:00+05:00',
      'none',
      'responded',
    ),
    application(
      'st-e1',
      s.lastDayChild,
      '2021-09-09',
      'male',
      '2023-12-01T10:00:00+05:00',
      'none',
      'referred',
    ),
    application(
      'st-e2',
      s.contractChild,
      '2022-04-04',
      'female',
      '2023-12-05T10:00:00+05:00',
      'none',
      'referred',
    ),
    application(
      'st-e3',
      s.heldChild,
      '2021-10-10',
      'female',
      '2023-12-02T10:00:00+05:00',
      'none',
      'referred',
      heldParentId,
    ),
    application(
      'st-e4',
      s.screensChild,
      '2022-05-05',
      'male',
      '2023-12-03T10:00:00+05:00',
      'none',
      'referred',
    ),
  ];
  await db.applications.bulkUpsert(apps);
  const response = (
    app: (typeof apps)[number],
    bulletinId: string,
    status: Response['status'],
    extra = {},
  ): Response => ({
    id: `resp-${app.id}`,
    applicationId: app.id,
    bulletinId,
    kindergartenId: s.kindergartenId,
    childIin: app.childIin,
    childName: app.childName,
    birthYear: app.birthYear,
    filedAt: app.filedAt,
    priority: app.priority,
    respondedAt: iso(nowMs - 2 * DAY),
    status,
    updatedAt: seeded,
    ...extra,
  });
  const byId = Object.fromEntries(apps.map((a) => [a.id, a]));
  const lastDayAt = activationEndingToday(nowMs);
  const contractAt = iso(nowMs - 2 * HOUR);
  await db.responses.bulkUpsert([
    ...['st-a1', 'st-a2', 'st-a3', 'st-a4'].map((id) => response(byId[id]!, s.bulletins.main, 'active')),
    ...['st-c1', 'st-c2'].map((id) => response(byId[id]!, s.bulletins.race, 'active')),
    response(byId['st-d1']!, s.bulletins.chain, 'active'),
    response(byId['st-e1']!, s.bulletins.earlier, 'activated', { activatedAt: lastDayAt ?? contractAt }),
    response(byId['st-e2']!, s.bulletins.earlier, 'activated', { activatedAt: contractAt }),
    ...['st-e3', 'st-e4'].map((id) =>
      response(byId[id]!, s.bulletins.earlier, 'activated', { activatedAt: lastDayAt ?? contractAt }),
    ),
  ]);
  const referral = (
    app: (typeof apps)[number],
    activatedAt: string,
    parentName = 'АХМЕТОВ СЕРИК',
  ): Referral => ({
    id: `ref-${app.id}`,
    applicationId: app.id,
    bulletinId: s.bulletins.earlier,
    responseId: `resp-${app.id}`,
    kindergartenId: s.kindergartenId,
    groupId: s.groups.balapan,
    childIin: app.childIin,
    childName: app.childName,
    parentId: app.parentId,
    parentName,
    activatedAt,
    activatedBy: `user:${s.staffA.login}`,
    validUntil: referralValidUntil(activatedAt),
    status: 'active',
    verificationCode: verificationCode(`seed-${app.id}`),
    updatedAt: seeded,
  });
  await db.referrals.bulkUpsert([
    referral(byId['st-e1']!, lastDayAt ?? contractAt),
    referral(byId['st-e2']!, contractAt),
    referral(byId['st-e3']!, lastDayAt ?? contractAt, 'СУЛТАНОВ НУРЖАН ЕРЛАНОВИЧ'),
    referral(byId['st-e4']!, lastDayAt ?? contractAt),
  ]);
  return { lastDayReferral: lastDayAt !== null };
}

/**
 * Volume for the cold-start benchmark: about `total` more documents in the kindergarten's replica —
 * published bulletins, each with 60 responders (application + response), some of them referred.
 */
export async function seedStaffVolume(ctx: ServerContext, total: number): Promise<number> {
  const s = STAFF_SCENARIO;
  const db = ctx.db.collections;
  const nowMs = ctx.now().getTime();
  const seeded = nowMs - HOUR;
  const perBulletin = 60;
  const bulletins = Math.max(1, Math.ceil(total / (2 * perBulletin + 1)));
  let serial = 2000;
  let docs = 0;
  for (let b = 0; b < bulletins; b++) {
    const bulletinId = `vol-b-${b}`;
    const groupId = b % 2 ? s.groups.balapan : s.groups.karlygash;
    await db.bulletins.upsert({
      id: bulletinId,
      kindergartenId: s.kindergartenId,
      groupId,
      regionId: s.regionId,
      localityId: s.localityId,
      groupType: 'ordinary',
      language: b % 2 ? 'kk' : 'ru',
      birthYears: [2021, 2022],
      ageGroup: 'Разновозрастная группа',
      placeType: 'free',
      totalPlaces: 5,
      freePlaces: 5,
      vacancyAt: new Date(nowMs - (b + 2) * DAY).toISOString(),
      publishedAt: new Date(nowMs - (b + 1) * DAY).toISOString(),
      priorityUntil: new Date(nowMs - b * DAY).toISOString(),
      access: 'all',
      status: b % 7 === 6 ? 'closed' : 'published',
      authorId: `user:${s.staffA.login}`,
      authorName: s.staffA.name,
      updatedAt: seeded,
    });
    docs++;
    const apps: Record<string, unknown>[] = [];
    const responses: Record<string, unknown>[] = [];
    for (let r = 0; r < perBulletin; r++) {
      const id = `vol-a-${b}-${r}`;
      const birthDate = `202${1 + (r % 2)}-0${1 + (r % 9)}-1${r % 10}`;
      let iin: string | null = null;
      while (!iin) iin = makeIin({ birthDate, sex: r % 2 ? 'male' : 'female', serial: serial++ % 10000 });
      const priority = r % 11 === 0 ? 'extraordinary' : r % 4 === 0 ? 'primary' : 'none';
      const filedAt = new Date(
        Date.UTC(2023, 0, 1) + ((r * 7919 + b * 104729) % 700) * DAY + r * 60_000,
      ).toISOString();
      apps.push({
        id,
        childId: `child:${id}`,
        childIin: iin,
        childName: `РЕБЕНОК ${b}-${r} ТЕСТОВЫЙ`,
        parentId: `parent:vol-${b}-${r}`,
        birthYear: Number(birthDate.slice(0, 4)),
        filedAt,
        groupType: 'ordinary',
        languages: ['kk', 'ru'],
        regionId: s.regionId,
        localityId: s.localityId,
        priority,
        claimedPriority: priority,
        status: 'responded',
        visibleTo: [s.kindergartenId],
        updatedAt: seeded,
      });
      responses.push({
        id: `vol-r-${b}-${r}`,
        applicationId: id,
        bulletinId,
        kindergartenId: s.kindergartenId,
        childIin: iin,
        childName: `РЕБЕНОК ${b}-${r} ТЕСТОВЫЙ`,
        birthYear: Number(birthDate.slice(0, 4)),
        filedAt,
        priority,
        respondedAt: new Date(nowMs - DAY).toISOString(),
        status: 'active',
        updatedAt: seeded,
      });
    }
    await db.applications.bulkUpsert(apps);
    await db.responses.bulkUpsert(responses);
    docs += apps.length + responses.length;
  }
  return docs;
}
