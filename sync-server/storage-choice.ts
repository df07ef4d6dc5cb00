import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getRxStoragePostgres, type SqlDriver } from './storage';

/** Which storage the server runs on, reported by GET /api/health. */
export type StorageKind = 'pglite' | 'postgres' | 'memory';

export type StorageRequest =
  | { kind: 'memory' }
  /** Embedded PGlite in a folder ('memory://' for an in-memory PGlite in tests). */
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string }
  /** A PGlite the caller opened and keeps (tests share one across databases); never closed here. */
  | { kind: 'pglite'; driver: SqlDriver };

export interface StorageChoice {
  kind: StorageKind;
  storage: RxStorage<unknown, unknown>;
  /** The SQL driver under a PGlite or PostgreSQL storage (advisory locks, backups); none on memory. */
  driver?: () => Promise<SqlDriver>;
  close(): Promise<void>;
}

/**
 * The one place that picks the RxStorage (issue 5): PGlite in DATA_DIR by default, PostgreSQL when
 * DATABASE_URL is set, rxdb's memory storage for quick tests.
 */
export function chooseStorage(request: StorageRequest): StorageChoice {
  switch (request.kind) {
    case 'memory':
      return {
        kind: 'memory',
        storage: getRxStorageMemory() as RxStorage<unknown, unknown>,
        close: async () => {},
      };
    case 'pglite':
    case 'postgres': {
      const borrowed = 'driver' in request;
      const storage = getRxStoragePostgres(
        'driver' in request
          ? { driver: request.driver }
          : request.kind === 'pglite'
            ? { dataDir: request.dataDir }
            : { url: request.url },
      );
      return {
        kind: request.kind,
        storage: storage as unknown as RxStorage<unknown, unknown>,
        driver: () => storage.driver(),
        close: borrowed ? async () => {} : () => storage.close(),
      };
    }
  }
}

/** The request the settings imply: DATABASE_URL wins over the data folder. */
export function storageRequestOf(settings: { dataDir: string; databaseUrl?: string }): StorageRequest {
  return settings.databaseUrl
    ? { kind: 'postgres', url: settings.databaseUrl }
    : { kind: 'pglite', dataDir: `${settings.dataDir}/pglite` };
}
