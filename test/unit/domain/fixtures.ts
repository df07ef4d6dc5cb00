import { type ActionInput, type DomainState, makeIin } from '../../../src/domain';
import type { Application, Bulletin, Group, Kindergarten, Referral, Response } from '../../../src/schema';

// One district of the seed: Туркестанская область, г. Туркестан; ГККП «Балапан» with a Kazakh group.
export const T0 = Date.parse('2026-03-01T00:00:00Z');

export function iin(birthDate: string, serial: number, sex: 'male' | 'female' = 'female'): string {
  for (let s = serial; s < serial + 20; s++) {
    const v = makeIin({ birthDate, sex, serial: s });
    if (v) return v;
  }
  throw new Error('no IIN');
}

export const kindergarten: Kindergarten = {
  id: 'kg-balapan',
  nameKk: '«Балапан» бөбекжай-бақшасы',
  nameRu: 'ГККП «Балапан» ясли - детский сад',
  ownership: 'state',
  regionId: 'turkestan-region',
  localityId: 'turkestan',
  address: 'город Арыс, Саликбайы №33а',
  languages: ['kk', 'ru'],
  status: 'open',
  updatedAt: T0,
};

export const group: Group = {
  id: 'grp-zhuldyz',
  kindergartenId: kindergarten.id,
  name: 'Жұлдыз санаторлық тобы',
  groupType: 'ordinary',
  language: 'kk',
  birthYears: [2017, 2016, 2015, 2014],
  ageGroup: 'Разновозрастная группа',
  capacity: 25,
  enrolled: 20,
  status: 'open',
  updatedAt: T0,
};

export function bulletin(over: Partial<Bulletin> = {}): Bulletin {
  return {
    id: 'bul-1',
    kindergartenId: kindergarten.id,
    groupId: group.id,
    regionId: kindergarten.regionId,
    localityId: kindergarten.localityId,
    groupType: 'ordinary',
    language: 'kk',
    birthYears: [2017, 2016, 2015, 2014],
    ageGroup: 'Разновозрастная группа',
    placeType: 'Свободные места',
    totalPlaces: 3,
    freePlaces: 3,
    vacancyAt: '2026-03-13T18:00:00+05:00',
    publishedAt: '2026-03-13T09:00:00+05:00',
    priorityUntil: '2026-03-19T00:00:00+05:00',
    access: 'all',
    status: 'published',
    authorId: 'staff-isenova',
    authorName: 'Исенова Гулмира',
    updatedAt: T0,
    ...over,
  };
}

let serial = 100;
export function application(over: Partial<Application> = {}): Application {
  const id = over.id ?? `app-${serial}`;
  const childIin = over.childIin ?? iin('2017-07-20', serial++);
  return {
    id,
    childId: `child-${id}`,
    childIin,
    childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
    parentId: `parent-${id}`,
    birthYear: 2017,
    filedAt: '2019-06-19T11:57:00+06:00',
    groupType: 'ordinary',
    languages: ['kk', 'ru'],
    regionId: kindergarten.regionId,
    localityId: kindergarten.localityId,
    priority: 'none',
    claimedPriority: 'none',
    status: 'waiting',
    updatedAt: T0,
    ...over,
  };
}

export function responseOf(app: Application, over: Partial<Response> = {}): Response {
  return {
    id: `resp-${app.id}`,
    applicationId: app.id,
    bulletinId: 'bul-1',
    kindergartenId: kindergarten.id,
    childIin: app.childIin,
    childName: app.childName,
    birthYear: app.birthYear,
    filedAt: app.filedAt,
    priority: app.priority,
    respondedAt: '2026-03-16T10:00:00+05:00',
    status: 'active',
    updatedAt: T0,
    ...over,
  };
}

export function referralOf(app: Application, over: Partial<Referral> = {}): Referral {
  return {
    id: `ref-${app.id}`,
    applicationId: app.id,
    bulletinId: 'bul-1',
    responseId: `resp-${app.id}`,
    kindergartenId: kindergarten.id,
    groupId: group.id,
    childIin: app.childIin,
    childName: app.childName,
    parentId: app.parentId,
    activatedAt: '2026-03-19T10:42:00+05:00',
    activatedBy: 'staff-isenova',
    validUntil: '2026-03-31',
    status: 'active',
    verificationCode: 'ABCD-EFGH',
    updatedAt: T0,
    ...over,
  };
}

const byId = <T extends { id: string }>(docs: T[]): Record<string, T> =>
  Object.fromEntries(docs.map((d) => [d.id, d]));

export function stateOf(parts: {
  applications?: Application[];
  bulletins?: Bulletin[];
  responses?: Response[];
  referrals?: Referral[];
  groups?: Group[];
  kindergartens?: Kindergarten[];
  settings?: DomainState['settings'];
}): DomainState {
  return {
    applications: byId(parts.applications ?? []),
    bulletins: byId(parts.bulletins ?? []),
    kindergartens: byId(parts.kindergartens ?? [kindergarten]),
    groups: byId(parts.groups ?? [group]),
    responses: byId(parts.responses ?? []),
    referrals: byId(parts.referrals ?? []),
    ...(parts.settings ? { settings: parts.settings } : {}),
  };
}

let actionSerial = 0;
export function action(
  kind: ActionInput['kind'],
  payload: Record<string, unknown>,
  over: Partial<ActionInput> = {},
): ActionInput {
  actionSerial++;
  return {
    id: `7d0c1e2a-0000-4000-8000-${String(actionSerial).padStart(12, '0')}`,
    kind,
    payload,
    actor: 'staff-isenova',
    actorRole: 'staff',
    kindergartenId: kindergarten.id,
    deviceId: 'desk-1',
    occurredAt: '2026-03-19T10:42:00+05:00',
    ...over,
  };
}

export const NOW = '2026-03-19T10:43:00+05:00';
