import type { RxCollection, RxDatabase } from 'rxdb';
import {
  actionReads,
  type Change,
  type DomainState,
  parseIin,
  type Read,
  type RegionSettings,
  type StateCollection,
  type StateDocs,
} from '../../src/domain';
import type { Action, Application, Bulletin, Referral } from '../../src/schema';
import { collection, type OrynCollectionName } from '../database';
import { parentsByIin } from '../parent-iin';
import { applicationsOfChild, matchingPosition, queuePosition } from '../queue-rank';
import { type CollectionRead, readAll, readByIds, readTogether } from '../store';

/**
 * Loads the authoritative state an action's reducer needs (src/domain/working-set.ts: "whatever the
 * caller loaded"), and only that: each handler declares what it reads (`needs` in
 * src/domain/actions.ts, as reads of src/domain/reads.ts) and this file fetches those. A response
 * loads its application, bulletin and
 * kindergarten — not the bulletin's other responders; an activation loads the bulletin's responders
 * (it ranks them) but not the queue. A new application's queue number is counted over the queue's
 * index (queue-rank.ts), and so is a response's position in a bulletin's matching queue during its
 * priority window; only the "your turn has come" notices of a publication still read the bulletin's
 * queues, so the cost of every other action does not grow with the queue.
 *
 * A `StateReader` lives for one batch of actions under the processor's lock (processor.ts): what one
 * action loaded, the next one finds in memory, and the changes an action makes are folded in before
 * the next one reads, so a batch decides exactly as the same actions one after another would.
 */

type Docs = { [C in StateCollection]: Map<string, StateDocs[C]> };
type Name = StateCollection;

/** Where each of the reducer's collections is stored (the regions' settings are rows of `settings`). */
export const storedAs = (name: Name): OrynCollectionName => (name === 'regionSettings' ? 'settings' : name);

/** The fields of an action a plan reads. */
type PlanAction = Pick<Action, 'kind' | 'payload' | 'occurredAt'>;

export interface LoadedState {
  state: DomainState;
  /** The entity the action acts on (its payload's id), for the occurredAt rule; null for a new one. */
  target: { collection: Name; id: string; updatedAt: number } | null;
  /** The region of the entities involved (the audit's district, the supervisor's scope). */
  regionId: string | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Reads for one batch. Queries are remembered by key: once "the responses of bulletin B" were read,
 * the in-memory map holds every one of them (and every one a later action of the batch creates, as
 * changes are folded in), so the same question is answered from memory.
 */
export class StateReader {
  readonly docs: Docs = {
    applications: new Map(),
    bulletins: new Map(),
    kindergartens: new Map(),
    groups: new Map(),
    responses: new Map(),
    referrals: new Map(),
    users: new Map(),
    regionSettings: new Map(),
    parents: new Map(),
  };
  private readonly missing = new Set<string>();
  private readonly loaded = new Set<string>();
  private readonly settings = new Map<string, RegionSettings | undefined>();
  /** Applications the batch has changed or created and not yet written. */
  private readonly changed = new Set<string>();

  constructor(readonly db: RxDatabase) {}

  async byIds<C extends Name>(name: C, ids: readonly (string | undefined)[]): Promise<StateDocs[C][]> {
    const map = this.docs[name] as Map<string, StateDocs[C]>;
    const want = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
    const absent = want.filter((id) => !map.has(id) && !this.missing.has(`${name}/${id}`));
    if (absent.length > 0) {
      const found = (await readByIds(collection(this.db, storedAs(name)), absent)) as StateDocs[C][];
      for (const doc of found) map.set(doc.id, doc);
      for (const id of absent) if (!map.has(id)) this.missing.add(`${name}/${id}`);
    }
    return want.map((id) => map.get(id)).filter((d): d is StateDocs[C] => d !== undefined);
  }

  async one<C extends Name>(name: C, id: unknown): Promise<StateDocs[C] | undefined> {
    const [doc] = await this.byIds(name, [str(id)]);
    return doc;
  }

