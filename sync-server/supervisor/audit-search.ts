import type { RxCollection, RxDatabase } from 'rxdb';
import { z } from 'zod';
import { addDays, endOfAlmatyDay } from '../../src/domain';
import type { AuditEntry } from '../../src/schema';
import { almatyDay } from './dashboard-filters';
import { collectionOf } from '../schema';
import { ensureServerIndex, postgresInstanceOf } from '../server-sql';
import type { SqlDriver, SqlParam } from '../storage';
import { plain, readAll } from '../store';
import { derivedName } from './region-tables';

export const auditQuerySchema = z.object({
  /** Free text: matched against the kind, actor, entity ids, action id and the payload's values. */
  q: z.string().max(200).optional(),
  kind: z.string().max(40).optional(),
  actor: z.string().max(64).optional(),
  /** The actor's role: staff, supervisor, parent or system. */
  role: z.enum(['staff', 'supervisor', 'parent', 'system']).optional(),
  /** An entity (application, bulletin, response, referral…) the entries must touch. */
  entityId: z.string().max(64).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** The region's audit entries, newest first. The chain is verified whole; a search sees only the region. */
export async function loadRegionAudit(db: RxDatabase, regionId: string): Promise<AuditEntry[]> {
  const entries = await readAll(collectionOf(db, 'audit'), { districtId: regionId });
  return entries.sort((a, b) => b.seq - a.seq);
}

function searchableText(entry: AuditEntry): string {
  return [
    entry.kind,
    entry.actor,
    entry.actionId,
    entry.kindergartenId ?? '',
    ...entry.entityIds,
    JSON.stringify(entry.payload),
  ]
    .join(' ')
    .toLowerCase();
}

/**
 * Whether an entry is part of a record's trail: it is the record's action, it changed the record, or
 * its payload names it (a response activation names the response, a respond names the bulletin).
 */
export function entryTouches(entry: AuditEntry, entityId: string): boolean {
  if (entry.actionId === entityId || entry.id === entityId || entry.entityIds.includes(entityId)) return true;
  return Object.values(entry.payload ?? {}).some((v) => v === entityId);
}

export function searchAudit(
  entries: AuditEntry[],
  query: AuditQuery,
): { total: number; entries: AuditEntry[] } {
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const matching = entries.filter((e) => {
    if (query.kind && e.kind !== query.kind) return false;
    if (query.actor && e.actor !== query.actor) return false;
    if (query.role && e.actorRole !== query.role) return false;
    if (query.entityId && !entryTouches(e, query.entityId)) return false;
    if (query.from || query.to) {
      const day = Number.isNaN(Date.parse(e.at)) ? '' : almatyDay(e.at);
      if (query.from && day < query.from) return false;
      if (query.to && day > query.to) return false;
    }
    if (words.length > 0) {
      const text = searchableText(e);
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
  return { total: matching.length, entries: matching.slice(query.offset, query.offset + query.limit) };
}

// Kazakh and Russian capitals, lowered in SQL by translate(): lower() follows the database's locale,
// which a PostgreSQL initialised with "C" leaves Cyrillic alone in.
const CYRILLIC_UPPER = 'АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ';
const CYRILLIC_LOWER = 'аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя';

/** The text a free-text search matches: the fields searchableText() joins, in SQL. */
const SEARCHED = `lower(translate(concat_ws(' ', doc->>'kind', doc->>'actor', doc->>'actionId',
  doc->>'kindergartenId', doc->>'entityIds', doc->>'payload'), '${CYRILLIC_UPPER}', '${CYRILLIC_LOWER}'))`;

/** The first instant of an Almaty day, as the audit writes instants (toISOString, UTC). */
const dayStart = (day: string) => new Date(Date.parse(endOfAlmatyDay(addDays(day, -1)))).toISOString();

/**
 * What an entry touches (entryTouches): its id, its action's id, the entities it changed and the values
 * of its payload, as one JSON array — the expression of a GIN index, so that a record's trail is read
 * from the index (issue 16, item 2) instead of from every entry of the region.
 */
// jsonb_path_query_array, not jsonb_build_array: an index expression must be immutable, which
// jsonb_build_array is not declared to be.
const TOUCHED = `(jsonb_path_query_array(doc, '$.id') || jsonb_path_query_array(doc, '$.actionId')
  || jsonb_path_query_array(doc, '$.entityIds[*]') || jsonb_path_query_array(doc, '$.payload.*'))`;

const touches = (idParam: string) => `${TOUCHED} @> jsonb_build_array(${idParam}::text)`;

function ensureTouchedIndex(sql: SqlDriver, table: string): Promise<void> {
  const index = derivedName(table, 'touched');
  return ensureServerIndex(sql, {
    name: index,
    lock: 'index:audit-touched',
    ddl: `CREATE INDEX IF NOT EXISTS ${index} ON ${table} USING gin (${TOUCHED} jsonb_path_ops) WHERE NOT deleted`,
  });
}

/**
 * The region's entries that touch any of `ids` (a bulletin's trail: the bulletin and its responses),
 * in chain order. On our storage one statement over the index of what entries touch; on rxdb's memory
 * storage the region's entries are filtered.
 */
export async function regionAuditTrail(
  db: RxDatabase,
  regionId: string,
  ids: readonly string[],
): Promise<AuditEntry[]> {
  const instance = postgresInstanceOf(collectionOf(db, 'audit') as RxCollection<unknown>);
  if (!instance)
    return (await loadRegionAudit(db, regionId))
      .filter((e) => ids.some((id) => entryTouches(e, id)))
      .sort((a, b) => a.seq - b.seq);
  if (ids.length === 0) return [];
  await ensureTouchedIndex(instance.sql, instance.table);
  const params: SqlParam[] = [regionId, ...ids];
  const any = ids.map((_, i) => touches(`$${i + 2}`)).join(' OR ');
  const rows = await instance.sql.query<{ doc: Record<string, unknown> }>(
    `SELECT doc FROM ${instance.table}
      WHERE NOT deleted AND (${any}) AND doc->>'districtId' = $1
      ORDER BY (doc->>'seq')::bigint`,
    params,
  );
  return rows.map((r) => plain<AuditEntry>(r.doc));
}

/**
 * One page of the region's audit log, newest first, and how many entries match (issue 14, item 18:
 * the page read the whole region's log for every page). On our storage the page is read in chain
 * order from an index on (region, seq) the server keeps next to rxdb's, with the filters in SQL; the
 * count reads the region's index range, not its documents into the process. On rxdb's memory storage
 * (quick tests) the same search runs over the region's entries.
 */
export async function regionAuditPage(
  db: RxDatabase,
  regionId: string,
  query: AuditQuery,
): Promise<{ total: number; entries: AuditEntry[] }> {
  const audit = collectionOf(db, 'audit');
  const instance = postgresInstanceOf(audit as RxCollection<unknown>);
  if (!instance) return searchAudit(await loadRegionAudit(db, regionId), query);
  const index = derivedName(instance.table, 'region_seq');
  await ensureServerIndex(instance.sql, {
    name: index,
    lock: 'index:audit-region-seq',
    ddl: `CREATE INDEX IF NOT EXISTS ${index} ON ${instance.table}
            ((doc->>'districtId'), ((doc->>'seq')::bigint) DESC) WHERE NOT deleted`,
  });
  const params: SqlParam[] = [regionId];
  const where = [`NOT deleted`, `doc->>'districtId' = $1`];
  const param = (value: SqlParam) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.kind) where.push(`doc->>'kind' = ${param(query.kind)}`);
  if (query.actor) where.push(`doc->>'actor' = ${param(query.actor)}`);
  if (query.role) where.push(`doc->>'actorRole' = ${param(query.role)}`);
  if (query.from) where.push(`doc->>'at' >= ${param(dayStart(query.from))}`);
  if (query.to) where.push(`doc->>'at' < ${param(dayStart(addDays(query.to, 1)))}`);
  if (query.entityId) {
    await ensureTouchedIndex(instance.sql, instance.table);
    where.push(touches(param(query.entityId)));
  }
  for (const word of (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean))
    where.push(`strpos(${SEARCHED}, ${param(word)}) > 0`);
  const condition = where.join(' AND ');
  const [count] = await instance.sql.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM ${instance.table} WHERE ${condition}`,
    params,
  );
  const rows = await instance.sql.query<{ doc: Record<string, unknown> }>(
    `SELECT doc FROM ${instance.table} WHERE ${condition}
      ORDER BY doc->>'districtId', (doc->>'seq')::bigint DESC
      LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}`,
    params,
  );
  return { total: count?.total ?? 0, entries: rows.map((r) => plain<AuditEntry>(r.doc)) };
}
