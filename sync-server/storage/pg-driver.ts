import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ListenGap, SqlDriver, SqlExecutor, SqlParam } from './driver';

/** How long a lost LISTEN connection waits before it reconnects. */
const RELISTEN_DELAY_MS = 500;

/**
 * A real PostgreSQL through `pg`: a pool for statements and transactions, plus one dedicated connection
 * that LISTENs, so several server processes on one database hear each other's writes
 * (docs/architecture.md: "change stream via LISTEN/NOTIFY so several stateless server instances stay live").
 */
export async function openPgDriver(url: string, poolSize = 8): Promise<SqlDriver> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // Fail early with the server's own message when the URL is wrong.
  await pool.query('SELECT 1');

  let closed = false;
  const listeners = new Map<string, Set<(payload: string) => void>>();
  const gaps = new Set<ListenGap>();
  let lostOnce = false;
  let listener: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;

  const quote = (channel: string) => `"${channel.replace(/"/g, '""')}"`;

  async function connectListener(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (msg) => {
      const set = listeners.get(msg.channel);
      if (set && msg.payload !== undefined) for (const fn of set) fn(msg.payload);
    });
    // The server went away (restart, failover, an idle timeout): reconnect and LISTEN again, unless we
    // are closing. pg reports it as 'error' or, on a clean close by the server, only as 'end'.
    const lost = () => {
      if (listener !== client) return;
      listener = undefined;
      client.end().catch(() => {});
      if (closed) return;
      lostOnce = true;
      for (const gap of gaps) gap.lost();
      const retry = () =>
        ensureListener().catch(() => {
          if (!closed) setTimeout(retry, RELISTEN_DELAY_MS);
        });
      setTimeout(retry, RELISTEN_DELAY_MS);
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
    } catch (error) {
      client.end().catch(() => {});
      throw error;
    }
    for (const channel of listeners.keys()) await client.query(`LISTEN ${quote(channel)}`);
    listener = client;
    if (lostOnce) for (const gap of gaps) gap.resumed();
    return client;
  }

  function ensureListener(): Promise<pg.Client> {
    if (listener) return Promise.resolve(listener);
    connecting ??= connectListener().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  const statements = new PreparedNames();
  const executor = (client: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query<Row>(sql: string, params?: readonly SqlParam[]) {
      const values = params ? [...params] : undefined;
      const name = values && values.length > 0 ? statements.nameOf(sql) : undefined;
      const result = await client.query(name ? { name, text: sql, values } : { text: sql, values });
      return result.rows as Row[];
    },
  });
  const direct = executor(pool);

  return {
    id: randomUUID(),
    kind: 'pg',
    query: direct.query,
    async transaction(work) {
      const client = await pool.connect();
      const inner = executor(client);
      let begun = false;
      // BEGIN travels with the transaction's first statement when that one has no parameters (the
      // storage's table lock, the coordination's advisory locks): one round trip instead of two. Every
      // round trip on loopback is a `writev` and a wake-up of PostgreSQL's backend, the largest single
      // item in a respond's CPU profile.
      const tx: SqlExecutor = {
        async query<Row>(sql: string, params?: readonly SqlParam[]) {
          if (begun) return inner.query<Row>(sql, params);
          begun = true;
          if (params && params.length > 0) {
            await client.query('BEGIN');
            return inner.query<Row>(sql, params);
          }
          const results = (await client.query(`BEGIN; ${sql}`)) as unknown as pg.QueryResult[];
          return results[results.length - 1].rows as Row[];
        },
      };
      try {
        const result = await work(tx);
        if (begun) await client.query('COMMIT');
        return result;
      } catch (error) {
        if (begun) await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onNotify, gap) {
      if (gap) gaps.add(gap);
      let set = listeners.get(channel);
      const first = !set;
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(onNotify);
      const client = await ensureListener();
      if (first && listener === client && !connecting) await client.query(`LISTEN ${quote(channel)}`);
      return async () => {
        if (gap) gaps.delete(gap);
        const current = listeners.get(channel);
        current?.delete(onNotify);
        if (current && current.size === 0) {
          listeners.delete(channel);
          if (listener && !closed) await listener.query(`UNLISTEN ${quote(channel)}`).catch(() => {});
        }
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => {});
      await pool.end();
    },
    get closed() {
      return closed;
    },
  };
}

/**
 * Names for the statements worth preparing: a parameterised text seen a second time is sent as a
 * named statement, which PostgreSQL parses and plans once per connection instead of on every call
 * (the storage's reads and writes repeat the same few texts per table). Bounded: texts that embed
 * values (a LIMIT) stay unnamed once the set is full, so no connection accumulates statements without end.
 */
class PreparedNames {
  private readonly seen = new Map<string, string | null>();

  nameOf(sql: string): string | undefined {
    const known = this.seen.get(sql);
    if (known) return known;
    if (known === undefined) {
      if (this.seen.size < MAX_PREPARED) this.seen.set(sql, null);
      return undefined;
    }
    const name = `oryn_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    this.seen.set(sql, name);
    return name;
  }
}

/** Statement texts remembered (and at most prepared) per driver. */
const MAX_PREPARED = 2_000;
