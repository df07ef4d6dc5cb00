import { normalizeMangoQuery, prepareQuery, type RxDatabase } from 'rxdb';
import { positionFromCounts, QUEUE_STATUSES, queueNumber, rankCategory } from '../src/domain';
import type { Application } from '../src/schema';
import { collection } from './database';
import { RxStorageInstancePostgres } from './storage';
import { readAll } from './store';

/**
 * Queue numbers from counts over the queue's index, not by ranking the queue (issue 12: the cost of a
 * number must not grow with the queue). One SQL statement counts the queue's members by category and
 * those of the member's category ahead of it (filing time, IIN, id — the order of src/domain/queue.ts);
 * `positionFromCounts` turns that into the number rankApplications would give (a property test holds
 * the two together). On storages without SQL (rxdb's memory storage in quick tests) the queue is ranked.
 */

type Member = Pick<
  Application,
  'id' | 'priority' | 'filedAt' | 'childIin' | 'localityId' | 'birthYear' | 'groupType' | 'status'
>;

/** The PostgreSQL instance under a collection's wrappers, if the database runs on our storage. */
function postgresInstance(db: RxDatabase): RxStorageInstancePostgres<Application> | undefined {
  let instance: unknown = collection(db, 'applications').storageInstance;
  while (instance && !(instance instanceof RxStorageInstancePostgres))
    instance = (instance as { originalStorageInstance?: unknown }).originalStorageInstance;
  return instance as RxStorageInstancePostgres<Application> | undefined;
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
  const schema = collection(db, 'applications').schema.jsonSchema;
  const range = instance.indexRange(
    prepareQuery(
      schema as never,
      normalizeMangoQuery(
        schema as never,
        {
          selector: {
            localityId: member.localityId,
            birthYear: member.birthYear,
            groupType: member.groupType,
            _deleted: { $eq: false },
          },
        } as never,
      ),
    ) as never,
  );
  if (!range) throw new Error('the applications table has no queue index');
  const category = rankCategory(member.priority);
  const filedMs = Date.parse(member.filedAt);
  const [row] = await instance.sql.query<{ e: number; p: number; g: number; before: number }>(
    `WITH q AS (
       SELECT CASE WHEN doc->>'priority' IN ('extraordinary', 'primary') THEN doc->>'priority' ELSE 'none' END AS cat,
              floor(extract(epoch FROM (doc->>'filedAt')::timestamptz) * 1000) AS ms,
              doc->>'childIin' AS iin, id
         FROM ${range.table}
        WHERE ${range.where} AND (doc->'status') <@ $3::jsonb AND NOT (to_jsonb(id) <@ $4::jsonb))
     SELECT count(*) FILTER (WHERE cat = 'extraordinary')::int AS e,
            count(*) FILTER (WHERE cat = 'primary')::int AS p,
            count(*) FILTER (WHERE cat = 'none')::int AS g,
            count(*) FILTER (WHERE cat = $5 AND (ms, iin COLLATE "C", id COLLATE "C") < ($6::float8, $7 COLLATE "C", $8 COLLATE "C"))::int AS before
       FROM q`,
    [
      ...range.params,
      JSON.stringify(QUEUE_STATUSES),
      JSON.stringify([member.id, ...local.map((a) => a.id)]),
      category,
      Number.isFinite(filedMs) ? filedMs : Number.MAX_VALUE,
      member.childIin,
      member.id,
    ],
  );
  const counts = { extraordinary: row.e, primary: row.p, none: row.g };
  let before = row.before;
  const ahead = (a: Member) => {
    const ms = Date.parse(a.filedAt);
    const [x, y] = [
      Number.isFinite(ms) ? ms : Number.MAX_VALUE,
      Number.isFinite(filedMs) ? filedMs : Number.MAX_VALUE,
    ];
    return x !== y ? x < y : a.childIin !== member.childIin ? a.childIin < member.childIin : a.id < member.id;
  };
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