  /**
   * Every document of `name` whose `field` equals one of `values`. The field is indexed, or `within`
   * names an indexed field that holds the same value for every such document (a bulletin's referrals
   * all carry its kindergarten): the read is then that index's range, never a walk of the whole table.
   */
  async where<C extends Name>(
    name: C,
    field: string,
    values: readonly string[],
    within: Record<string, string> = {},
  ): Promise<StateDocs[C][]> {
    const fresh = [...new Set(values)].filter((v) => !this.loaded.has(`${name}|${field}|${v}`));
    if (fresh.length > 0) {
      // One equality per value: rxdb's query plan narrows an index to `$eq`, never to `$in`, so an `$in`
      // walked the whole index and matched every document in JS (all of the region's responses for
      // each activation's responders).
      const found = await Promise.all(
        fresh.map((value) => readAll(collection(this.db, storedAs(name)), { ...within, [field]: value })),
      );
      this.remember(name, found.flat() as StateDocs[C][]);
      for (const v of fresh) this.loaded.add(`${name}|${field}|${v}`);
    }
    const wanted = new Set(values);
    return [...(this.docs[name] as Map<string, StateDocs[C]>).values()].filter((d) =>
      wanted.has((d as Record<string, unknown>)[field] as string),
    );
  }

  /** One queue: the applications of a locality, birth year and group type (one index range). */
  async queue(localityId: string, birthYear: number, groupType: string): Promise<void> {
    const key = `queue|${localityId}|${birthYear}|${groupType}`;
    if (this.loaded.has(key)) return;
    this.remember(
      'applications',
      await readAll(collection(this.db, 'applications'), { localityId, birthYear, groupType }),
    );
    this.loaded.add(key);
  }

  /** The parent accounts holding an IIN (parent-iin.ts: the server's index, not a walk of the parents). */
  async iinHolders(iin: string): Promise<StateDocs['parents'][]> {
    const key = `parents|iin|${iin}`;
    if (!this.loaded.has(key)) {
      this.remember('parents', (await parentsByIin(this.db, iin)) as StateDocs['parents'][]);
      this.loaded.add(key);
    }
    return [...this.docs.parents.values()].filter((p) => p.iin === iin);
  }

  /** A child's applications in a locality (one active application per child per locality). */
  async childApplications(childIin: string): Promise<void> {
    const key = `child|${childIin}`;
    if (this.loaded.has(key)) return;
    this.remember('applications', await applicationsOfChild(this.db, childIin));
    this.loaded.add(key);
  }

  async regionSettings(regionId: string): Promise<RegionSettings | undefined> {
    if (!this.settings.has(regionId)) {
      const [doc] = await readByIds(collection(this.db, 'settings'), [`region:${regionId}`]);
      const value = doc?.value as Record<string, unknown> | undefined;
      this.settings.set(regionId, value ? (value as RegionSettings) : undefined);
    }
    return this.settings.get(regionId);
  }

  /**
   * Reads at once what a batch's actions name (their applications, bulletins, responses, referrals,
   * groups, and the kindergartens of those), so that deciding each action finds it in memory: two
   * statements per batch (with `extra`, the caller's own reads, in the first) instead of a few per
   * action. Loads plans still read whatever else they need. Answers `extra`'s documents.
   */
  async prefetch(
    actions: readonly Pick<Action, 'payload' | 'kindergartenId'>[],
    extra: readonly CollectionRead[] = [],
  ): Promise<unknown[][]> {
    const payloads = actions.map((a) =>
      typeof a.payload === 'object' && a.payload !== null ? (a.payload as Record<string, unknown>) : {},
    );
    const ids = (field: string) => payloads.map((p) => str(p[field]));
    const extraFound = await this.byIdsTogether(
      [
        { name: 'applications', ids: ids('applicationId') },
        { name: 'bulletins', ids: ids('bulletinId') },
        { name: 'responses', ids: ids('responseId') },
        { name: 'referrals', ids: ids('referralId') },
        { name: 'groups', ids: ids('groupId') },
      ],
      extra,
    );
    const held = <C extends Name>(name: C, field: string): StateDocs[C][] => {
      const map = this.docs[name] as Map<string, StateDocs[C]>;
      return ids(field)
        .map((id) => (id ? map.get(id) : undefined))
        .filter((d): d is StateDocs[C] => d !== undefined);
    };
    const bulletins = held('bulletins', 'bulletinId');
    const named = [
      ...bulletins,
      ...held('responses', 'responseId'),
      ...held('referrals', 'referralId'),
      ...held('groups', 'groupId'),
    ];
    // A bulletin's group is its kindergarten's: the kindergartens are known without waiting for it.
    await this.byIdsTogether([
      { name: 'groups', ids: bulletins.map((b) => b.groupId) },
      {
        name: 'kindergartens',
        ids: [...actions.map((a) => a.kindergartenId), ...named.map((d) => d.kindergartenId)],
      },
    ]);
    return extraFound;
  }

