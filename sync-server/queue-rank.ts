import type { RxDatabase } from 'rxdb';
import {
  almatyDayOfMs,
  positionFromCounts,
  QUEUE_STATUSES,
  queueNumber,
  rankApplications,
  rankCategory,
} from '../src/domain';
import type { Application, Bulletin } from '../src/schema';
import { collection } from './database';
import {
  cappedMatchingCountsSql,
  countQueue,
  ensureQueueMembers,
  type MemberFilter,
  type MemberSql,
  queueCountsSql,
} from './queue-members';
import { ensureServerIndex, postgresInstanceOf } from './server-sql';
import type { RxStorageInstancePostgres } from './storage';
import { plain, readAll } from './store';

/**
 * Queue numbers from counts over the queue's index, not by ranking the queue (issue 12: the cost of a
 * number must not grow with the queue). One SQL statement counts the queue's members by category and
 * those of the member's category ahead of it (filing time, IIN, id — the order of src/domain/queue.ts),
 * over a narrow companion table the database keeps beside the applications (queue-members.ts);
 * `positionFromCounts` turns that into the number rankApplications would give (a property test holds
 * the two together). On storages without SQL (rxdb's memory storage in quick tests) the queue is ranked.
 */

type Member = Pick<
  Application,
  'id' | 'priority' | 'filedAt' | 'childIin' | 'localityId' | 'birthYear' | 'groupType' | 'status'
>;

/** The PostgreSQL instance under a collection's wrappers, if the database runs on our storage. */
function postgresInstance(db: RxDatabase): RxStorageInstancePostgres<Application> | undefined {
  return postgresInstanceOf(collection(db, 'applications'));
}

/**
 * The 1-based number of `member` in its queue as stored, or null when its status holds none. Members
 * in `others` (documents a batch of actions has changed but not yet written) replace their stored
 * versions: the stored ones of those ids are left out of the counts and these are counted instead.
 */
export async function queuePosition(
  db: RxDatabase,
  member: Member,
  others: readonly Member[] = [],
): Promise<number | null> {
  if (!QUEUE_STATUSES.includes(member.status)) return null;
  const sameQueue = (a: Member) =>
    a.localityId === member.localityId &&
    a.birthYear === member.birthYear &&
    a.groupType === member.groupType;
  const local = others.filter((a) => a.id !== member.id && sameQueue(a));
  const instance = postgresInstance(db);
  if (!instance) {
    const stored = await readAll(collection(db, 'applications'), {
      localityId: member.localityId,
      birthYear: member.birthYear,
      groupType: member.groupType,
    });
    const replaced = new Set([member.id, ...local.map((a) => a.id)]);
    return queueNumber(member.id, [...stored.filter((a) => !replaced.has(a.id)), ...local, member]);
  }
  const row = await countAhead(instance, member, member.birthYear, {
    statuses: QUEUE_STATUSES,
    exclude: [member.id, ...local.map((a) => a.id)],
  });
  const category = rankCategory(member.priority);
  const counts = { extraordinary: row.e, primary: row.p, none: row.g };
  let before = row.before;
  const ahead = keyAhead(member);
  for (const a of local) {
    if (!QUEUE_STATUSES.includes(a.status)) continue;
    const c = rankCategory(a.priority);
    counts[c]++;
    if (c === category && ahead(a)) before++;
  }
  // The member itself, counted in its own category.
  counts[category]++;
  return positionFromCounts(category, counts, before);
}

type Filter = MemberFilter;

/** Makes the queue companion table now, where the database has one (else nothing). */
export async function prepareQueueCounts(db: RxDatabase): Promise<void> {
  const instance = postgresInstance(db);
  if (instance) await ensureQueueMembers(instance.sql, instance.table, instance.sql.id);
}

/**
 * One queue's members (locality × `birthYear` × group type) passing `filter`, counted by category, and
 * those of `member`'s category ranking ahead of it — one range of the queue companion's index
 * (queue-members.ts), never the members' documents.
 */
