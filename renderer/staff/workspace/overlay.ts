import { applyAction } from '../../../src/domain';
import type { DomainError } from '../../../src/domain';
import type { DomainState } from '../../../src/domain';
import type { Action } from '../../../src/schema';
import type { ReplicaDocs } from '../state';

/**
 * The optimistic overlay (docs/architecture.md, Offline writes, step 1): the replica's authoritative
 * documents with every pending action of this staff member applied by the same reducer the server
 * runs. What an action changed is marked "not yet synced" until the server's answer replaces it.
 */
export interface Workspace {
  state: DomainState;
  /** `collection/id` of every document a pending action changed. */
  unsynced: ReadonlySet<string>;
  pending: Action[];
  rejected: Action[];
  /**
   * Pending actions the reducer refuses on this replica (e.g. another workstation acted first and its
   * result has arrived): the server will most likely reject them; the sync bar says so already.
   */
  doomed: ReadonlyMap<string, DomainError>;
}

const byOccurrence = (a: Action, b: Action) =>
  Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function computeOverlay(docs: Omit<ReplicaDocs, 'notifications'>, now: string): Workspace {
  const state: DomainState = {
    applications: docs.applications,
    bulletins: docs.bulletins,
    kindergartens: docs.kindergartens,
    groups: docs.groups,
    responses: docs.responses,
    referrals: docs.referrals,
  };
  const actions = Object.values(docs.actions);
  const pending = actions.filter((a) => a.status === 'pending').sort(byOccurrence);
  const rejected = actions
    .filter((a) => a.status === 'rejected')
    .sort(byOccurrence)
    .reverse();
  const unsynced = new Set<string>();
  const doomed = new Map<string, DomainError>();
  const copied = new Set<string>();
  for (const action of pending) {
    const result = applyAction(state, action, now);
    if (!result.ok) {
      doomed.set(action.id, result.error);
      continue;
    }
    for (const change of result.changes) {
      // Copy-on-write per collection: the replica snapshot itself is never changed.
      const records = state[change.collection] as Record<string, unknown>;
      if (!copied.has(change.collection)) {
        (state as unknown as Record<string, unknown>)[change.collection] = { ...records };
        copied.add(change.collection);
      }
      (state[change.collection] as Record<string, unknown>)[change.doc.id] = change.doc;
      unsynced.add(`${change.collection}/${change.doc.id}`);
    }
  }
  return { state, unsynced, pending, rejected, doomed };
}

/** Would this action be accepted on the current workspace? The same reducer, before anything is saved. */
export function tryAction(workspace: Workspace, action: Action, now: string): DomainError | null {
  const result = applyAction(workspace.state, action, now);
  return result.ok ? null : result.error;
}
