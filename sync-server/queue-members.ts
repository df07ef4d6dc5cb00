import type { SqlExecutor, SqlParam } from './storage';

/**
 * Queue numbers are counts (queue-rank.ts), and a count over the applications table itself reads every
 * member's whole JSONB document: at 200,000 applications (queues of ~10,000) one number cost ~100 ms of
 * PostgreSQL's time, and a respond (whose answer carries the number) waited seconds behind others'
 * counts. So each applications table gets a narrow companion, `<table>_queue`: one row per live
 * application with only what ranking and matching read (locality, birth year, group type, status,
 * category, filing time in ms, IIN, id, languages, stop-list end), kept by a row trigger in the same
 * transaction as every write of the storage (nothing can see one without the other), and one b-tree
 * whose order is the queue's order within a category. A count is then a range of that index — a few
 * microseconds per member instead of a JSONB document each.
 *
 * Created once per table, lazily, by whichever process first counts (under an advisory lock, with the
 * existing rows copied in the same transaction as the trigger's creation: CREATE TRIGGER holds off the
 * table's writers until it commits, so no write falls between the copy and the trigger). On PGlite the
 * same SQL runs in the one process.
 */

/** The companion table of an applications table (`"rx_…"` quoted, as the storage names it). */
export function queueTableOf(applicationsTable: string): string {
  return `"${applicationsTable.slice(1, -1).slice(0, 50)}_queue"`;
}

/**
 * One application's row from its document. Every cast is guarded: the trigger runs inside the
 * storage's write, so a value it cannot read must give NULL, never fail the write.
 */
const MEMBER_FUNCTIONS = (bare: string, queue: string) => [
  `CREATE OR REPLACE FUNCTION "${bare}_queue_ms"(at text) RETURNS double precision LANGUAGE plpgsql AS $$
   BEGIN
     RETURN floor(extract(epoch FROM at::timestamptz) * 1000);
   EXCEPTION WHEN others THEN
     RETURN NULL;
   END
   $$`,
  `CREATE OR REPLACE FUNCTION "${bare}_queue_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP = 'DELETE' THEN
       DELETE FROM ${queue} WHERE id = OLD.id;
       RETURN OLD;
     END IF;
     IF NEW.deleted THEN
       DELETE FROM ${queue} WHERE id = NEW.id;
       RETURN NEW;
     END IF;
     INSERT INTO ${queue} (${COLUMNS})
     SELECT ${memberOf('NEW.id', 'NEW.doc', bare)}
     ON CONFLICT (id) DO UPDATE SET ${COLUMNS.split(', ')
       .slice(1)
       .map((c) => `${c} = EXCLUDED.${c}`)
       .join(', ')};
     RETURN NEW;
   END
   $$`,
];

const COLUMNS =
  'id, locality, birth_year, group_type, status, cat, filed_ms, child_iin, languages, stop_list_until';

/** The companion row of a document, as SQL over `id` and `doc` expressions. */
const memberOf = (id: string, d: string, bare: string) => `${id}, ${d}->>'localityId', ${d}->>'birthYear',
  ${d}->>'groupType', ${d}->>'status',
  CASE WHEN ${d}->>'priority' IN ('extraordinary', 'primary') THEN ${d}->>'priority' ELSE 'none' END,
  "${bare}_queue_ms"(${d}->>'filedAt'), ${d}->>'childIin',
  CASE WHEN jsonb_typeof(${d}->'languages') = 'array'
       THEN ARRAY(SELECT jsonb_array_elements_text(${d}->'languages')) ELSE '{}'::text[] END,
  ${d}->>'stopListUntil'`;

const prepared = new Set<string>();

/**
 * Makes sure `table`'s companion exists, is complete and is kept by its trigger. Cheap after the first
 * call in a process (remembered per table name).
 */
