import type { Subscription } from 'rxjs';
import type { DomainError } from '../../../src/domain';
import type { ActionKind } from '../../../src/schema';
import {
  type ReplicaDocName,
  type StaffSession,
  useReplicaStore,
  useSessionStore,
  useSyncStore,
} from '../../state';
import type { OrynHost } from '../host';
import { openReplica, type Replica, type StaffReplication, startReplication } from '../replica';
import { AuthFailure, refreshTokens, saveSession, updateOfflineRefreshToken } from '../session';
import { computeOverlay, tryAction } from './overlay';
import { deviceId, staffAction } from './staff-action';

/**
 * The bulletin list needs only these to be interactive; the rest (children's documents, decrypted
 * one by one) load right after (issue 6, cold start to an interactive bulletin list).
 */
const FIRST: ReplicaDocName[] = ['kindergartens', 'groups', 'bulletins', 'actions'];
const THEN: ReplicaDocName[] = ['responses', 'applications', 'referrals', 'notifications'];

export type StartFailure = { code: string; params?: Record<string, unknown> };

/**
 * One staff member's running workspace: the replica, its replication, the sync status and the way
 * operations become actions. Created at login, stopped at logout (replication cancelled, stores cleared).
 */
export class StaffRuntime {
  private replication: StaffReplication | null = null;
  private subscriptions: Subscription[] = [];
  private refreshing: Promise<void> | null = null;
  private readonly device: string;
  private readonly detach: () => void;

  private constructor(
    readonly replica: Replica,
    private readonly window: Window,
  ) {
    this.device = deviceId(window.localStorage);
    const online = () => this.onOnline();
    const offline = () => useSyncStore.getState().setOnline(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    this.detach = () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  }

  static async start(
    session: StaffSession,
    host: OrynHost,
    window: Window,
  ): Promise<{ ok: true; runtime: StaffRuntime } | { ok: false; error: StartFailure }> {
    const key = await host.replicaKey(session.userId);
    if (!key.ok) return { ok: false, error: key.error };
    let replica: Replica;
    try {
      replica = await openReplica({ userId: session.userId, serverUrl: session.serverUrl, key: key.value });
    } catch {
      // rxdb refuses a key that differs from the one the replica was made with (or storage is broken):
      // say so instead of a blank workspace; the data stays untouched for support.
      return { ok: false, error: { code: 'host.replicaKeyUnreadable' } };
    }
    const runtime = new StaffRuntime(replica, window);
    runtime.watchCollections();
    useSyncStore.getState().setOnline(window.navigator.onLine);
    useSyncStore.getState().setLastSyncAt(Number(window.localStorage.getItem(runtime.lastSyncKey())) || 0);
    if (session.token && session.validUntil > Date.now()) runtime.replicate(session.token);
    else if (window.navigator.onLine) void runtime.refresh();
    return { ok: true, runtime };
  }

  private session(): StaffSession {
    const s = useSessionStore.getState().session;
    if (!s) throw new Error('no session');
    return s;
  }

  private lastSyncKey(): string {
    const s = useSessionStore.getState().session;
    return `oryn.lastSync.${s?.serverUrl}.${s?.userId}`;
  }

  private watchCollections(): void {
    const store = useReplicaStore.getState();
    const watch = (name: ReplicaDocName) =>
      this.replica.collections[name].find().$.subscribe((docs) => {
        const byId: Record<string, unknown> = {};
        for (const doc of docs) byId[doc.primary] = doc.toJSON();
        store.replace(name, byId as never);
      });
    this.subscriptions.push(...FIRST.map(watch));
    // After the first screen has had a chance to paint.
    setTimeout(() => {
      if (this.subscriptions.length > 0) this.subscriptions.push(...THEN.map(watch));
    }, 0);
  }

  private replicate(token: string): void {
    const s = this.session();
    const replication = startReplication({
      replica: this.replica,
      serverUrl: s.serverUrl,
      userId: s.userId,
      token,
    });
    this.replication = replication;
    const sync = useSyncStore.getState();
    sync.setProblem(null);
    let failed = false;
    this.subscriptions.push(
      replication.active$.subscribe((active) => {
        if (active) failed = false;
        else if (useSyncStore.getState().active && !failed && this.window.navigator.onLine) {
          const now = Date.now();
          useSyncStore.getState().setLastSyncAt(now);
          this.window.localStorage.setItem(this.lastSyncKey(), String(now));
        }
        useSyncStore.getState().setActive(active);
      }),
      replication.error$.subscribe(() => {
        failed = true;
      }),
      replication.unauthorized$.subscribe(() => void this.refresh()),
      replication.outdated$.subscribe(() => useSyncStore.getState().setProblem('outdated')),
      replication.forbidden$.subscribe(() => useSyncStore.getState().setProblem('forbidden')),
    );
  }

  /** A new token pair from the refresh token (rotating: each works once), then replication with it. */
  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      const s = this.session();
      if (!s.refreshToken) {
        useSyncStore.getState().setProblem('sessionExpired');
        return;
      }
      try {
        const issued = await refreshTokens(s.serverUrl, s.refreshToken);
        useSessionStore.getState().setTokens(issued);
        saveSession(this.window.sessionStorage, useSessionStore.getState().session);
        updateOfflineRefreshToken(this.window.localStorage, s.serverUrl, s.login, issued.refreshToken);
        if (this.replication) this.replication.setToken(issued.token);
        else this.replicate(issued.token);
      } catch (err) {
        // Unreachable: try again when the connection returns. Refused: the staff member logs in again;
        // nothing in the replica is lost meanwhile.
        if (!(err instanceof AuthFailure) || err.code !== 'network') {
          updateOfflineRefreshToken(this.window.localStorage, s.serverUrl, s.login, null);
          useSyncStore.getState().setProblem('sessionExpired');
        }
      }
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private onOnline(): void {
    useSyncStore.getState().setOnline(true);
    const s = useSessionStore.getState().session;
    if (!s) return;
    if (!this.replication || !s.token || s.validUntil <= Date.now()) void this.refresh();
    else this.replication.reSync();
  }

  /**
   * A staff operation (architecture.md, Offline writes): checked by the same reducer the server runs
   * on the current workspace, then written to the replica as a pending action; its effect shows at
   * once through the overlay. Returns the reducer's refusal instead of writing anything.
   */
  async perform(kind: ActionKind, payload: Record<string, unknown>): Promise<DomainError | null> {
    const now = new Date();
    const action = staffAction(kind, payload, this.session(), this.device, now);
    const docs = useReplicaStore.getState();
    const refusal = tryAction(computeOverlay(docs, now.toISOString()), action, now.toISOString());
    if (refusal) return refusal;
    await this.replica.collections.actions.insert(action);
    return null;
  }

  /** Waits until every collection has caught up with the server (used after coming online). */
  async awaitInSync(): Promise<void> {
    await this.replication?.awaitInSync();
  }

  async stop(): Promise<void> {
    this.detach();
    for (const s of this.subscriptions) s.unsubscribe();
    this.subscriptions = [];
    await this.replication?.cancel();
    this.replication = null;
    await this.replica.destroy();
    useReplicaStore.getState().reset();
  }
}
