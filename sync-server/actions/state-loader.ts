import type { RxDatabase } from 'rxdb';
import { type DomainState, parseIin, type RegionSettings } from '../../src/domain';
import type {
  Action,
  Application,
  Bulletin,
  Group,
  Kindergarten,
  Referral,
  Response,
} from '../../src/schema';
import { collection } from '../database';
import { readAll, readByIds } from '../store';

/**
 * Loads the authoritative state an action's reducer needs (src/domain/working-set.ts: "whatever the
 * caller loaded"). Starting from the ids in the payload it follows the links between documents a few
 * steps (a response → its application and bulletin → the bulletin's other responses and their
 * applications …) and adds the queues the rules rank against (locality × birth year × group type).
 * Generic on purpose: a new reducer rule over the same links needs no change here.
 */

type Docs = {
  applications: Map<string, Application>;
  bulletins: Map<string, Bulletin>;
  kindergartens: Map<string, Kindergarten>;
  groups: Map<string, Group>;
  responses: Map<string, Response>;
  referrals: Map<string, Referral>;
};
type Name = keyof Docs;
const NAMES: Name[] = ['applications', 'bulletins', 'kindergartens', 'groups', 'responses', 'referrals'];

export interface LoadedState {
  state: DomainState;
  /** The entity the action acts on (its payload's id), for the occurredAt rule; null for a new one. */
  target: { collection: Name; id: string; updatedAt: number } | null;
  /** The region of the entities involved (the audit's district, the supervisor's scope). */
  regionId: string | undefined;
}

/** How many rounds of following links: payload → neighbours → their neighbours → fetch only. */
const ROUNDS = 4;

const idsOf = (v: unknown): string[] =>
  typeof v === 'string' && v !== ''
    ? [v]
    : Array.isArray(v)
      ? v.filter((x): x is string => typeof x === 'string')
      : [];

export async function loadState(
  db: RxDatabase,
  action: Pick<Action, 'kind' | 'payload'>,
): Promise<LoadedState> {
  const docs: Docs = {
    applications: new Map(),
    bulletins: new Map(),
    kindergartens: new Map(),
    groups: new Map(),
    responses: new Map(),
    referrals: new Map(),
  };
  const p = (action.payload ?? {}) as Record<string, unknown>;
  let want: Record<Name, Set<string>> = {
    applications: new Set(idsOf(p.applicationId)),
    bulletins: new Set(idsOf(p.bulletinId)),
    kindergartens: new Set(idsOf(p.kindergartenId)),
    groups: new Set(idsOf(p.groupId)),
    responses: new Set(idsOf(p.responseId)),
    referrals: new Set(idsOf(p.referralId)),
  };
  const expanded = new Set<string>();
  const queueKeys = new Set<string>();
  const queueKey = (localityId: unknown, birthYear: unknown, groupType: unknown) => {
    if (typeof localityId === 'string' && typeof birthYear === 'number' && typeof groupType === 'string') {
      queueKeys.add(JSON.stringify([localityId, birthYear, groupType]));
    }
  };

  const add = <N extends Name>(name: N, list: Docs[N] extends Map<string, infer T> ? T[] : never) => {
    for (const d of list as { id: string }[]) (docs[name] as Map<string, unknown>).set(d.id, d);
  };

  for (let round = 0; round < ROUNDS; round++) {
    for (const name of NAMES) {
      const missing = [...want[name]].filter((id) => !docs[name].has(id));
      if (missing.length > 0) add(name, (await readByIds(collection(db, name), missing)) as never);
    }
    if (round === ROUNDS - 1) break;
    const next: Record<Name, Set<string>> = {
      applications: new Set(),
      bulletins: new Set(),
      kindergartens: new Set(),
      groups: new Set(),
      responses: new Set(),
      referrals: new Set(),
    };
    const appsToExpand: string[] = [];
    const bulletinsToExpand: string[] = [];
    for (const name of NAMES) {
      for (const [id, doc] of docs[name] as Map<string, Record<string, unknown>>) {
        const key = `${name}/${id}`;
        if (expanded.has(key)) continue;
        expanded.add(key);
        switch (name) {
          case 'applications':
            appsToExpand.push(id);
            if (round <= 1) queueKey(doc.localityId, doc.birthYear, doc.groupType);
            break;
          case 'bulletins':
            bulletinsToExpand.push(id);
            next.groups.add(String(doc.groupId));
            next.kindergartens.add(String(doc.kindergartenId));
            if (round <= 1)
              for (const y of (doc.birthYears as number[]) ?? []) queueKey(doc.localityId, y, doc.groupType);
            break;
          case 'responses':
            next.applications.add(String(doc.applicationId));
            next.bulletins.add(String(doc.bulletinId));
            break;
          case 'referrals':
            next.applications.add(String(doc.applicationId));
            next.bulletins.add(String(doc.bulletinId));
            next.responses.add(String(doc.responseId));
            next.groups.add(String(doc.groupId));
            next.kindergartens.add(String(doc.kindergartenId));
            break;
          case 'groups':
            next.kindergartens.add(String(doc.kindergartenId));
            break;
          default:
            break;
        }
      }
    }
    if (appsToExpand.length > 0) {
      add('responses', await readAll(collection(db, 'responses'), { applicationId: { $in: appsToExpand } }));
      add('referrals', await readAll(collection(db, 'referrals'), { applicationId: { $in: appsToExpand } }));
    }
    if (bulletinsToExpand.length > 0) {
      add(
        'responses',
        await readAll(collection(db, 'responses'), { bulletinId: { $in: bulletinsToExpand } }),
      );
      add(
        'referrals',
        await readAll(collection(db, 'referrals'), { bulletinId: { $in: bulletinsToExpand } }),
      );
    }
    want = next;
  }

  // The queue a new application joins (application.file), and the same child's applications there.
  if (typeof p.localityId === 'string' && typeof p.groupType === 'string') {
    const iin = parseIin(p.childIin);
    if (iin.ok) queueKey(p.localityId, Number(iin.value.birthDate.slice(0, 4)), p.groupType);
    if (typeof p.childIin === 'string') {
      add(
        'applications',
        await readAll(collection(db, 'applications'), {
          localityId: p.localityId,
          childIin: p.childIin.trim(),
        }),
      );
    }
  }
  // The queue a new bulletin is published to: its group's birth years at its kindergarten's locality.
  for (const group of docs.groups.values()) {
    const kg = docs.kindergartens.get(group.kindergartenId);
    const years = Array.isArray(p.birthYears) ? (p.birthYears as unknown[]) : group.birthYears;
    if (kg) for (const y of years) queueKey(kg.localityId, y, group.groupType);
  }
  for (const key of queueKeys) {
    const [localityId, birthYear, groupType] = JSON.parse(key) as [string, number, string];
    const members = await readAll(collection(db, 'applications'), { localityId, birthYear, groupType });
    for (const a of members) if (!docs.applications.has(a.id)) docs.applications.set(a.id, a);
  }

  const target = targetOf(p, docs);
  const regionId = regionOf(p, docs);
  const settings = regionId ? await regionSettings(db, regionId) : undefined;
  const state: DomainState = {
    applications: Object.fromEntries(docs.applications),
    bulletins: Object.fromEntries(docs.bulletins),
    kindergartens: Object.fromEntries(docs.kindergartens),
    groups: Object.fromEntries(docs.groups),
    responses: Object.fromEntries(docs.responses),
    referrals: Object.fromEntries(docs.referrals),
    ...(settings ? { settings } : {}),
  };
  return { state, target, regionId };
}

