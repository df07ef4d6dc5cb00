// The PostgreSQL RxStorage (issue 4): embedded PGlite by default, a real PostgreSQL to scale out.
// Design, checkpoint safety and where the time goes: README.md next to this file.
export { type ChangeNotice, ChangeFeed, changeFeedOf } from './change-feed';
export { type SqlDriver, type SqlExecutor, type SqlParam, sqlText } from './driver';
export { closeAllDrivers, getDriver, type PostgresStorageTarget } from './driver-registry';
export { openPgDriver } from './pg-driver';
export { openPgliteDriver } from './pglite-driver';
export {
  type PostgresInstanceOptions,
  type PostgresStorageInternals,
  RxStorageInstancePostgres,
} from './rx-storage-instance-postgres';
export {
  getRxStoragePostgres,
  type PostgresStorageOptions,
  type RxStoragePostgres,
} from './rx-storage-postgres';
export { StorageError, type StorageErrorCode } from './storage-error';