async function countAhead(
  instance: RxStorageInstancePostgres<Application>,
  member: Member,
  birthYear: number,
  filter: Filter,
): Promise<{ e: number; p: number; g: number; before: number }> {
  const sql = instance.sql;
  const queue = await ensureQueueMembers(sql, instance.table, sql.id);
  const filedMs = Date.parse(member.filedAt);
  return countQueue(
    sql,
    queue,
    { localityId: member.localityId, birthYear, groupType: member.groupType },
    filter,
    {
      category: rankCategory(member.priority),
      filedMs: Number.isFinite(filedMs) ? filedMs : Number.MAX_VALUE,
      childIin: member.childIin,
      id: member.id,
    },
  );
}

/**
 * The application's 1-based position in a bulletin's matching queue (src/domain/matching.ts
 * `matchingQueue`: the bulletin's birth years at its kindergarten's locality and group type, its
 * language, waiting or responded, not stop-listed), counted over the queues' index; 0 when the
 * application is not in it. What canRespond needs during a priority window (`queuePosition`), and
 * a parent's eligibility, without ranking the queues. On storages without SQL the queues are ranked.
 */
export async function matchingPosition(
  db: RxDatabase,
  app: Application,
  bulletin: Pick<Bulletin, 'birthYears' | 'language' | 'groupType' | 'localityId'>,
  localityId: string,
  nowMs: number,
  others: readonly Application[] = [],
): Promise<number> {
  const today = almatyDayOfMs(nowMs);
  const matches = (a: Application) => inMatchingQueue(a, bulletin, localityId, today);
  if (!matches(app)) return 0;
  const local = others.filter((a) => a.id !== app.id);
  const instance = postgresInstance(db);
  if (!instance) {
    const stored: Application[] = [];
    for (const birthYear of bulletin.birthYears)
      stored.push(
        ...(await readAll(collection(db, 'applications'), {
          localityId,
          birthYear,
          groupType: bulletin.groupType,
        })),
      );
    const replaced = new Set([app.id, ...local.map((a) => a.id)]);
    const queue = [...stored.filter((a) => !replaced.has(a.id)), ...local, app].filter(matches);
    return rankApplications(queue).findIndex((a) => a.id === app.id) + 1;
  }
  const counts = { extraordinary: 0, primary: 0, none: 0 };
  let before = 0;
  const category = rankCategory(app.priority);
  for (const birthYear of new Set(bulletin.birthYears)) {
    const row = await countAhead(instance, { ...app, localityId }, birthYear, {
      statuses: ['waiting', 'responded'],
      exclude: [app.id, ...local.map((a) => a.id)],
      language: bulletin.language,
      notStopListedOn: today,
    });
    counts.extraordinary += row.e;
    counts.primary += row.p;
    counts.none += row.g;
    before += row.before;
  }
  const ahead = keyAhead(app);
  for (const a of local) {
    if (!matches(a)) continue;
    const c = rankCategory(a.priority);
    counts[c]++;
    if (c === category && ahead(a)) before++;
  }
  counts[category]++;
  return positionFromCounts(category, counts, before);
}

/** Whether `a` is in a bulletin's matching queue (src/domain/matching.ts `matchingQueue`) on `today`. */
function inMatchingQueue(
  a: Application,
  bulletin: Pick<Bulletin, 'birthYears' | 'language' | 'groupType'>,
  localityId: string,
  today: string,
): boolean {
  return (
    (a.status === 'waiting' || a.status === 'responded') &&
    a.localityId === localityId &&
    a.groupType === bulletin.groupType &&
    bulletin.birthYears.includes(a.birthYear) &&
    Array.isArray(a.languages) &&
    a.languages.includes(bulletin.language) &&
    !(typeof a.stopListUntil === 'string' && a.stopListUntil >= today)
  );
}

