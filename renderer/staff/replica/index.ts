// The staff replica: RxDB on IndexedDB (Dexie) with encrypted personal fields, and its replication.
export { openReplica, type Replica, replicaName } from './open-replica';
export {
  ENCRYPTED_FIELDS,
  REPLICA_COLLECTIONS,
  type ReplicaCollection,
  replicaSchema,
} from './replica-schemas';
export { REPLICATION_PATH, type StaffReplication, startReplication } from './replication';
export { HeaderEventSource } from './header-event-source';
export {
  DOCUMENT_FILE_STATES,
  DOCUMENT_FILES,
  type DocumentFile,
  type DocumentFileState,
  documentFileSchema,
} from './document-files';
export { fromBase64, toBase64 } from './field-encryption';
