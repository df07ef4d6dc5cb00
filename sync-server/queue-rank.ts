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
import { countQueue, ensureQueueMembers, type MemberFilter } from './queue-members';
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
  const matches = (a: Application) =>
    (a.status === 'waiting' || a.status === 'responded') &&
    a.localityId === localityId &&
    a.groupType === bulletin.groupType &&
    bulletin.birthYears.includes(a.birthYear) &&
    Array.isArray(a.languages) &&
    a.languages.includes(bulletin.language) &&
    !(typeof a.stopListUntil === 'string' && a.stopListUntil >= today);
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
  const table = instance.table;
  const name = `"${table.slice(1, -1).slice(0, 50)}_child_iin"`;
  await ensureServerIndex(instance.sql, {
    name,
    lock: 'index:child_iin',
    ddl: `CREATE INDEX IF NOT EXISTS ${name} ON ${table} ((doc->>'childIin')) WHERE NOT deleted`,
  });
  const rows = await instance.sql.query<{ doc: Record<string, unknown> }>(
    `SELECT doc FROM ${table} WHERE doc->>'childIin' = $1 AND NOT deleted`,
    [childIin],
  );
  return rows.map((r) => plain<Application>(r.doc));
}