/** The most specific id in the payload names the entity acted on. */
function targetOf(p: Record<string, unknown>, docs: Docs): LoadedState['target'] {
  const order: [string, Name][] = [
    ['referralId', 'referrals'],
    ['responseId', 'responses'],
    ['bulletinId', 'bulletins'],
    ['applicationId', 'applications'],
  ];
  for (const [field, name] of order) {
    const id = p[field];
    if (typeof id !== 'string') continue;
    const doc = docs[name].get(id) as { updatedAt: number } | undefined;
    if (doc) return { collection: name, id, updatedAt: doc.updatedAt };
  }
  return null;
}

function regionOf(p: Record<string, unknown>, docs: Docs): string | undefined {
  const pick = (id: unknown) => (typeof id === 'string' ? id : undefined);
  const first = <T>(m: Map<string, T>, ids: unknown) => (typeof ids === 'string' ? m.get(ids) : undefined);
  const referral = first(docs.referrals, p.referralId);
  const response = first(docs.responses, p.responseId);
  const bulletin =
    first(docs.bulletins, p.bulletinId) ??
    docs.bulletins.get(referral?.bulletinId ?? response?.bulletinId ?? '');
  if (bulletin) return bulletin.regionId;
  const application =
    first(docs.applications, p.applicationId) ??
    docs.applications.get(referral?.applicationId ?? response?.applicationId ?? '');
  if (application) return application.regionId;
  const group = first(docs.groups, p.groupId);
  const kg = docs.kindergartens.get(group?.kindergartenId ?? pick(p.kindergartenId) ?? '');
  if (kg) return kg.regionId;
  return pick(p.regionId);
}

async function regionSettings(db: RxDatabase, regionId: string): Promise<RegionSettings | undefined> {
  const [doc] = await readByIds(collection(db, 'settings'), [`region:${regionId}`]);
  const value = doc?.value as Record<string, unknown> | undefined;
  return value ? (value as RegionSettings) : undefined;
}
