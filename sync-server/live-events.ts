import type { RxChangeEvent, RxDatabase } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { LiveEvent, LiveEvents } from './context';

/** The in-process hub behind ServerContext.events: SSE streams subscribe to their audience. */
export function createLiveEvents(): LiveEvents {
  const listeners = new Map<string, Set<(event: LiveEvent) => void>>();
  return {
    publish(event) {
      const delivered = new Set<(event: LiveEvent) => void>();
      for (const audience of new Set(event.audience)) {
        for (const listener of listeners.get(audience) ?? []) {
          if (delivered.has(listener)) continue;
          delivered.add(listener);
          listener(event);
        }
      }
    },
    subscribe(audience, listener) {
      let set = listeners.get(audience);
      if (!set) {
        set = new Set();
        listeners.set(audience, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(audience);
      };
    },
  };
}

type Doc = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
const kg = (v: unknown) => (str(v) ? `kg:${v}` : null);
const region = (v: unknown) => (str(v) ? `region:${v}` : null);

/**
 * Who hears about a change, and what they are told (ids and statuses only: no personal data).
 * Responses and referrals carry only their kindergarten: `regionOf` names its region, so the
 * district's supervisors hear about them too.
 */
export function liveEventOf(
  collection: string,
  doc: Doc,
  regionOf: (kindergartenId: string) => string | undefined = () => undefined,
): LiveEvent | null {
  const audience = (list: (string | null)[]) => list.filter((a): a is string => a !== null);
  const kgRegion = () => (str(doc.kindergartenId) ? region(regionOf(doc.kindergartenId as string)) : null);
  switch (collection) {
    case 'notifications':
      return {
        type: 'notification',
        audience: audience([str(doc.recipientId)]),
        data: { id: doc.id, kind: doc.kind },
      };
    case 'applications': {
      const visible = Array.isArray(doc.visibleTo) ? doc.visibleTo.map(kg) : [];
      return {
        type: 'application',
        audience: audience([str(doc.parentId), region(doc.regionId), ...visible]),
        data: { id: doc.id, status: doc.status },
      };
    }
    case 'referrals':
      return {
        type: 'referral',
        audience: audience([str(doc.parentId), kg(doc.kindergartenId), kgRegion()]),
        data: { id: doc.id, applicationId: doc.applicationId, status: doc.status },
      };
    case 'responses':
      return {
        type: 'response',
        audience: audience([kg(doc.kindergartenId), kgRegion()]),
        data: { id: doc.id, bulletinId: doc.bulletinId, status: doc.status },
      };
    case 'bulletins':
      return {
        type: 'bulletin',
        audience: audience([kg(doc.kindergartenId), region(doc.regionId), 'public']),
        data: { id: doc.id, status: doc.status, access: doc.access, freePlaces: doc.freePlaces },
      };
    case 'actions':
      return {
        type: 'action',
        audience: audience([str(doc.actor), kg(doc.kindergartenId)]),
        data: { id: doc.id, kind: doc.kind, status: doc.status, reason: doc.reason },
      };
    default:
      return null;
  }
}

const BRIDGED = ['notifications', 'applications', 'referrals', 'responses', 'bulletins', 'actions'] as const;

/**
 * Turns the database's change stream into live events. Every server process runs this bridge, and the
 * PostgreSQL storage delivers other processes' writes to this stream (LISTEN/NOTIFY), so a staff action
 * applied by one process reaches a parent's SSE stream held by another (issue 5). The processor does
 * not publish itself: one path, no duplicates.
 */
export function bridgeChangesToEvents(db: RxDatabase, events: LiveEvents): () => void {
  // Kindergarten → region, kept current from the catalogue's own changes.
  const regions = new Map<string, string>();
  const kindergartens = db.collections.kindergartens;
  const remember = (doc: Doc | undefined) => {
    if (doc && str(doc.id) && str(doc.regionId)) regions.set(doc.id as string, doc.regionId as string);
  };
  void kindergartens
    .find()
    .exec()
    .then((docs) => {
      for (const d of docs) remember(d.toJSON() as Doc);
    })
    .catch(() => undefined);
  const subscriptions: Subscription[] = [
    kindergartens.$.subscribe((change: RxChangeEvent<Doc>) =>
      remember(change.documentData as Doc | undefined),
    ),
    ...BRIDGED.map((name) =>
      db.collections[name].$.subscribe((change: RxChangeEvent<Doc>) => {
        const doc = (change.documentData ?? change.previousDocumentData) as Doc | undefined;
        if (!doc) return;
        const event = liveEventOf(name, doc, (id) => regions.get(id));
        if (event && event.audience.length > 0) events.publish(event);
      }),
    ),
  ];
  return () => {
    for (const s of subscriptions) s.unsubscribe();
  };
}
