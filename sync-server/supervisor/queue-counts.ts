import type { SqlExecutor, SqlParam } from '../storage';
import { derivedName, type RegionTables } from './region-tables';

/**
 * The queue's counts, maintained incrementally by PostgreSQL itself (issue 16: the dashboard at
 * 200,000 applications). Counting the region's applications on each dashboard request scans every
 * document (about 0.5 s at 200k on this machine, and linear in the region); instead three
 * statement-level triggers on the applications table add and subtract each written row's key in a small
 * table, one row per (region, locality, birth year, priority, languages, status, awaiting confirmation).
 * Every writer — the action processor, supervisor changes, the seed, another server process — goes
 * through the table, so the counts hold whoever writes, in the writer's own transaction.
 *
 * Keys are added in one statement per written statement, in key order, so two transactions take the
 * counter rows' locks in the same order. Created once per table, idempotent across processes (under an
 * advisory lock; the table is locked against writes while the counts are first filled from it).
 */

export interface QueueCountRow {
  localityId: string;
  birthYear: string;
  priority: string;
  /** The application's distinct languages, sorted, joined by ','. */
  languages: string;
  status: string;
  /** Claims a priority category that waits for a supervisor's confirmation (awaitsConfirmation). */
  pending: boolean;
  n: number;
}

/** Bump this when the key or the trigger changes: the next start rebuilds the counts. */
const VERSION = 'qc1';

/** The key of one application row `r` (columns `deleted`, `doc`), as the counts table holds it. */
const KEY = `coalesce(r.doc->>'regionId', '') AS region,
  coalesce(r.doc->>'localityId', '') AS locality,
  coalesce(r.doc->>'birthYear', '') AS birth_year,
  coalesce(r.doc->>'priority', '') AS priority,
  coalesce((SELECT string_agg(DISTINCT l, ',' ORDER BY l)
              FROM jsonb_array_elements_text(
                CASE WHEN jsonb_typeof(r.doc->'languages') = 'array' THEN r.doc->'languages' ELSE '[]'::jsonb END) l),
           '') AS languages,
  coalesce(r.doc->>'status', '') AS status,
  (r.doc->>'claimedPriority' IS DISTINCT FROM 'none'
     AND coalesce(r.doc->>'priorityConfirmedAt', '') = ''
     AND r.doc->>'priority' IS DISTINCT FROM r.doc->>'claimedPriority') AS pending`;
const KEY_COLUMNS = 'region, locality, birth_year, priority, languages, status, pending';

function names(table: string) {
  return {
    counts: derivedName(table, VERSION),
    insert: derivedName(table, `${VERSION}_ins`),
    update: derivedName(table, `${VERSION}_upd`),
    remove: derivedName(table, `${VERSION}_del`),
  };
}

/** Adds the keys of `sources` (`SELECT … FROM <transition table> r` with a sign `d`) to the counts. */
function addKeys(counts: string, sources: string[]): string {
  return `INSERT INTO ${counts} (${KEY_COLUMNS}, n)
    SELECT ${KEY_COLUMNS}, sum(d) FROM (${sources.join(' UNION ALL ')}) k
     GROUP BY ${KEY_COLUMNS} HAVING sum(d) <> 0 ORDER BY ${KEY_COLUMNS}
    ON CONFLICT (${KEY_COLUMNS}) DO UPDATE SET n = ${counts}.n + EXCLUDED.n`;
}
const rowsOf = (transition: string, sign: 1 | -1) =>
  `SELECT ${KEY}, ${sign} AS d FROM ${transition} r WHERE NOT r.deleted`;

/** Per driver and table: one database per test shares a driver with the file's other tests. */
const ready = new WeakMap<object, Map<string, Promise<void>>>();

async function create(tx: SqlExecutor, table: string): Promise<void> {
  const n = names(table);
  await tx.query("SELECT pg_advisory_xact_lock(5402, hashtext('index:queue_counts'))");
  const [found] = await tx.query<{ present: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass($1) AND tgname = $2) AS present',
    [table, n.insert.slice(1, -1)],
  );
  if (found?.present) return;
  // No write may slip between the first count and the triggers.
  await tx.query(`LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE`);
  await tx.query(`CREATE TABLE IF NOT EXISTS ${n.counts} (
      region text NOT NULL, locality text NOT NULL, birth_year text NOT NULL, priority text NOT NULL,
      languages text NOT NULL, status text NOT NULL, pending boolean NOT NULL, n bigint NOT NULL,
      PRIMARY KEY (${KEY_COLUMNS}))`);
  await tx.query(`DELETE FROM ${n.counts}`);
  const fn = (name: string, body: string) =>
    tx.query(`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN ${body}; RETURN NULL; END $fn$`);
  await fn(n.insert, addKeys(n.counts, [rowsOf('new_rows', 1)]));
  await fn(n.update, addKeys(n.counts, [rowsOf('old_rows', -1), rowsOf('new_rows', 1)]));
  await fn(n.remove, addKeys(n.counts, [rowsOf('old_rows', -1)]));
  for (const [name, event, transitions] of [
    [n.insert, 'INSERT', 'NEW TABLE AS new_rows'],
    [n.update, 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
    [n.remove, 'DELETE', 'OLD TABLE AS old_rows'],
  ] as const) {
    await tx.query(`DROP TRIGGER IF EXISTS ${name} ON ${table}`);
    await tx.query(
      `CREATE TRIGGER ${name} AFTER ${event} ON ${table} REFERENCING ${transitions} FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`,
    );
  }
  await tx.query(addKeys(n.counts, [rowsOf(table, 1)]));
}

/** Creates the counts and their triggers once per applications table (the first caller waits). */
export function ensureQueueCounts(tables: RegionTables): Promise<void> {
  const tablesOfDriver = ready.get(tables.sql) ?? new Map<string, Promise<void>>();
  ready.set(tables.sql, tablesOfDriver);
  const table = tables.applications;
  let done = tablesOfDriver.get(table);
  if (!done) {
    done = tables.sql.transaction((tx) => create(tx, table));
    // A failed attempt is tried again by the next request.
    done.catch(() => tablesOfDriver.delete(table));
    tablesOfDriver.set(table, done);
  }
  return done;
}

/** The region's counts, optionally of some localities only; keys with no application left out. */
export async function queueCounts(
  tables: RegionTables,
  regionId: string,
  localities: string[] | null,
): Promise<QueueCountRow[]> {
  await ensureQueueCounts(tables);
  const { counts } = names(tables.applications);
  const params: SqlParam[] = [regionId];
  if (localities) params.push(JSON.stringify(localities));
  const rows = await tables.sql.query<QueueCountRow & { n: string | number }>(
    `SELECT locality AS "localityId", birth_year AS "birthYear", priority, languages, status, pending,
            sum(n)::int AS n
       FROM ${counts}
      WHERE region = $1${localities ? ' AND locality IN (SELECT jsonb_array_elements_text($2::jsonb))' : ''}
      GROUP BY locality, birth_year, priority, languages, status, pending
     HAVING sum(n) > 0`,
    params,
  );
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
