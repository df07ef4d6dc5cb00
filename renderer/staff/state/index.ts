// UI state of the staff workspace (zustand): session, sync status, screen and toasts, and the replica
// snapshot the screens read.
export { type ReplicaDocName, type ReplicaDocs, useReplicaStore } from './replica-store';
export { type StaffSession, useSessionStore } from './session-store';
export { type SyncProblem, useSyncStore } from './sync-store';
export { nextToasts, type StaffScreen, type Toast, useUiStore } from './ui-store';
