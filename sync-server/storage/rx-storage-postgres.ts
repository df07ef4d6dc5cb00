import { ensureRxStorageInstanceParamsAreCorrect, RXDB_VERSION } from 'rxdb';
import type { RxStorage, RxStorageInstanceCreationParams } from 'rxdb';
import { changeFeedOf } from './change-feed';
import type { SqlDriver } from './driver';
import { getDriver, type PostgresStorageTarget } from './driver-registry';
import {
  type PostgresInstanceOptions,
  type PostgresStorageInternals,
  RxStorageInstancePostgres,
  remoteReaderFor,
} from './rx-storage-instance-postgres';
import { scopeIndexesOf, tableLayoutFor } from './table-layout';
import { ensureTables } from './table-setup';

export type PostgresStorageOptions = PostgresStorageTarget;

export interface RxStoragePostgres extends RxStorage<PostgresStorageInternals, PostgresInstanceOptions> {
  /**
   * The driver under this storage, for the server's own statements on the same database (the scheduler's
   * `pg_try_advisory_lock` leader election). Opened on first use.
   */
  driver(): Promise<SqlDriver>;
  /** Closes this storage's driver (and with it every instance's connection). */
  close(): Promise<void>;
}

/**
 * rxdb's RxStorage on PostgreSQL. `{ dataDir }` runs embedded PGlite in that folder (`'memory://'` for
 * a throw-away database); `{ url }` uses a real PostgreSQL through `pg`; `{ driver }` uses a driver the
 * caller opened. See README.md for the design.
 */
export function getRxStoragePostgres(options: PostgresStorageOptions): RxStoragePostgres {
  let driverPromise: Promise<SqlDriver> | undefined;
  const driver = async (): Promise<SqlDriver> => {
    driverPromise ??= getDriver(options);
    const current = await driverPromise;
    // A shared driver closed elsewhere (closeAllDrivers, another storage's close) is opened again.
    if (current.closed && !('driver' in options)) {
      driverPromise = undefined;
      return driver();
    }
    return current;
  };

  return {
    name: 'postgres',
    rxdbVersion: RXDB_VERSION,
    driver,
    async close() {
      if (!driverPromise) return;
      const d = await driverPromise;
      driverPromise = undefined;
      await d.close();
    },
    async createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, PostgresInstanceOptions>,
    ): Promise<RxStorageInstancePostgres<RxDocType>> {
      ensureRxStorageInstanceParamsAreCorrect(params);
      const sql = await driver();
      const layout = tableLayoutFor(params.schema as never, params.databaseName, params.collectionName);
      const scopes = scopeIndexesOf(params.schema as never, params.options?.scopeIndexes);
      await ensureTables(sql, layout, {
        databaseName: params.databaseName,
        collectionName: params.collectionName,
        version: params.schema.version,
        attachments: !!params.schema.attachments,
        scopes,
      });
      const changes = await changeFeedOf(sql).join(
        layout.table,
        params.options?.remoteChanges === 'none'
          ? undefined
          : remoteReaderFor(sql, layout, params.schema as never),
      );
      const instance = new RxStorageInstancePostgres<RxDocType>(
        this,
        params.databaseName,
        params.collectionName,
        params.schema,
        { driver: sql, layout, scopes },
        params.options,
        changes,
      );
      return instance;
    },
  };
}