/** Whether `a` ranks ahead of `member` within one category: filing time, IIN, id. */
function keyAhead(member: Pick<Member, 'filedAt' | 'childIin' | 'id'>) {
  const msOf = (at: string) => {
    const ms = Date.parse(at);
    return Number.isFinite(ms) ? ms : Number.MAX_VALUE;
  };
  const mine = msOf(member.filedAt);
  return (a: Pick<Member, 'filedAt' | 'childIin' | 'id'>) => {
    const ms = msOf(a.filedAt);
    return ms !== mine
      ? ms < mine
      : a.childIin !== member.childIin
        ? a.childIin < member.childIin
        : a.id < member.id;
  };
}

/**
 * A child's applications in every locality (the one-active-application-per-child rule), by the child's
 * IIN: on our storage one lookup on an expression index `(doc->>'childIin')` the server keeps next to
 * rxdb's own indexes (created once, idempotent across processes), not a scan of a locality's queues;
 * on rxdb's memory storage a query.
 */
export async function applicationsOfChild(db: RxDatabase, childIin: string): Promise<Application[]> {
  const instance = postgresInstance(db);
  if (!instance) return readAll(collection(db, 'applications'), { childIin });
  await ensureChildIinIndex(instance);
  const rows = await instance.sql.query<{ doc: Record<string, unknown> }>(
    `SELECT doc FROM ${instance.table} WHERE doc->>'childIin' = $1 AND NOT deleted`,
    [childIin],
  );
  return rows.map((r) => plain<Application>(r.doc));
}

/** The expression index `(doc->>'childIin')` applicationsOfChild reads. */
async function ensureChildIinIndex(instance: RxStorageInstancePostgres<Application>): Promise<void> {
  const table = instance.table;
  const name = `"${table.slice(1, -1).slice(0, 50)}_child_iin"`;
  await ensureServerIndex(instance.sql, {
    name,
    lock: 'index:child_iin',
    ddl: `CREATE INDEX IF NOT EXISTS ${name} ON ${table} ((doc->>'childIin')) WHERE NOT deleted`,
  });
}

/**
 * A child's applications with their queue numbers ("Очередь в ДДО"): on our storage one statement —
 * the child-IIN index and each application's queue counted over the companion's index — instead of
 * one lookup and one count per application.
 */
export async function numberedApplicationsOfChild(
  db: RxDatabase,
  childIin: string,
): Promise<{ app: Application; queueNumber: number | null }[]> {
  const instance = postgresInstance(db);
  const numbers = await storedQueueNumbers(db);
  if (!instance || !numbers) {
    const apps = await applicationsOfChild(db, childIin);
    return Promise.all(apps.map(async (app) => ({ app, queueNumber: await queuePosition(db, app) })));
  }
  await ensureChildIinIndex(instance);
  const rows = await instance.sql.query<{ doc: Record<string, unknown> } & NumberColumns>(
    `SELECT a.doc, ${numbers.columns} FROM ${instance.table} a ${numbers.join('a.id')}
      WHERE a.doc->>'childIin' = $1 AND NOT a.deleted`,
    [childIin],
  );
  return rows.map((row) => ({ app: plain<Application>(row.doc), queueNumber: numbers.numberOf(row) }));
}

/**
 * The queue numbers of stored applications, each as queuePosition answers it (null outside the
 * queue's statuses): on our storage one statement over the queue companion's index for any number of
 * them — a supervisor's view of a bulletin numbers its responders, about twenty still queued per
 * published bulletin at 200,000 applications — instead of one count per application, each a round
 * trip; on rxdb's memory storage queuePosition for each.
 */
export async function storedQueuePositions(
  db: RxDatabase,
  apps: readonly Application[],
): Promise<Map<string, number | null>> {
  const instance = postgresInstance(db);
  const numbers = await storedQueueNumbers(db);
  const out = new Map<string, number | null>(apps.map((a) => [a.id, null]));
  if (!instance || !numbers) {
    for (const a of apps) out.set(a.id, await queuePosition(db, a));
    return out;
  }
  if (apps.length === 0) return out;
  const rows = await instance.sql.query<{ id: string } & NumberColumns>(
    `SELECT m.id, ${numbers.columns} FROM jsonb_array_elements_text($1::jsonb) AS m(id)
       JOIN ${instance.table} a ON a.id = m.id AND NOT a.deleted
       ${numbers.join('a.id')}`,
    [JSON.stringify([...out.keys()])],
  );
  for (const row of rows) out.set(row.id, numbers.numberOf(row));
  return out;
}

