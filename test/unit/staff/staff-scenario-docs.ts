import type { Action, Application, Bulletin, Group, Kindergarten, Response } from '../../../src/schema';

/** A kindergarten replica as a staff workstation holds it: one published bulletin with two responders. */
export function replicaDocs() {
  const kindergarten: Kindergarten = {
    id: 'kg-balapan',
    nameKk: '«Балапан» бөбекжай-бақшасы МКҚК',
    nameRu: 'ГККП «Балапан» ясли - детский сад',
    ownership: 'state',
    regionId: 'turkestan',
    localityId: 'arys',
    address: 'город Арыс, Саликбайы №33а',
    languages: ['kk'],
    status: 'open',
    updatedAt: 1,
  };
  const group: Group = {
    id: 'g-1',
    kindergartenId: kindergarten.id,
    name: 'Балапан тобы',
    groupType: 'ordinary',
    language: 'kk',
    birthYears: [2021],
    ageGroup: 'Разновозрастная группа',
    capacity: 25,
    enrolled: 20,
    status: 'open',
    updatedAt: 1,
  };
  const bulletin: Bulletin = {
    id: 'b-1',
    kindergartenId: kindergarten.id,
    groupId: group.id,
    regionId: 'turkestan',
    localityId: 'arys',
    groupType: 'ordinary',
    language: 'kk',
    birthYears: [2021],
    ageGroup: 'Разновозрастная группа',
    placeType: 'free',
    totalPlaces: 2,
    freePlaces: 2,
    vacancyAt: '2026-03-16T18:00:00+05:00',
    publishedAt: '2026-03-16T10:00:00+05:00',
    priorityUntil: '2026-03-19T00:00:00+05:00',
    access: 'all',
    status: 'published',
    authorId: 'user:balapan-a',
    authorName: 'Исенова Гулмира Ибраимовна',
    updatedAt: 1,
  };
  const app = (
    id: string,
    name: string,
    iin: string,
    filedAt: string,
    priority: 'primary' | 'none',
  ): Application => ({
    id,
    childId: `child-${id}`,
    childIin: iin,
    childName: name,
    parentId: `parent-${id}`,
    birthYear: 2021,
    filedAt,
    groupType: 'ordinary',
    languages: ['kk'],
    regionId: 'turkestan',
    localityId: 'arys',
    priority,
    claimedPriority: priority,
    status: 'responded',
    updatedAt: 1,
  });
  const applications = [
    app('a-1', 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА', '210720600120', '2024-05-10T11:26:10+05:00', 'primary'),
    app('a-2', 'БЕКОВ АРНУР ДАНИЯРОВИЧ', '210302500124', '2024-03-01T09:00:00+05:00', 'none'),
  ];
  const responses: Response[] = applications.map((a) => ({
    id: `r-${a.id}`,
    applicationId: a.id,
    bulletinId: bulletin.id,
    kindergartenId: kindergarten.id,
    childIin: a.childIin,
    childName: a.childName,
    birthYear: a.birthYear,
    filedAt: a.filedAt,
    priority: a.priority,
    respondedAt: '2026-03-17T09:00:00+05:00',
    status: 'active',
    updatedAt: 1,
  }));
  const byId = <T extends { id: string }>(docs: T[]) => Object.fromEntries(docs.map((d) => [d.id, d]));
  return {
    kindergartens: byId([kindergarten]),
    groups: byId([group]),
    bulletins: byId([bulletin]),
    applications: byId(applications),
    responses: byId(responses),
    referrals: {},
    actions: {} as Record<string, Action>,
  };
}

export function activation(
  id: string,
  responseId: string,
  occurredAt: string,
  status: Action['status'] = 'pending',
): Action {
  return {
    id,
    kind: 'response.activate',
    payload: { responseId },
    actor: 'user:balapan-a',
    actorRole: 'staff',
    kindergartenId: 'kg-balapan',
    deviceId: 'dev-1',
    occurredAt,
    status,
    updatedAt: 1,
  };
}