export async function ensureQueueMembers(
  sql: { transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> },
  table: string,
  driverId: string,
): Promise<string> {
  const queue = queueTableOf(table);
  const key = `${driverId}|${table}`;
  if (prepared.has(key)) return queue;
  const bare = table.slice(1, -1).slice(0, 50);
  const trigger = `"${bare}_queue_keep"`;
  await sql.transaction(async (tx) => {
    // Two processes starting together: the second waits, then finds everything there.
    await tx.query("SELECT pg_advisory_xact_lock(5402, hashtext('index:queue_members'))");
    const [present] = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2',
      [table, trigger.slice(1, -1)],
    );
    if (present?.n) return;
    await tx.query(`CREATE TABLE IF NOT EXISTS ${queue} (
      id text COLLATE "C" PRIMARY KEY,
      locality text COLLATE "C",
      birth_year text COLLATE "C",
      group_type text COLLATE "C",
      status text COLLATE "C",
      cat text COLLATE "C",
      filed_ms double precision,
      child_iin text COLLATE "C",
      languages text[] NOT NULL,
      stop_list_until text COLLATE "C"
    )`);
    // The queue's order within a category; languages and the stop-list ride along for matching.
    await tx.query(
      `CREATE INDEX IF NOT EXISTS "${bare}_queue_rank" ON ${queue}
         (locality, group_type, birth_year, status, cat, filed_ms, child_iin, id) INCLUDE (languages, stop_list_until)`,
    );
    for (const statement of MEMBER_FUNCTIONS(bare, queue)) await tx.query(statement);
    // A table re-created under the same name (a test, a restore) starts from what it holds now.
    await tx.query(`DELETE FROM ${queue}`);
    await tx.query(`CREATE TRIGGER ${trigger} AFTER INSERT OR UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION ${trigger}()`);
    // The rows already there, as the trigger would have written them.
    await tx.query(
      `INSERT INTO ${queue} (${COLUMNS}) SELECT ${memberOf('id', 'doc', bare)} FROM ${table} WHERE NOT deleted`,
    );
    await tx.query(`ANALYZE ${queue}`);
  });
  prepared.add(key);
  return queue;
}

/** What a count keeps: statuses, left-out ids, and the matching queue's language and stop-list day. */
export interface MemberFilter {
  statuses: readonly string[];
  exclude: readonly string[];
  language?: string;
  notStopListedOn?: string;
}

/** The member a count ranks against: its category and its key within the category. */
export interface RankKey {
  category: string;
  filedMs: number;
  childIin: string;
  id: string;
}

/**
 * One queue's members passing `filter`, counted by category, and those of `key`'s category ahead of
 * it (filing time, IIN, id) — one range of the companion's index.
 */
export async function countQueue(
  sql: SqlExecutor,
  queue: string,
  where: { localityId: string; birthYear: number; groupType: string },
  filter: MemberFilter,
  key: RankKey,
): Promise<{ e: number; p: number; g: number; before: number }> {
  const params: SqlParam[] = [
    where.localityId,
    where.groupType,
    String(where.birthYear),
    JSON.stringify(filter.statuses),
    JSON.stringify(filter.exclude),
    key.category,
    key.filedMs,
    key.childIin,
    key.id,
  ];
  let extra = '';
  if (filter.language !== undefined) {
    params.push(filter.language);
    extra += ` AND $${params.length} = ANY(languages)`;
  }
  if (filter.notStopListedOn !== undefined) {
    params.push(filter.notStopListedOn);
    extra += ` AND (stop_list_until IS NULL OR stop_list_until < $${params.length})`;
  }
  const [row] = await sql.query<{ e: number; p: number; g: number; before: number }>(
    `SELECT count(*) FILTER (WHERE cat = 'extraordinary')::int AS e,
            count(*) FILTER (WHERE cat = 'primary')::int AS p,
            count(*) FILTER (WHERE cat = 'none')::int AS g,
            count(*) FILTER (WHERE cat = $6 AND (filed_ms, child_iin, id) < ($7::float8, $8 COLLATE "C", $9 COLLATE "C"))::int AS before
       FROM ${queue}
      WHERE locality = $1 AND group_type = $2 AND birth_year = $3
        AND status = ANY(ARRAY(SELECT jsonb_array_elements_text($4::jsonb)))
        AND NOT (id = ANY(ARRAY(SELECT jsonb_array_elements_text($5::jsonb))))${extra}`,
    params,
  );
  return row;
}

