import { create } from 'zustand';

/**
 * Why syncing stopped, beyond being offline: each has its own message and remedy in the sync bar, a
 * text under `staff.sync.problems` (checked by the i18n tests).
 */
export const SYNC_PROBLEMS = ['sessionExpired', 'outdated', 'forbidden', 'accountDisabled'] as const;
export type SyncProblem = (typeof SYNC_PROBLEMS)[number] | null;

interface SyncState {
  online: boolean;
  /** Replication is pulling or pushing right now. */
  active: boolean;
  /** Epoch ms of the last completed round trip with the server, kept across restarts. */
  lastSyncAt: number | null;
  problem: SyncProblem;
  setOnline: (online: boolean) => void;
  setActive: (active: boolean) => void;
  setLastSyncAt: (at: number) => void;
  setProblem: (problem: SyncProblem) => void;
}

export const useSyncStore = create<SyncState>((set) => ({
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  active: false,
  lastSyncAt: null,
  problem: null,
  setOnline: (online) => set({ online }),
  setActive: (active) => set({ active }),
  setLastSyncAt: (lastSyncAt) => set({ lastSyncAt }),
  setProblem: (problem) => set({ problem }),
}));
