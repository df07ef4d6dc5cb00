import { create } from 'zustand';
import type {
  Action,
  Application,
  Bulletin,
  Group,
  Kindergarten,
  Notification,
  Referral,
  Response,
} from '../../../src/schema';

/**
 * The replica's documents as the screens read them: a snapshot per collection, by id, refreshed from
 * RxDB's live queries. Authoritative state only; the optimistic overlay of pending actions is derived
 * from it (renderer/staff/workspace/overlay.ts).
 */
export interface ReplicaDocs {
  kindergartens: Record<string, Kindergarten>;
  groups: Record<string, Group>;
  bulletins: Record<string, Bulletin>;
  applications: Record<string, Application>;
  responses: Record<string, Response>;
  referrals: Record<string, Referral>;
  notifications: Record<string, Notification>;
  actions: Record<string, Action>;
}
export type ReplicaDocName = keyof ReplicaDocs;

interface ReplicaState extends ReplicaDocs {
  /** Collections read from the replica at least once (the screens show "loading" until then). */
  loaded: Partial<Record<ReplicaDocName, true>>;
  replace: <C extends ReplicaDocName>(collection: C, docs: ReplicaDocs[C]) => void;
  reset: () => void;
}

const empty = (): ReplicaDocs => ({
  kindergartens: {},
  groups: {},
  bulletins: {},
  applications: {},
  responses: {},
  referrals: {},
  notifications: {},
  actions: {},
});

export const useReplicaStore = create<ReplicaState>((set) => ({
  ...empty(),
  loaded: {},
  replace: (collection, docs) =>
    set(
      (s) => ({ [collection]: docs, loaded: { ...s.loaded, [collection]: true } }) as Partial<ReplicaState>,
    ),
  reset: () => set({ ...empty(), loaded: {} }),
}));
