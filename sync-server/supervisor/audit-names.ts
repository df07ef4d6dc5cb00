import type { RxDatabase } from 'rxdb';
import { nameInitials } from '../../src/domain';
import type { AuditNames, DescribedAuditEntry } from '../../src/i18n/auditSentence';
import type { AuditEntry } from '../../src/schema';
import { collectionOf } from '../schema';
import { readByIds } from '../store';

/** Payload fields that name the record a child's entry is about, in the order they are trusted. */
const CHILD_RECORDS = ['applicationId', 'responseId', 'referralId'] as const;

/** What a supervisor's change was made to: its first entity, by the kind's prefix. */
const TARGET_OF: Record<string, 'kindergartens' | 'groups' | 'users' | 'parents'> = {
  kindergarten: 'kindergartens',
  group: 'groups',
  staff: 'users',
  parent: 'parents',
};

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

function targetCollection(kind: string) {
  return TARGET_OF[kind.split('.')[0]!];
}

/** The staff login's account or a parent account (actors are `user:<login>` or parents' ids). */
const personName = (p: { name?: string; lastName?: string; firstName?: string }) =>
  p.name ?? ([p.lastName, p.firstName].filter(Boolean).join(' ') || undefined);

/**
 * Names for a page of audit entries (issue 14, item 18): the actors (staff and supervisor accounts,
 * parents), the kindergarten a staff actor works at, the child by initials and the record a
 * supervisor's change was made to. One read per collection for the whole page, whatever its size
 * (never one per entry): accounts, parents, kindergartens, groups, then the applications, responses and
 * referrals the payloads name. Nothing is taken from outside the entries' own ids.
 */
export async function describeAuditEntries(
  db: RxDatabase,
  entries: AuditEntry[],
): Promise<DescribedAuditEntry[]> {
  const ids = { users: new Set<string>(), parents: new Set<string>(), kindergartens: new Set<string>() };
  const groupIds = new Set<string>();
  const childRecordIds = new Set<string>();
  for (const e of entries) {
    if (e.actorRole === 'parent') ids.parents.add(e.actor);
    else if (e.actorRole !== 'system') ids.users.add(e.actor);
    if (e.actorRole === 'staff' && e.kindergartenId) ids.kindergartens.add(e.kindergartenId);
    const target = targetCollection(e.kind);
    const first = e.entityIds[0];
    if (target && first) (target === 'groups' ? groupIds : ids[target]).add(first);
    // A group is named with its kindergarten (entityIds: [group, kindergarten]).
    if (target === 'groups' && e.entityIds[1]) ids.kindergartens.add(e.entityIds[1]);
    for (const field of CHILD_RECORDS) {
      const id = text(e.payload?.[field]);
      if (id) childRecordIds.add(id);
    }
  }
  const records = [...childRecordIds];
  const [users, parents, groups, applications, responses, referrals] = await Promise.all([
    readByIds(collectionOf(db, 'users'), [...ids.users]),
    readByIds(collectionOf(db, 'parents'), [...ids.parents]),
    readByIds(collectionOf(db, 'groups'), [...groupIds]),
    readByIds(collectionOf(db, 'applications'), records),
    readByIds(collectionOf(db, 'responses'), records),
    readByIds(collectionOf(db, 'referrals'), records),
  ]);
  for (const u of users) if (u.role === 'staff' && u.kindergartenId) ids.kindergartens.add(u.kindergartenId);
  const kindergartens = await readByIds(collectionOf(db, 'kindergartens'), [...ids.kindergartens]);

  const people = new Map<string, string | undefined>([
    ...users.map((u) => [u.id, personName(u)] as const),
    ...parents.map((p) => [p.id, personName(p)] as const),
  ]);
  const staffPlace = new Map(users.map((u) => [u.id, u.kindergartenId]));
  const kindergartenNames = new Map(kindergartens.map((k) => [k.id, { nameKk: k.nameKk, nameRu: k.nameRu }]));
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  const children = new Map<string, string>(
    [...applications, ...responses, ...referrals].map((r) => [r.id, r.childName] as const),
  );

  return entries.map((e) => {
    const names: AuditNames = {};
    const actorName = people.get(e.actor);
    if (actorName) names.actorName = actorName;
    const placeId = e.actorRole === 'staff' ? (staffPlace.get(e.actor) ?? e.kindergartenId) : undefined;
    const place = placeId ? kindergartenNames.get(placeId) : undefined;
    if (place) names.actorPlace = place;
    const childName =
      text(e.payload?.childName) ??
      CHILD_RECORDS.map((f) => children.get(text(e.payload?.[f]) ?? '')).find(Boolean);
    if (childName) names.childInitials = nameInitials(childName);
    const target = targetOf(e, { people, kindergartenNames, groupNames });
    if (target) names.target = target;
    if (e.actorRole !== 'system' && !actorName && people.has(e.actor)) names.actorUnnamed = true;
    return { ...e, payload: withoutChildIdentity(e.payload), names };
  });
}

/**
 * The payload as the page shows it: a child's full name becomes initials and an IIN its last four
 * digits (the chain keeps the whole entry; /audit/verify checks it there).
 */
function withoutChildIdentity(payload: AuditEntry['payload']): AuditEntry['payload'] {
  if (!payload) return payload;
  const out: Record<string, unknown> = { ...payload };
  for (const [key, value] of Object.entries(out)) {
    if (typeof value !== 'string') continue;
    if (/iin/i.test(key)) out[key] = `********${value.slice(-4)}`;
    else if (key === 'childName') out[key] = nameInitials(value);
  }
  return out as AuditEntry['payload'];
}

function targetOf(
  e: AuditEntry,
  found: {
    people: Map<string, string | undefined>;
    kindergartenNames: Map<string, { nameKk: string; nameRu: string }>;
    groupNames: Map<string, string>;
  },
): AuditNames['target'] {
  const id = e.entityIds[0];
  const collection = targetCollection(e.kind);
  if (!id || !collection) return undefined;
  if (collection === 'kindergartens') return found.kindergartenNames.get(id);
  if (collection === 'groups') {
    const group = found.groupNames.get(id);
    if (!group) return undefined;
    const kindergarten = found.kindergartenNames.get(e.entityIds[1] ?? '');
    if (!kindergarten) return { nameKk: group, nameRu: group };
    return { nameKk: `${group} (${kindergarten.nameKk})`, nameRu: `${group} (${kindergarten.nameRu})` };
  }
  const name = found.people.get(id);
  if (!name) return undefined;
  // A parent is named by surname and initials; a staff member by their name.
  const shown = collection === 'parents' ? nameInitialsOfParent(name) : name;
  return { nameKk: shown, nameRu: shown };
}

/** "Каменов Е." — enough for the contact centre to recognise the case, not a full name in a log. */
function nameInitialsOfParent(name: string): string {
  const [surname, ...rest] = name.split(/\s+/).filter(Boolean);
  return [surname, ...rest.map((r) => `${[...r][0]!.toLocaleUpperCase('ru')}.`)].join(' ');
}
