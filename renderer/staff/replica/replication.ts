import { replicateServer } from 'rxdb-server/plugins/replication-server';
import { combineLatest, map, merge, type Observable, throttleTime } from 'rxjs';
import { HeaderEventSource } from './header-event-source';
import type { Replica } from './open-replica';
import { REPLICA_COLLECTIONS, type ReplicaCollection } from './replica-schemas';

/**
 * Browsers allow 6 connections per server (HTTP/1.1), and every live pull holds one open: eight
 * streams would starve the pulls and pushes themselves (seen in Chromium: the replica never filled).
 * So only these three stream; the other collections pull whenever a stream brings news (an applied
 * action changes referrals, groups and applications too), on reconnect, and every half minute.
 */
export const STREAMED: ReadonlySet<ReplicaCollection> = new Set(['actions', 'responses', 'bulletins']);
const POLL_MS = 30_000;

/** Stands in for the event stream of a collection that does not stream: never connects. */
class NoEventSource {
  onopen: unknown = null;
  onmessage: unknown = null;
  onerror: unknown = null;
  close(): void {}
}

/** rxdb-server's routes: /replication/<collection>/<schemaVersion>/{pull,push,pullStream} (sync-server/replication.ts). */
export const REPLICATION_PATH = 'replication';

export interface StaffReplication {
  /** True while any collection is pulling or pushing. */
  active$: Observable<boolean>;
  /** 401: the access token expired; the session refreshes it and calls setToken. */
  unauthorized$: Observable<ReplicaCollection>;
  /** 426: the server has a newer schema; this app must be updated. */
  outdated$: Observable<ReplicaCollection>;
  /** 403: never expected from a legitimate client (docs/stack.md); reported, not swallowed. */
  forbidden$: Observable<ReplicaCollection>;
  error$: Observable<unknown>;
  /**
   * New headers for pull and push. An open event stream keeps its old headers (docs/stack.md) until the
   * server refuses them with 401; rxdb-server's client then reopens it with these.
   */
  setToken(token: string): void;
  /** Pull and push now (after coming back online). */
  reSync(): void;
  /** Resolves when every collection has caught up with the server. */
  awaitInSync(): Promise<void>;
  cancel(): Promise<void>;
}

/**
 * Two-way replication of the staff replica (docs/architecture.md, Offline writes): every collection pulls,
 * live over a header-capable event stream, and only `actions` push — staff never write authoritative
 * documents. The identifier names server and user, so another user on the same computer never inherits
 * this user's checkpoints (docs/stack.md). Cancel it on logout.
 */
export function startReplication(options: {
  replica: Replica;
  serverUrl: string;
  userId: string;
  token: string;
  retryMs?: number;
  /** Who runs the half-minute poll (the runtime's timers; setInterval by default). */
  timers?: { every(ms: number, run: () => void): () => void };
}): StaffReplication {
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const states = REPLICA_COLLECTIONS.map((name) => {
    const collection = options.replica.collections[name];
    const state = replicateServer({
      collection,
      replicationIdentifier: `oryn-staff|${options.serverUrl}|${options.userId}|${name}`,
      url: `${options.serverUrl}/${REPLICATION_PATH}/${name}/${collection.schema.version}`,
      headers: auth(options.token),
      live: true,
      retryTime: options.retryMs ?? 5_000,
      // One replica per user and profile, one window (the single-instance lock): no election to wait for.
      waitForLeadership: false,
      eventSource: STREAMED.has(name) ? HeaderEventSource : NoEventSource,
      pull: { batchSize: 200 },
      ...(name === 'actions' ? { push: { batchSize: 50 } } : {}),
    });
    return { name, state };
  });
  const each = <T>(pick: (s: (typeof states)[number]) => Observable<T>) => merge(...states.map(pick));
  const polled = states.filter((s) => !STREAMED.has(s.name));
  const pollNow = () => {
    for (const s of polled) s.state.reSync();
  };
  const news = merge(...states.filter((s) => STREAMED.has(s.name)).map((s) => s.state.received$))
    .pipe(throttleTime(500, undefined, { leading: true, trailing: true }))
    .subscribe(pollNow);
  const every =
    options.timers?.every ??
    ((ms: number, run: () => void) => {
      const id = setInterval(run, ms);
      return () => clearInterval(id);
    });
  const stopPolling = every(POLL_MS, pollNow);
  return {
    active$: combineLatest(states.map((s) => s.state.active$)).pipe(map((all) => all.some(Boolean))),
    unauthorized$: each((s) => s.state.unauthorized$.pipe(map(() => s.name))),
    outdated$: each((s) => s.state.outdatedClient$.pipe(map(() => s.name))),
    forbidden$: each((s) => s.state.forbidden$.pipe(map(() => s.name))),
    error$: each((s) => s.state.error$),
    setToken(token) {
      for (const s of states) s.state.setHeaders(auth(token));
    },
    reSync() {
      for (const s of states) s.state.reSync();
    },
    async awaitInSync() {
      await Promise.all(states.map((s) => s.state.awaitInSync()));
    },
    async cancel() {
      news.unsubscribe();
      stopPolling();
      await Promise.all(states.map((s) => s.state.cancel()));
    },
  };
}