/** The counts of one member's queue, as the SQL of queue-members.ts answers them (the member left out). */
interface QueueRow {
  e: number;
  p: number;
  g: number;
  before: number;
}

/** A member's number from its queue's counts: the member itself counted in its own category. */
function positionOf(member: Pick<Member, 'priority'>, row: QueueRow): number {
  const category = rankCategory(member.priority);
  const counts = { extraordinary: row.e, primary: row.p, none: row.g };
  counts[category]++;
  return positionFromCounts(category, counts, row.before);
}

/** The key a statement ranks a member by, as `jsonb_to_recordset` reads it (columns `KEY_COLUMNS`). */
function keyOf(member: Member) {
  const filedMs = Date.parse(member.filedAt);
  return {
    locality: member.localityId,
    group_type: member.groupType,
    birth_year: String(member.birthYear),
    cat: rankCategory(member.priority),
    filed_ms: Number.isFinite(filedMs) ? filedMs : Number.MAX_VALUE,
    child_iin: member.childIin,
    id: member.id,
  };
}

const KEY_COLUMNS =
  'locality text, group_type text, birth_year text, cat text, filed_ms float8, child_iin text, id text';
/** The member as the columns of a `jsonb_to_recordset(…) AS m(…KEY_COLUMNS)` row. */
const KEYED: MemberSql = {
  locality: 'm.locality',
  groupType: 'm.group_type',
  birthYear: 'm.birth_year',
  category: 'm.cat',
  filedMs: 'm.filed_ms',
  childIin: 'm.child_iin',
  id: 'm.id',
};
/** The member as its own row of the companion table (alias `mq`), as queuePosition keys a document. */
const STORED: MemberSql = {
  locality: 'mq.locality',
  groupType: 'mq.group_type',
  birthYear: 'mq.birth_year',
  category: 'mq.cat',
  filedMs: `coalesce(mq.filed_ms, ${Number.MAX_VALUE})`,
  childIin: 'mq.child_iin',
  id: 'mq.id',
};
const QUEUE_STATUS_ARRAY = `ARRAY[${QUEUE_STATUSES.map((s) => `'${s}'`).join(', ')}]::text[]`;

/** The columns `StoredNumbers.columns` adds to a reader's row. */
export interface NumberColumns {
  q_cat: string | null;
  q_e: number | null;
  q_p: number | null;
  q_g: number | null;
  q_before: number | null;
}

/**
 * Queue numbers of stored applications inside a reader's own statement (a parent's page reads its
 * applications' responses, referrals and numbers in one round trip): `join(id)` adds, for the
 * application whose id is the SQL expression `id`, its companion row and its queue's counts;
 * `columns` selects them; `numberOf` turns a row into the number queuePosition gives the stored
 * document (null without one).
 */
export interface StoredNumbers {
  join(id: string): string;
  columns: string;
  numberOf(row: NumberColumns): number | null;
}

/** StoredNumbers on our storage; undefined on storages without SQL (ask queuePosition there). */
export async function storedQueueNumbers(db: RxDatabase): Promise<StoredNumbers | undefined> {
  const instance = postgresInstance(db);
  if (!instance) return undefined;
  const queue = await ensureQueueMembers(instance.sql, instance.table, instance.sql.id);
  return {
    join: (id) => `LEFT JOIN ${queue} mq ON mq.id = ${id}
      LEFT JOIN LATERAL (${queueCountsSql(queue, STORED, QUEUE_STATUS_ARRAY)}) qc ON mq.status = ANY(${QUEUE_STATUS_ARRAY})`,
    columns: 'mq.cat AS q_cat, qc.e AS q_e, qc.p AS q_p, qc.g AS q_g, qc.before AS q_before',
    numberOf: (row) =>
      row.q_e === null || row.q_cat === null
        ? null
        : positionOf(
            { priority: row.q_cat as Member['priority'] },
            { e: row.q_e, p: row.q_p ?? 0, g: row.q_g ?? 0, before: row.q_before ?? 0 },
          ),
  };
}

