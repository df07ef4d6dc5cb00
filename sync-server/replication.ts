import type { IncomingHttpHeaders } from 'node:http';
import type { FilledMangoQuery, MangoQuerySelector, RxCollection } from 'rxdb';
import { getValidator } from 'rxdb/plugins/validate-ajv';
import type {
  createRxServer,
  RxServerAuthData,
  RxServerChangeValidator,
  RxServerQueryModifier,
} from 'rxdb-server/plugins/server';
import { actionSchema, REPLICATED_COLLECTIONS, type ReplicatedCollection } from '../src/schema';
import { sessionToken, verifySession } from './auth';
import type { ServerContext } from './context';
import { readAll } from './store';

/**
 * Replication for staff and supervisors (docs/architecture.md, Sync server). One endpoint per collection at
 * /replication/<collection>/<schemaVersion>/{pull,push,pullStream}; what a caller sees depends on the
 * role its token carries (queryModifier), and the only thing anyone may push is their own pending
 * actions (changeValidator). Parents never replicate: they use the JSON API.
 */

export interface ReplicationScope {
  userId: string;
  role: 'staff' | 'supervisor';
  name: string;
  /** Staff: the one kindergarten. */
  kindergartenId?: string;
  /** Supervisor: the region (district) and its kindergartens, resolved when the token is checked. */
  regionId?: string;
  kindergartenIds: string[];
}

export type ReplicationAuth = RxServerAuthData<ReplicationScope>;

export { REPLICATED_COLLECTIONS, type ReplicatedCollection };

export const REPLICATION_PATH = 'replication';
export const AUDIT_REST_PATH = 'rest/audit';

export class AuthRefused extends Error {
  constructor(
    readonly code: 'noToken' | 'invalidToken' | 'expiredToken' | 'parentsDoNotReplicate' | 'noScope',
  ) {
    super(code);
  }
}

const REGION_CACHE_MS = 30_000;

/**
 * rxdb-server's authHandler. It re-runs for every live event of a pull stream, and rxdb-server never
 * checks `validUntil` (docs/stack.md): an expired token is refused here.
 */
export function createAuthHandler(ctx: ServerContext) {
  const regionKindergartens = new Map<string, { ids: string[]; at: number }>();
  async function kindergartensOf(regionId: string): Promise<string[]> {
    const nowMs = ctx.now().getTime();
    const cached = regionKindergartens.get(regionId);
    if (cached && nowMs - cached.at < REGION_CACHE_MS) return cached.ids;
    const docs = await readAll(ctx.db.collections.kindergartens, { regionId });
    const ids = docs.map((d) => String(d.id)).sort();
    regionKindergartens.set(regionId, { ids, at: nowMs });
    return ids;
  }
  return async function authHandler(headers: IncomingHttpHeaders): Promise<ReplicationAuth> {
    const token = sessionToken(headers);
    if (!token) throw new AuthRefused('noToken');
    const principal = await verifySession(ctx, token);
    if (!principal) throw new AuthRefused('invalidToken');
    if (principal.validUntil <= ctx.now().getTime()) throw new AuthRefused('expiredToken');
    if (principal.role === 'parent') throw new AuthRefused('parentsDoNotReplicate');
    if (principal.role === 'staff') {
      if (!principal.kindergartenId) throw new AuthRefused('noScope');
      return {
        data: {
          userId: principal.userId,
          role: 'staff',
          name: principal.name,
          kindergartenId: principal.kindergartenId,
          kindergartenIds: [principal.kindergartenId],
        },
        validUntil: principal.validUntil,
      };
    }
    if (!principal.regionId) throw new AuthRefused('noScope');
    return {
      data: {
        userId: principal.userId,
        role: 'supervisor',
        name: principal.name,
        regionId: principal.regionId,
        kindergartenIds: await kindergartensOf(principal.regionId),
      },
      validUntil: principal.validUntil,
    };
  };
}

// A selector no document matches: `id` is never empty.
const NOTHING = { id: { $eq: '' } };

