import type { RxStorage } from 'rxdb';
import type { ReplicaDocName, ReplicaDocs, StaffSession, SyncProblem } from '../state';
import type { AttachedFile } from './attached-files';

/**
 * What the staff runtime needs from the world around it, passed in like the server's `ServerContext`
 * (sync-server/context.ts): the window, its stores and its timers in the app (browser-ports.ts), a
 * settable clock, memory storages and a switchable network in the tests. The runtime reads the time,
 * the network and the session only through these.
 */
export interface StaffPorts {
  /** The one clock of the workspace: actions' `occurredAt`, the overlay, deadlines on the screens. */
  now: () => Date;
  session: SessionPort;
  sync: SyncStatusPort;
  /** What the screens read: the replica's documents and this workstation's attached files. */
  view: ReplicaViewPort;
  storage: StoragePort;
  /** Every request the runtime makes itself (auth, documents, referral checks, /api/health). */
  fetch: typeof fetch;
  network: NetworkPort;
  timers: TimerPort;
}

/** Who is logged in; the runtime replaces the tokens after a refresh. */
export interface SessionPort {
  current(): StaffSession | null;
  setTokens(tokens: Pick<StaffSession, 'token' | 'refreshToken' | 'validUntil'>): void;
}

export interface SyncStatus {
  online: boolean;
  active: boolean;
  lastSyncAt: number | null;
  problem: SyncProblem;
}

/** The sync bar's state. */
export interface SyncStatusPort {
  get(): SyncStatus;
  setOnline(online: boolean): void;
  setActive(active: boolean): void;
  setLastSyncAt(at: number): void;
  setProblem(problem: SyncProblem): void;
}

export interface ReplicaViewPort {
  replace<C extends ReplicaDocName>(collection: C, docs: ReplicaDocs[C]): void;
  files(files: AttachedFile[]): void;
  /** Logout: nothing of this staff member stays on screen. */
  reset(): void;
}

export interface StoragePort {
  /** Survives restarts: the device id, the last sync, the offline login's record, the public URL. */
  local: Storage;
  /** This window only: the session, so a reload keeps the staff member in. */
  session: Storage;
  /** Where the replica lives (IndexedDB through Dexie in the app; rxdb's memory storage in tests). */
  replica?: RxStorage<unknown, unknown>;
}

/** What the system says about the network (navigator.onLine and the window's online/offline events). */
export interface NetworkPort {
  online(): boolean;
  /** Calls `listener` on every change; returns how to stop. */
  watch(listener: (online: boolean) => void): () => void;
}

/** Timers the runtime owns, each returning how to cancel it, so a test can run them when it likes. */
export interface TimerPort {
  after(ms: number, run: () => void): () => void;
  every(ms: number, run: () => void): () => void;
}