/** An application that may respond to a bulletin, and the bulletin (with its kindergarten's locality). */
export interface PlacesQuestion {
  app: Application;
  bulletin: Pick<Bulletin, 'birthYears' | 'language' | 'groupType' | 'localityId' | 'freePlaces'>;
  localityId: string;
}

/**
 * For each question, the application's 1-based place in the bulletin's matching queue when it is
 * within the bulletin's free places — what canRespond asks during a priority window — else null (not
 * in that queue, or behind the places). A parent's bulletin list asks this for every bulletin in its
 * window, so on our storage all are answered in one statement, and each count stops once it reaches
 * the bulletin's free places: positionFromCounts never decreases as a count grows, and a count that
 * reaches the places already puts the member past them, so a place within them comes out exact and
 * one past them comes out past them (a test holds this against matchingPosition). Its cost is then the
 * places', not the queue's length.
 */
export async function placesWithinFreePlaces(
  db: RxDatabase,
  questions: readonly PlacesQuestion[],
  nowMs: number,
): Promise<(number | null)[]> {
  const instance = postgresInstance(db);
  const today = almatyDayOfMs(nowMs);
  const places = (q: PlacesQuestion) =>
    typeof q.bulletin.freePlaces === 'number' ? Math.floor(q.bulletin.freePlaces) : 0;
  const within = (q: PlacesQuestion, position: number) =>
    position >= 1 && position <= places(q) ? position : null;
  if (!instance) {
    const out: (number | null)[] = [];
    for (const q of questions)
      out.push(within(q, await matchingPosition(db, q.app, q.bulletin, q.localityId, nowMs)));
    return out;
  }
  const out: (number | null)[] = questions.map(() => null);
  // Not in the matching queue (matchingPosition's 0), or no places: null without a count.
  const asked = questions
    .map((q, i) => ({ q, i }))
    .filter(({ q }) => places(q) >= 1 && inMatchingQueue(q.app, q.bulletin, q.localityId, today));
  if (asked.length === 0) return out;
  const queue = await ensureQueueMembers(instance.sql, instance.table, instance.sql.id);
  const counts = cappedMatchingCountsSql(queue, {
    ...KEYED,
    years: 'm.years',
    language: 'm.language',
    today: 'm.today',
    limit: 'm.places',
  });
  // Bulletins asking about the same matching queue (one application; the same town, birth years and
  // language: a town's bulletins share a few) are counted once, to the largest of their places: a count
  // capped higher still answers exactly up to each smaller number of places.
  const groups = new Map<string, { q: PlacesQuestion; years: string[]; places: number; asked: number[] }>();
  for (const { q, i } of asked) {
    const years = [...new Set(q.bulletin.birthYears)].sort((a, b) => a - b).map(String);
    const key = JSON.stringify([q.app.id, q.localityId, years, q.bulletin.language]);
    const group = groups.get(key) ?? { q, years, places: 0, asked: [] };
    group.places = Math.max(group.places, places(q));
    group.asked.push(i);
    groups.set(key, group);
  }
  const list = [...groups.values()];
  const keys = list.map((g, i) => ({
    i,
    ...keyOf({ ...g.q.app, localityId: g.q.localityId }),
    years: g.years,
    language: g.q.bulletin.language,
    today,
    places: g.places,
  }));
  const rows = await instance.sql.query<QueueRow & { i: number }>(
    `SELECT m.i, c.e, c.p, c.g, c.before
       FROM jsonb_to_recordset($1::jsonb)
         AS m(i int, ${KEY_COLUMNS}, years text[], language text, today text, places int)
       CROSS JOIN LATERAL (${counts}) c`,
    [JSON.stringify(keys)],
  );
  for (const row of rows) {
    const group = list[row.i];
    const position = positionOf(group.q.app, row);
    for (const i of group.asked) out[i] = within(questions[i], position);
  }
  return out;
}