/** The part of a collection a caller may see, as a Mango selector (so pull, push and streams all use it). */
export function scopeSelector(
  collection: ReplicatedCollection | 'audit',
  scope: ReplicationScope,
): MangoQuerySelector<Record<string, unknown>> {
  const staff = scope.role === 'staff';
  const kg = scope.kindergartenId ?? '';
  const inRegionKgs = { $in: scope.kindergartenIds };
  switch (collection) {
    case 'kindergartens':
      return staff ? { id: kg } : { regionId: scope.regionId };
    case 'groups':
    case 'responses':
    case 'referrals':
      return staff ? { kindergartenId: kg } : { kindergartenId: inRegionKgs };
    case 'bulletins':
      return staff ? { kindergartenId: kg } : { regionId: scope.regionId };
    case 'applications':
      // Staff see a child only once it responded to their bulletin or holds a referral or a contract
      // there (docs/architecture.md): the processor keeps those kindergartens in `visibleTo`.
      return staff ? { visibleTo: { $elemMatch: { $eq: kg } } } : { regionId: scope.regionId };
    case 'notifications':
      return { recipientId: scope.userId };
    case 'actions':
      return { actor: scope.userId };
    case 'audit':
      return staff ? NOTHING : { districtId: scope.regionId };
  }
}

/** Adds a restriction to a query's selector without disturbing the checkpoint selector of /pull. */
export function restrictQuery<T>(
  query: FilledMangoQuery<T>,
  restriction: MangoQuerySelector<Record<string, unknown>>,
): FilledMangoQuery<T> {
  const selector = query.selector as Record<string, unknown>;
  const collides = Object.keys(restriction).some((k) => k in selector);
  return {
    ...query,
    selector: (collides
      ? { $and: [selector, restriction] }
      : { ...selector, ...restriction }) as FilledMangoQuery<T>['selector'],
  };
}

const validateActionShape = getValidator(actionSchema as never);
const STORAGE_FIELDS = ['_deleted', '_meta', '_rev', '_attachments'];

/**
 * What a caller may push: only a new or unchanged pending action of its own, in its own kindergarten,
 * that fits the actions schema. Anything else is a forged or corrupt push and gets 403; the content of
 * an action (rights over the entity, payload, occurredAt) is checked by the processor, which marks it
 * rejected instead, so a legitimate client never meets a 403 (docs/stack.md: 403 cancels its replication).
 */
export function actionChangeValidator(): RxServerChangeValidator<ReplicationScope, Record<string, unknown>> {
  return (auth, change) => {
    const scope = auth.data;
    const doc = change.newDocumentState as Record<string, unknown>;
    if (!doc || doc._deleted) return false;
    if (doc.actor !== scope.userId || doc.actorRole !== scope.role || doc.status !== 'pending') return false;
    if (doc.reason !== undefined || doc.processedAt !== undefined) return false;
    if (scope.role === 'staff' && doc.kindergartenId !== scope.kindergartenId) return false;
    if (
      scope.role === 'supervisor' &&
      !scope.kindergartenIds.includes(String(doc.kindergartenId)) &&
      doc.kindergartenId !== `region:${scope.regionId}`
    ) {
      return false;
    }
    const master = change.assumedMasterState as Record<string, unknown> | undefined;
    if (master && master.status !== 'pending') return false;
    const plain = Object.fromEntries(Object.entries(doc).filter(([k]) => !STORAGE_FIELDS.includes(k)));
    return validateActionShape(plain as never).length === 0;
  };
}

/** Registers the replication endpoints of every replicated collection, and the read-only audit REST. */
function scoped(
  name: ReplicatedCollection | 'audit',
): RxServerQueryModifier<ReplicationScope, Record<string, unknown>> {
  return (auth, query) => restrictQuery(query, scopeSelector(name, auth.data));
}

export type RxServer = Awaited<ReturnType<typeof createRxServer<unknown, ReplicationScope>>>;

export function addReplicationEndpoints(server: RxServer, ctx: ServerContext): void {
  for (const name of REPLICATED_COLLECTIONS) {
    const collection = ctx.db.collections[name] as RxCollection;
    server.addReplicationEndpoint({
      name: `${REPLICATION_PATH}/${name}`,
      collection,
      queryModifier: scoped(name),
      changeValidator: name === 'actions' ? actionChangeValidator() : () => false,
      // Which other kindergartens a child responded to is none of a kindergarten's business.
      serverOnlyFields: name === 'applications' ? ['visibleTo'] : [],
    });
  }
  server.addRestEndpoint({
    name: AUDIT_REST_PATH,
    collection: ctx.db.collections.audit as RxCollection,
    queryModifier: scoped('audit'),
    changeValidator: () => false,
  });
}
