import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgDriver, type SqlDriver, sqlText } from '../../../sync-server/storage';
import { type PostgresServer, startPostgres } from './postgres-server';

// The pg driver saves round trips (pg-driver.ts): BEGIN goes out with a transaction's first statement
// when that one has no parameters, and a parameterised text seen again is a named, prepared statement.
// Neither may change what a statement or a transaction does.
let server: PostgresServer;
let sql: SqlDriver;

beforeAll(async () => {
  server = await startPostgres();
  sql = await openPgDriver(server.url, 2);
  await sql.query('CREATE TABLE driver_probe (n int PRIMARY KEY, note text)');
});

afterAll(async () => {
  await sql?.close();
  await server?.stop();
});

describe('the pg driver', () => {
  it('runs a first statement without parameters inside the transaction, and rolls it back on failure', async () => {
    await expect(
      sql.transaction(async (tx) => {
        const rows = await tx.query<{ n: number }>('INSERT INTO driver_probe (n) VALUES (1) RETURNING n');
        expect(rows).toEqual([{ n: 1 }]);
        await tx.query('INSERT INTO driver_probe (n) VALUES ($1)', [2]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await sql.query('SELECT n FROM driver_probe')).toEqual([]);

    const answer = await sql.transaction(async (tx) => {
      const [row] = await tx.query<{ n: number }>(
        `INSERT INTO driver_probe (n, note) VALUES (3, ${sqlText("it's")}) RETURNING n`,
      );
      return row.n;
    });
    expect(answer).toBe(3);
    expect(await sql.query('SELECT n, note FROM driver_probe')).toEqual([{ n: 3, note: "it's" }]);
  });

  it('prepares a parameterised statement it runs again, with the same answers', async () => {
    const text = 'SELECT n, note FROM driver_probe WHERE n = $1';
    const prepared = await sql.transaction(async (tx) => {
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await tx.query(text, [3]));
      expect(answers).toEqual([[{ n: 3, note: "it's" }], [{ n: 3, note: "it's" }], [{ n: 3, note: "it's" }]]);
      return tx.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
    });
    expect(prepared.map((p) => p.statement)).toContain(text);
    expect(await sql.query(text, [4])).toEqual([]);
  });
});
