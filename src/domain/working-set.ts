import type {
  Action,
  Application,
  Bulletin,
  Group,
  Kindergarten,
  NotificationKind,
  Referral,
  Response,
} from '../schema';
import type { Calendar } from './calendar';
import type { DomainError } from './errors';
import type { ParentAccountDoc } from './iin-release';
import type { RespondContext } from './matching';
import { queueNumber } from './queue';
import type { RegionSettings } from './settings';
import type { AccountDoc, RegionSettingsDoc } from './supervisor-actions';

/**
 * What the reducer reads: whatever the caller loaded (the server: the entities the action touches and
 * the queue it needs; the desktop: its replica), each collection a Record by id.
 */
export interface DomainState {
  applications: Record<string, Application>;
  bulletins: Record<string, Bulletin>;
  kindergartens: Record<string, Kindergarten>;
  groups: Record<string, Group>;
  responses: Record<string, Response>;
  referrals: Record<string, Referral>;
  /** Staff and supervisor accounts (server only: a supervisor's staff actions read and write them). */
  users?: Record<string, AccountDoc>;
  /** The regions' settings documents (`region:<regionId>`), which settings.edit and calendar.edit write. */
  regionSettings?: Record<string, RegionSettingsDoc>;
  /** Parent accounts (server only: a supervisor's parent.releaseIin reads and writes the IIN's holder). */
  parents?: Record<string, ParentAccountDoc>;
  /** The settings the rules read: the value of the region's settings document. */
  settings?: RegionSettings;
  /**
   * Queue numbers the caller counted itself (the server, from an index, instead of loading the whole
   * queue), by application id; any other number is ranked from the applications loaded.
   */
  queueNumbers?: Record<string, number | null>;
  /**
   * Positions in bulletins' matching queues the caller counted itself, by `<bulletinId>/<applicationId>`
   * (0: not in it); without one, the position is ranked from the applications loaded.
   */
  matchingPositions?: Record<string, number>;
}

export interface StateDocs {
  applications: Application;
  bulletins: Bulletin;
  kindergartens: Kindergarten;
  groups: Group;
  responses: Response;
  referrals: Referral;
  users: AccountDoc;
  regionSettings: RegionSettingsDoc;
  parents: ParentAccountDoc;
}
export type StateCollection = keyof StateDocs;
export const STATE_COLLECTIONS: readonly StateCollection[] = [
  'applications',
  'bulletins',
  'kindergartens',
  'groups',
  'responses',
  'referrals',
  'users',
  'regionSettings',
  'parents',
];

/** A full new document (an upsert). */
export type Change = { [C in StateCollection]: { collection: C; doc: StateDocs[C] } }[StateCollection];

/** A notification to store (the caller adds createdAt and updatedAt). */
export interface DomainNotification {
  id: string;
  recipientId: string;
  kind: NotificationKind;
  params: Record<string, unknown>;
}

/** The fields of an Action the reducer reads (src/schema/actions.ts). */
export type ActionInput = Pick<
  Action,
  'id' | 'kind' | 'payload' | 'actor' | 'actorRole' | 'kindergartenId' | 'deviceId' | 'occurredAt'
>;

/**
 * The documents one action reads and writes: reads see earlier writes of the same action, and every
 * written document gets `updatedAt` = now. Changes come out in first-write order, one per document.
 */
export class WorkingSet {
  private readonly changed = new Map<string, Change>();
  readonly notifications: DomainNotification[] = [];
  /** Entities the action concerns without changing them (a group's kindergarten), for the audit. */
  readonly related: string[] = [];

  constructor(
    private readonly state: DomainState,
    readonly action: ActionInput,
    readonly nowMs: number,
    readonly occurredMs: number,
    readonly calendar: Calendar,
  ) {}

  get settings(): RegionSettings {
    return this.state.settings ?? {};
  }

  get<C extends StateCollection>(collection: C, id: unknown): StateDocs[C] | undefined {
    if (typeof id !== 'string') return undefined;
    const hit = this.changed.get(`${collection}/${id}`);
    if (hit) return hit.doc as StateDocs[C];
    const records = this.state[collection] as Record<string, StateDocs[C]> | undefined;
    const doc = records && Object.hasOwn(records, id) ? records[id] : undefined;
    return typeof doc === 'object' && doc !== null ? doc : undefined;
  }

  /** The document, or the error `notFound` with { collection, id }. */
  need<C extends StateCollection>(collection: C, id: unknown): StateDocs[C] | DomainError {
    return this.get(collection, id) ?? { code: 'notFound', params: { collection, id: String(id) } };
  }

  all<C extends StateCollection>(collection: C): StateDocs[C][] {
    const records = (this.state[collection] ?? {}) as Record<string, StateDocs[C]>;
    const out = new Map<string, StateDocs[C]>();
    for (const [id, doc] of Object.entries(records))
      if (typeof doc === 'object' && doc !== null) out.set(id, doc);
    for (const [key, change] of this.changed) {
      if (change.collection === collection)
        out.set(key.slice(collection.length + 1), change.doc as StateDocs[C]);
    }
    return [...out.values()];
  }

  /**
   * Records the new full document. Storage meta fields (`_deleted`, `_rev`, `_meta`, `_attachments`)
   * that a caller may have loaded are dropped, so the change is valid against the collection's schema.
   */
  put<C extends StateCollection>(collection: C, doc: StateDocs[C]): void {
    const next = withoutMeta({ ...doc, updatedAt: this.nowMs });
    this.changed.set(`${collection}/${doc.id}`, { collection, doc: next } as Change);
  }

  /** The application's queue number: the caller's count if it gave one, else ranked over what it loaded. */
  queueNumber(application: Application): number | null {
    const known = this.state.queueNumbers;
    if (known && Object.hasOwn(known, application.id)) return known[application.id] ?? null;
    return queueNumber(application.id, this.all('applications'));
  }

  /**
   * The application's queue number only as the caller counted it (the server counts over the whole
   * queue), else undefined: a workstation holds only its responders' applications, and a number ranked
   * among those would be wrong, so it records none and the server's document brings the count.
   */
  countedQueueNumber(application: Application): number | undefined {
    const known = this.state.queueNumbers;
    if (!known || !Object.hasOwn(known, application.id)) return undefined;
    return known[application.id] ?? undefined;
  }

  /** What canRespond needs for the access stage: the caller's count, or the applications loaded. */
  respondContext(bulletinId: string, applicationId: string): RespondContext {
    const known = this.state.matchingPositions;
    const key = `${bulletinId}/${applicationId}`;
    if (known && Object.hasOwn(known, key)) return { queuePosition: known[key] };
    return { queue: this.all('applications') };
  }

  /** Params are stored as JSON: undefined values (e.g. a kindergarten the caller did not load) are left out. */
  notify(recipientId: string, kind: NotificationKind, params: Record<string, unknown>): void {
    const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    this.notifications.push({
      id: `ntf_${this.action.id}_${this.notifications.length}`,
      recipientId,
      kind,
      params: clean,
    });
  }

  /** Names an entity the action concerns but does not change (found by it in the audit log). */
  relate(id: string): void {
    if (!this.related.includes(id)) this.related.push(id);
  }

  changes(): Change[] {
    return [...this.changed.values()];
  }
}

function withoutMeta<T extends object>(doc: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!k.startsWith('_') && v !== undefined) out[k] = v;
  return out as T;
}

export function isError(v: unknown): v is DomainError {
  return typeof v === 'object' && v !== null && typeof (v as DomainError).code === 'string' && !('id' in v);
}
