import type { SqlDriver, SqlExecutor, SqlParam } from '../../sync-server/storage';

/** Every transaction the driver runs, as the list of its statements. */
export function recordTransactions(driver: SqlDriver): { transactions: string[][]; stop(): void } {
  const original = driver.transaction;
  const transactions: string[][] = [];
  driver.transaction = <T>(work: (tx: SqlExecutor) => Promise<T>) =>
    original<T>((tx) => {
      const statements: string[] = [];
      transactions.push(statements);
      return work({
        query: <Row>(sql: string, params?: readonly SqlParam[]) => {
          statements.push(sql);
          return tx.query<Row>(sql, params);
        },
      });
    });
  return {
    transactions,
    stop: () => {
      driver.transaction = original;
    },
  };
}
