import { PGlite, types } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import type { SqlDriver, SqlExecutor, SqlParam } from './driver';

/**
 * PGlite: PostgreSQL compiled to WebAssembly, running inside this process on a data folder
 * (`memory://` for a throw-away one). One connection: PGlite queues statements and transactions
 * itself, so concurrent callers simply wait their turn.
 */
export async function openPgliteDriver(dataDir: string): Promise<SqlDriver> {
  // float8 must come back as a JS number; PGlite already parses jsonb, bytea and booleans.
  const db = await PGlite.create(dataDir, { parsers: { [types.FLOAT8]: (v: string) => Number(v) } });
  let closed = false;
  const run = (target: Pick<PGlite, 'query'>): SqlExecutor => ({
    async query<Row>(sql: string, params?: readonly SqlParam[]) {
      const result = await target.query<Row>(sql, params ? [...params] : undefined);
      return result.rows;
    },
  });
  const direct = run(db);
  return {
    id: randomUUID(),
    kind: 'pglite',
    query: direct.query,
    transaction: (work) => db.transaction((tx) => work(run(tx))),
    async listen(channel, onNotify) {
      const stop = await db.listen(channel, onNotify);
      return async () => {
        if (!closed) await stop();
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
    },
    get closed() {
      return closed;
    },
  };
}