/** A member a statement ranks, as SQL expressions over the statement's own rows (`m.id`, …). */
export interface MemberSql {
  locality: string;
  groupType: string;
  birthYear: string;
  category: string;
  filedMs: string;
  childIin: string;
  id: string;
}

/**
 * `countQueue`'s counts as a subquery over SQL expressions (for LATERAL): one statement then answers
 * the numbers of many members — a parent's applications, a child's — in one round trip. Members with
 * a status in `statuses` (a SQL text[] expression) count; the member itself does not.
 */
export function queueCountsSql(queue: string, m: MemberSql, statuses: string): string {
  return `SELECT count(*) FILTER (WHERE q.cat = 'extraordinary')::int AS e,
            count(*) FILTER (WHERE q.cat = 'primary')::int AS p,
            count(*) FILTER (WHERE q.cat = 'none')::int AS g,
            count(*) FILTER (WHERE q.cat = ${m.category}
              AND (q.filed_ms, q.child_iin, q.id) < (${m.filedMs}, ${m.childIin} COLLATE "C", ${m.id} COLLATE "C"))::int AS before
       FROM ${queue} q
      WHERE q.locality = ${m.locality} AND q.group_type = ${m.groupType} AND q.birth_year = ${m.birthYear}
        AND q.status = ANY(${statuses}) AND q.id <> ${m.id}`;
}

/**
 * The same four counts over a bulletin's matching queue (its birth years, `years` a SQL text[]
 * expression; waiting or responded; its language; not stop-listed on `today`), each stopped at `limit`
 * members: whether a member's place is within a bulletin's free places needs no more than that many
 * (queue-rank.ts, `placesWithinFreePlaces`), so the cost is the bulletin's places, not the queue's
 * length. Each birth year and status is its own range of the index, every column an equality (an
 * array condition there left PostgreSQL walking the whole locality); a count capped per range and
 * capped again in sum is the count capped.
 */
export function cappedMatchingCountsSql(
  queue: string,
  m: Omit<MemberSql, 'birthYear'> & { years: string; language: string; today: string; limit: string },
): string {
  const base = `FROM ${queue} q
      WHERE q.locality = ${m.locality} AND q.group_type = ${m.groupType} AND q.birth_year = y.year
        AND q.status = s.status AND q.id <> ${m.id} AND ${m.language} = ANY(q.languages)
        AND (q.stop_list_until IS NULL OR q.stop_list_until < ${m.today})`;
  const capped = (condition: string) =>
    `(SELECT count(*) FROM (SELECT 1 ${base} AND ${condition} LIMIT ${m.limit}) x)`;
  const total = (column: string) => `least(coalesce(sum(k.${column}), 0), ${m.limit})::int AS ${column}`;
  return `SELECT ${total('e')}, ${total('p')}, ${total('g')}, ${total('before')}
       FROM unnest(${m.years}) AS y(year) CROSS JOIN unnest(ARRAY['waiting', 'responded']) AS s(status)
       CROSS JOIN LATERAL (
         SELECT ${capped(`q.cat = 'extraordinary'`)} AS e, ${capped(`q.cat = 'primary'`)} AS p,
                ${capped(`q.cat = 'none'`)} AS g,
                ${capped(`q.cat = ${m.category}
                  AND (q.filed_ms, q.child_iin, q.id) < (${m.filedMs}, ${m.childIin} COLLATE "C", ${m.id} COLLATE "C")`)} AS before) k`;
}