  /**
   * byIds for several collections in one read (store.ts readTogether: one statement on PostgreSQL),
   * with `extra` reads the caller wants in the same round trip (a batch's accounts and clocks), whose
   * documents it answers.
   */
  async byIdsTogether(
    wanted: readonly { name: Name; ids: readonly (string | undefined)[] }[],
    extra: readonly CollectionRead[] = [],
  ): Promise<unknown[][]> {
    const absent = wanted.map(({ name, ids }) => {
      const map = this.docs[name] as Map<string, unknown>;
      const want = [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
      return want.filter((id) => !map.has(id) && !this.missing.has(`${name}/${id}`));
    });
    const found = await readTogether([
      ...wanted.map(({ name }, k) => ({
        collection: collection(this.db, storedAs(name)) as unknown as RxCollection<never>,
        ids: absent[k],
      })),
      ...extra,
    ]);
    wanted.forEach(({ name }, k) => {
      const map = this.docs[name] as Map<string, { id: string }>;
      for (const doc of found[k] as { id: string }[]) map.set(doc.id, doc);
      for (const id of absent[k]) if (!map.has(id)) this.missing.add(`${name}/${id}`);
    });
    return found.slice(wanted.length);
  }

  /** An applied action's changes, so the rest of the batch reads the state after it. */
  fold(changes: readonly Change[]): void {
    for (const c of changes) {
      (this.docs[c.collection] as Map<string, unknown>).set(c.doc.id, c.doc);
      this.missing.delete(`${c.collection}/${c.doc.id}`);
      if (c.collection === 'applications') this.changed.add(c.doc.id);
      // A region's new settings are what the batch's later actions decide by.
      if (c.collection === 'regionSettings' && c.doc.id.startsWith('region:'))
        this.settings.set(c.doc.id.slice('region:'.length), c.doc.value as RegionSettings);
    }
  }

  changedApplications(): Application[] {
    return [...this.changed].map((id) => this.docs.applications.get(id)).filter((a): a is Application => !!a);
  }

  /** Documents read from storage never replace what the batch already holds (it may be newer). */
  private remember<C extends Name>(name: C, found: readonly StateDocs[C][]): void {
    const map = this.docs[name] as Map<string, StateDocs[C]>;
    for (const doc of found) if (!map.has(doc.id)) map.set(doc.id, doc);
  }
}

/** Loads one declared read (src/domain/reads.ts) into the reader; `use` collects the documents the action may see. */
type Loader<R extends Read> = (r: StateReader, read: R, use: Use, action: PlanAction) => Promise<void>;

/** The set of documents handed to the reducer for one action. */
class Use {
  readonly ids: { [C in Name]: Set<string> } = {
    applications: new Set(),
    bulletins: new Set(),
    kindergartens: new Set(),
    groups: new Set(),
    responses: new Set(),
    referrals: new Set(),
    users: new Set(),
    regionSettings: new Set(),
    parents: new Set(),
  };
  readonly queues: [string, number, string][] = [];
  readonly children: [string, string][] = [];
  readonly queueNumbers: Record<string, number | null> = {};
  readonly matchingPositions: Record<string, number> = {};

