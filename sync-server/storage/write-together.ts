import type { BulkWriteRow, RxDocumentData, RxStorageBulkWriteResponse } from 'rxdb';
import { type SqlExecutor, sqlText } from './driver';
import type { PlannedWrite, RxStorageInstancePostgres } from './rx-storage-instance-postgres';
import { StorageError } from './storage-error';
import { CHANGES_CHANNEL, REGISTRY_TABLE } from './table-layout';

type Doc = RxDocumentData<Record<string, unknown>>;

/** One table's rows in a write of several tables. */
export interface TablePart {
  instance: RxStorageInstancePostgres<unknown>;
  /**
   * The rows, or how to make them once every table of the write is locked: what no other writer of
   * these tables can change until this one commits (the audit chain's head: its next entries).
   */
  rows: BulkWriteRow<Doc>[] | ((tx: SqlExecutor) => Promise<BulkWriteRow<Doc>[]>);
  context: string;
}

/**
 * Writes several tables in one transaction of four round trips, however many tables: their registry
 * rows locked in one statement (sorted by name, so two such writes never wait for each other), their
 * stored versions read in one, every table's rows, lwt floor and change notice in one, COMMIT. Each
 * table's part is decided exactly as its own bulkWrite decides it (`planWrite`: conflicts, commit lwts,
 * rxdb's change events, emitted after the commit); this process's writes to those tables wait for each
 * other as bulkWrite's do (change-feed.ts `serialize`), taken in the same sorted order. Tables with
 * attachments are not written here. The answer is each part's bulkWrite answer, in the order given.
 *
 * Why: the action processor writes a batch's documents to half a dozen collections; one transaction
 * per collection was four round trips each (sync-server/README.md, "Where the time goes now"), and a
 * batch written in one transaction is also all or nothing.
 */
export async function writeTablesTogether(
  parts: readonly TablePart[],
): Promise<RxStorageBulkWriteResponse<unknown>[]> {
  const order = parts
    .map((_, i) => i)
    .sort((a, b) => compare(parts[a].instance.tableName, parts[b].instance.tableName));
  const tables = order.map((i) => parts[i].instance.tableName);
  if (new Set(tables).size !== tables.length) throw new Error('writeTablesTogether: one part per table');
  const driver = parts[0].instance.sql;
  for (const part of parts) {
    if (part.instance.sql !== driver) throw new Error('writeTablesTogether: tables of one database only');
    if (part.instance.schema.attachments) throw new Error('writeTablesTogether: a table with attachments');
  }
  const feed = parts[0].instance.changeFeed;

  const write = async (): Promise<RxStorageBulkWriteResponse<unknown>[]> => {
    const planned = await driver.transaction(async (tx) => {
      // Without parameters: the driver sends it together with BEGIN. Rows are locked in sorted order.
      const locks = await tx.query<{ name: string; last_lwt: number }>(
        `SELECT name, last_lwt FROM ${REGISTRY_TABLE} WHERE name IN (${tables.map(sqlText).join(', ')})
         ORDER BY name FOR UPDATE`,
      );
      const floors = new Map(locks.map((l) => [l.name, l.last_lwt]));
      for (const part of parts)
        if (!floors.has(part.instance.tableName))
          throw new StorageError('storage.removed', { collection: part.instance.collectionName });
      const rows: BulkWriteRow<Doc>[][] = [];
      for (const p of parts) rows.push(typeof p.rows === 'function' ? await p.rows(tx) : p.rows);
      // A statement of its own, after the locks: it reads what the writers before us committed.
      const ids = parts.map((p, k) => JSON.stringify(rows[k].map((r) => r.document[p.instance.primaryPath])));
      const stored = await tx.query<{ k: number; doc: Doc }>(
        parts
          .map((p, k) => `SELECT ${k} AS k, doc FROM (${p.instance.readSql(k + 1)}) AS s${k}`)
          .join(' UNION ALL '),
        ids,
      );
      const inDb: Doc[][] = parts.map(() => []);
      for (const row of stored) inDb[row.k].push(row.doc);
      const plans = parts.map((p, k) =>
        p.instance.planWrite(rows[k], p.context, inDb[k], floors.get(p.instance.tableName)!),
      );
      const writing = plans.map((plan, k) => ({ plan, k })).filter(({ plan }) => plan.newest);
      if (writing.length === 0) return plans;
      const params: (string | number)[] = [];
      const ctes = writing.map(({ plan, k }) => {
        params.push(plan.rowsJson);
        return `w${k} AS (${parts[k].instance.upsertSql(params.length)})`;
      });
      params.push(JSON.stringify(writing.map(({ plan }) => ({ name: plan.table, hi: plan.newest!.clwt }))));
      const floorsParam = params.length;
      // Process-local collections (`remoteChanges: 'none'`) have none.
      params.push(JSON.stringify(writing.map(({ plan }) => plan.notice).filter((n) => n !== '')));
      const noticesParam = params.length;
      params.push(CHANGES_CHANNEL);
      await tx.query(
        `WITH ${ctes.join(', ')},
           bump AS (UPDATE ${REGISTRY_TABLE} AS r SET last_lwt = v.hi
                    FROM json_to_recordset($${floorsParam}::json) AS v(name text, hi float8)
                    WHERE r.name = v.name RETURNING 1)
         SELECT pg_notify($${params.length}, n) FROM json_array_elements_text($${noticesParam}::json) AS n`,
        params,
      );
      return plans;
    });
    return planned.map((plan: PlannedWrite, k) => parts[k].instance.afterCommit(plan));
  };

  // This process's other writes to these tables go before or after, never in between (sorted: no cycle).
  const serialized = order.reduceRight<() => Promise<RxStorageBulkWriteResponse<unknown>[]>>(
    (inner, i) => () => feed.serialize(parts[i].instance.tableName, inner),
    write,
  );
  return serialized();
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