  add<C extends Name>(name: C, docs: readonly (StateDocs[C] | undefined)[]): void {
    for (const d of docs) if (d) this.ids[name].add(d.id);
  }
}

/** The bulletin with its group and kindergarten. */
async function bulletinWithPlace(r: StateReader, use: Use, id: unknown): Promise<Bulletin | undefined> {
  const bulletin = await r.one('bulletins', id);
  if (!bulletin) return undefined;
  use.add('bulletins', [bulletin]);
  use.add('groups', [await r.one('groups', bulletin.groupId)]);
  use.add('kindergartens', [await r.one('kindergartens', bulletin.kindergartenId)]);
  return bulletin;
}

/**
 * A bulletin's referrals (the places it holds), read over its kindergarten's index range: referrals have
 * no index on `bulletinId` (the replicated schema's), and walking every referral of the region for each
 * bulletin edit held the event loop for hundreds of milliseconds while a backlog drained.
 */
function bulletinReferrals(r: StateReader, b: Bulletin): Promise<Referral[]> {
  return r.where('referrals', 'bulletinId', [b.id], { kindergartenId: b.kindergartenId });
}

/** Responses of these applications (every bulletin), with the applications themselves. */
async function applicationsWithResponses(r: StateReader, use: Use, ids: string[]): Promise<void> {
  use.add('applications', await r.byIds('applications', ids));
  use.add('responses', await r.where('responses', 'applicationId', ids));
}

/** A bulletin's responders and their applications, and the other open responses of those. */
async function bulletinResponders(r: StateReader, use: Use, bulletinId: string): Promise<void> {
  const responses = await r.where('responses', 'bulletinId', [bulletinId]);
  use.add('responses', responses);
  const open = responses.filter((x) => x.status === 'active').map((x) => x.applicationId);
  await applicationsWithResponses(r, use, open);
}

function queueOf(use: Use, localityId: unknown, years: unknown, groupType: unknown): void {
  if (typeof localityId !== 'string' || typeof groupType !== 'string' || !Array.isArray(years)) return;
  for (const y of years) if (typeof y === 'number') use.queues.push([localityId, y, groupType]);
}

/**
 * How each kind of read is fetched. Which reads an action makes is its handler's declaration
 * (`needs` in src/domain/actions.ts), not this file's: a kind of action gets no plan here.
 */
const LOADERS: { [K in Read['read']]: Loader<Extract<Read, { read: K }>> } = {
  bulletin: async (r, read, use) => {
    const b = await bulletinWithPlace(r, use, read.id);
    if (!b) return;
    if (read.referrals) use.add('referrals', await bulletinReferrals(r, b));
    if (read.responders) await bulletinResponders(r, use, b.id);
  },
  bulletinUpsert: async (r, read, use) => {
    const existing = await r.one('bulletins', read.id);
    use.add('bulletins', [existing]);
    const group = await r.one('groups', read.groupId ?? existing?.groupId);
    if (!group) return;
    use.add('groups', [group]);
    const kg = await r.one('kindergartens', group.kindergartenId);
    use.add('kindergartens', [kg]);
    // Publishing tells the first N of the matching queue their turn has come.
    if (read.matchingQueues && kg) queueOf(use, kg.localityId, group.birthYears, group.groupType);
  },
  application: async (r, read, use) => {
    if (read.responses) await applicationsWithResponses(r, use, [read.id]);
    else use.add('applications', [await r.one('applications', read.id)]);
    if (read.referrals) use.add('referrals', await r.where('referrals', 'applicationId', [read.id]));
  },
  newApplication: async (r, read, use, action) => {
    // The same child's applications in the locality (one active per child), and the new application's
    // queue number counted over the queue's index — not the queue itself (queue-rank.ts).
    use.add('applications', [await r.one('applications', read.id)]);
    const childIin = read.childIin.trim();
    use.children.push([read.localityId, childIin]);
    const iin = parseIin(childIin);
    if (!iin.ok) return;
    const draft = {
      id: read.id,
      priority: 'none' as const,
      filedAt: action.occurredAt,
      childIin,
      localityId: read.localityId,
      birthYear: Number(iin.value.birthDate.slice(0, 4)),
      groupType: read.groupType,
      status: 'waiting' as const,
    };
    use.queueNumbers[draft.id] = await queuePosition(r.db, draft, r.changedApplications());
  },
  response: async (r, read, use, action) => {
    const app = await r.one('applications', read.applicationId);
    use.add('applications', [app]);
    const b = await bulletinWithPlace(r, use, read.bulletinId);
    // During the priority window only the first N of the bulletin's matching queue may respond: its
    // position is counted over the queues' index (queue-rank.ts), not ranked from the queues.
    const windowOver = Date.parse(b?.priorityUntil ?? '') <= Date.parse(action.occurredAt);
    if (app && b && b.access === 'priority' && !windowOver) {
      const localityId = r.docs.kindergartens.get(b.kindergartenId)?.localityId ?? b.localityId;
      const at = Date.parse(action.occurredAt);
      use.matchingPositions[`${b.id}/${app.id}`] = await matchingPosition(
        r.db,
        app,
        b,
        localityId,
        Number.isFinite(at) ? at : Date.now(),
        r.changedApplications(),
      );
    }
  },
  activation: async (r, read, use) => {
    const response = await r.one('responses', read.responseId);
    if (!response) return;
    use.add('responses', [response]);
    const b = await bulletinWithPlace(r, use, response.bulletinId);
    if (b) {
      use.add('referrals', await bulletinReferrals(r, b));
      await bulletinResponders(r, use, b.id);
    }
    await applicationsWithResponses(r, use, [response.applicationId]);
    // The referral records the application's number in its queue (the public list of referrals issued),
    // counted over the queue's index like a new application's (queue-rank.ts).
    const app = r.docs.applications.get(response.applicationId);
    if (app) use.queueNumbers[app.id] = await queuePosition(r.db, app, r.changedApplications());
  },
  referral: async (r, read, use) => {
    const referral = await r.one('referrals', read.id);
    if (!referral) return;
    use.add('referrals', [referral]);
    if (!read.parts) return;
    use.add('applications', [await r.one('applications', referral.applicationId)]);
    use.add('responses', [await r.one('responses', referral.responseId)]);
    use.add('bulletins', [await r.one('bulletins', referral.bulletinId)]);
    use.add('groups', [await r.one('groups', referral.groupId)]);
    use.add('kindergartens', [await r.one('kindergartens', referral.kindergartenId)]);
  },
  kindergarten: async (r, read, use) => {
    use.add('kindergartens', [await r.one('kindergartens', read.id)]);
  },
  group: async (r, read, use) => {
    const group = await r.one('groups', read.id);
    if (!group) return;
    use.add('groups', [group]);
    use.add('kindergartens', [await r.one('kindergartens', group.kindergartenId)]);
    if (read.bulletins)
      use.add(
        'bulletins',
        await r.where('bulletins', 'groupId', [group.id], { kindergartenId: group.kindergartenId }),
      );
  },
  account: async (r, read, use) => {
    const user = await r.one('users', read.id);
    use.add('users', [user]);
    use.add('kindergartens', [await r.one('kindergartens', user?.kindergartenId)]);
  },
  regionSettings: async (r, read, use) => {
    use.add('regionSettings', [await r.one('regionSettings', `region:${read.regionId}`)]);
  },
  iinHolder: async (r, read, use) => {
    const holders = await r.iinHolders(read.iin);
    use.add('parents', holders);
    const ids = holders.map((h) => h.id);
    if (ids.length > 0) use.add('applications', await r.where('applications', 'parentId', ids));
  },
};

function load<R extends Read>(r: StateReader, read: R, use: Use, action: PlanAction): Promise<void> {
  const loader = LOADERS[read.read] as Loader<R>;
  return loader(r, read, use, action);
}

/**
 * The state for one action, read through `reader` (one batch's reader, or a fresh one). An unknown kind
 * loads nothing: the reducer refuses it.
 */
export async function loadState(
  db: RxDatabase,
  action: PlanAction,
  reader: StateReader = new StateReader(db),
): Promise<LoadedState> {
  const p = (typeof action.payload === 'object' && action.payload !== null ? action.payload : {}) as Record<
    string,
    unknown
  >;
  const use = new Use();
  for (const read of actionReads(action.kind, action.payload)) await load(reader, read, use, action);
  for (const [localityId, birthYear, groupType] of use.queues)
    await reader.queue(localityId, birthYear, groupType);
  for (const [, childIin] of use.children) await reader.childApplications(childIin);

  const state = stateOf(reader, use);
  if (Object.keys(use.queueNumbers).length > 0) state.queueNumbers = use.queueNumbers;
  if (Object.keys(use.matchingPositions).length > 0) state.matchingPositions = use.matchingPositions;
  const target = targetOf(p, reader.docs);
  const regionId = regionOf(p, reader.docs);
  const settings = regionId ? await reader.regionSettings(regionId) : undefined;
  if (settings) state.settings = settings;
  return { state, target, regionId };
}

/** The documents the plan named, plus every member of the queues it asked for. */
function stateOf(reader: StateReader, use: Use): DomainState {
  const pick = <C extends Name>(name: C): Record<string, StateDocs[C]> => {
    const map = reader.docs[name] as Map<string, StateDocs[C]>;
    const out: Record<string, StateDocs[C]> = {};
    for (const id of use.ids[name]) {
      const doc = map.get(id);
      if (doc) out[id] = doc;
    }
    return out;
  };
  const applications = pick('applications');
  if (use.queues.length > 0 || use.children.length > 0) {
    const queues = new Set(use.queues.map(([l, y, g]) => `${l}|${y}|${g}`));
    const children = new Set(use.children.map(([l, iin]) => `${l}|${iin}`));
    for (const a of reader.docs.applications.values()) {
      if (
        queues.has(`${a.localityId}|${a.birthYear}|${a.groupType}`) ||
        children.has(`${a.localityId}|${a.childIin}`)
      )
        applications[a.id] = a;
    }
  }
  return {
    applications,
    bulletins: pick('bulletins'),
    kindergartens: pick('kindergartens'),
    groups: pick('groups'),
    responses: pick('responses'),
    referrals: pick('referrals'),
    users: pick('users'),
    regionSettings: pick('regionSettings'),
    parents: pick('parents'),
  };
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
  const first = <T>(m: Map<string, T>, id: unknown) => (typeof id === 'string' ? m.get(id) : undefined);
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
  const user = first(docs.users, p.userId);
  const kg = docs.kindergartens.get(
    group?.kindergartenId ?? str(p.kindergartenId) ?? user?.kindergartenId ?? '',
  );
  if (kg) return kg.regionId;
  return str(p.regionId);
}
