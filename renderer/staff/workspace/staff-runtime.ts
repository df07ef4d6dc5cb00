import type { RxCollection } from 'rxdb';
import { merge, type Subscription, throttleTime } from 'rxjs';
import type { ActionPayloads, DomainError, ExtensionDocumentType } from '../../../src/domain';
import type { Language } from '../../../src/i18n';
import type { Action, ActionKind } from '../../../src/schema';
import {
  type ReplicaDocName,
  type StaffSession,
  useReplicaStore,
  useSessionStore,
  useSyncStore,
} from '../state';
import type { OrynHost } from '../host';
import {
  DOCUMENT_FILES,
  type DocumentFile,
  fromBase64,
  openReplica,
  type Replica,
  type StaffReplication,
  startReplication,
} from '../replica';
import { AuthFailure, refreshTokens, saveSession, updateOfflineRefreshToken } from '../session';
import { attachedFile, useAttachedFiles } from './attached-files';
import { checkReferral, knownPublicUrl, learnPublicUrl } from './referral-check';
import { DocumentUploader, httpSendDocument } from './document-uploader';
import { computeOverlay, tryAction } from './overlay';
import { listServerDocuments, serverDocumentBytes } from './server-documents';
import { deviceId, staffAction } from './staff-action';
import { writeAction } from './write-action';

/**
 * The bulletin list needs only these to be interactive; the rest (children's documents, decrypted
 * one by one) load right after (issue 6, cold start to an interactive bulletin list).
 */
const FIRST: ReplicaDocName[] = ['kindergartens', 'groups', 'bulletins', 'actions'];
const THEN: ReplicaDocName[] = ['responses', 'applications', 'referrals', 'notifications'];

export type StartFailure = { code: string; params?: Record<string, unknown> };

/** A file picked in a form, checked (src/domain checkExtensionDocuments) and digested. */
export interface PickedFile {
  name: string;
  description?: string;
  contentType: ExtensionDocumentType;
  size: number;
  sha256: string;
  bytes: Uint8Array;
}

/** The session's access token while it is still valid, else null (it must be refreshed first). */
function liveToken(session: StaffSession | null): string | null {
  return session?.token && session.validUntil > Date.now() ? session.token : null;
}

/** Waiting files are retried this often while online (the server may not have applied their action). */
const UPLOAD_RETRY_MS = 30_000;

/**
 * One staff member's running workspace: the replica, its replication, the sync status and the way
 * operations become actions. Created at login, stopped at logout (replication cancelled, stores cleared).
 */
/** Files may be attached to a referral extension only (its supporting documents). */
export type Attachments<K extends ActionKind> = K extends 'referral.extend'
  ? readonly PickedFile[]
  : readonly [];

export class StaffRuntime {
  private replication: StaffReplication | null = null;
  private subscriptions: Subscription[] = [];
  private refreshing: Promise<void> | null = null;
  private readonly device: string;
  private readonly detach: () => void;
  private readonly uploader: DocumentUploader;
  private stopped = false;

  private constructor(
    readonly replica: Replica,
    private readonly window: Window,
  ) {
    this.device = deviceId(window.localStorage);
    this.uploader = new DocumentUploader(
      this.files(),
      replica.collections.actions as unknown as RxCollection<Action>,
      httpSendDocument(
        () => this.session().serverUrl,
        () => this.liveToken(),
      ),
      () => void this.refresh(),
    );
    const online = () => this.onOnline();
    const offline = () => useSyncStore.getState().setOnline(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    const retry = window.setInterval(() => this.uploadFiles(), UPLOAD_RETRY_MS);
    this.detach = () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      window.clearInterval(retry);
    };
  }

  private files(): RxCollection<DocumentFile> {
    return this.replica.collections[DOCUMENT_FILES];
  }

  /** Sends waiting files whose action the server has applied (online only; a no-op otherwise). */
  private uploadFiles(): void {
    if (!this.stopped && this.window.navigator.onLine && useSessionStore.getState().session) {
      void this.uploader.kick();
    }
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
    // The address the referral's QR code opens, for PDFs rendered here offline later (issue 17).
    if (window.navigator.onLine) void learnPublicUrl(window.localStorage, session.serverUrl);
    const token = liveToken(session);
    if (token) runtime.replicate(token);
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
      if (this.subscriptions.length === 0) return;
      this.subscriptions.push(...THEN.map(watch));
      this.watchFiles();
    }, 0);
  }

  /** The attached files for the screens (their bytes decrypted too, so after the first paint). */
  private watchFiles(): void {
    this.subscriptions.push(
      this.files()
        .find({ sort: [{ id: 'asc' }] })
        .$.subscribe((docs) =>
          useAttachedFiles.getState().replace(docs.map((d) => attachedFile(d.toJSON() as DocumentFile))),
        ),
      // A new file, or an action's status pulled back from the server (applied or rejected): look again.
      merge(this.files().insert$, this.replica.collections.actions.$)
        .pipe(throttleTime(300, undefined, { leading: true, trailing: true }))
        .subscribe(() => this.uploadFiles()),
    );
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
          useSyncStore.getState().setOnline(true);
          const now = Date.now();
          useSyncStore.getState().setLastSyncAt(now);
          this.window.localStorage.setItem(this.lastSyncKey(), String(now));
        }
        useSyncStore.getState().setActive(active);
      }),
      replication.error$.subscribe((error) => {
        failed = true;
        // The system may say "online" (after a reload Chromium does, whatever the network) while the
        // server cannot be reached: what counts is whether the sync gets through.
        if (isNetworkFailure(error)) useSyncStore.getState().setOnline(false);
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
        this.uploadFiles();
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
    if (!this.replication || !liveToken(s)) void this.refresh();
    else {
      this.replication.reSync();
      this.uploadFiles();
    }
  }

  /**
   * A staff operation (docs/architecture.md, Offline writes): checked by the same reducer the server runs
   * on the current workspace, then written to the replica as a pending action; its effect shows at
   * once through the overlay. Returns the reducer's refusal instead of writing anything.
   */
  async perform<K extends ActionKind>(
    kind: K,
    payload: ActionPayloads[K],
    attach: Attachments<K> = [],
  ): Promise<DomainError | null> {
    const now = new Date();
    const action = staffAction(kind, payload, this.session(), this.device, now);
    const docs = useReplicaStore.getState();
    const refusal = tryAction(computeOverlay(docs, now.toISOString()), action, now.toISOString());
    if (refusal) return refusal;
    await writeAction(
      { files: this.files(), actions: this.replica.collections.actions as unknown as RxCollection<Action> },
      action,
      attach,
      // Attachments<K> admits files for an extension only, so the payload is an extension's.
      attach.length > 0 ? (payload as ActionPayloads['referral.extend']).referralId : '',
      now,
    );
    return null;
  }

  /** The bytes of a file attached here, while this workstation still has them. */
  async attachedBytes(id: string): Promise<Uint8Array | null> {
    const content = (await this.files().findOne(id).exec())?.content;
    return content === undefined ? null : fromBase64(content);
  }

  private liveToken(): string | null {
    return liveToken(useSessionStore.getState().session);
  }

  /** The server's public address for a referral's QR code (PUBLIC_URL, as the server last said). */
  publicUrl(): string {
    return knownPublicUrl(this.window.localStorage, this.session().serverUrl);
  }

  /** Checks a referral's code: the server's answer online, this replica's offline (referral-check.ts). */
  checkReferral(code: string, language: Language, state: Parameters<typeof checkReferral>[0]['state']) {
    return checkReferral(
      {
        online: useSyncStore.getState().online,
        serverUrl: this.session().serverUrl,
        state,
        language,
        now: new Date().toISOString(),
      },
      code,
    );
  }

  /** What the server holds for a referral (online only). */
  serverDocuments(referralId: string) {
    return listServerDocuments(this.session().serverUrl, this.liveToken(), referralId);
  }

  serverDocumentBytes(referralId: string, documentId: string) {
    return serverDocumentBytes(this.session().serverUrl, this.liveToken(), referralId, documentId);
  }

  /** Drops held files (a rejected extension's) once the staff member has saved what they need. */
  async discardHeld(actionId: string): Promise<void> {
    const held = await this.files()
      .find({ selector: { actionId, state: 'held' } })
      .exec();
    await this.files().bulkRemove(held.map((d) => d.primary));
  }

  /** Waits until every collection has caught up with the server (used after coming online). */
  async awaitInSync(): Promise<void> {
    await this.replication?.awaitInSync();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.detach();
    for (const s of this.subscriptions) s.unsubscribe();
    this.subscriptions = [];
    await this.replication?.cancel();
    this.replication = null;
    await this.uploader.idle();
    await this.replica.destroy();
    useReplicaStore.getState().reset();
    useAttachedFiles.getState().replace([]);
  }
}

/** Whether a replication error is the network's (fetch could not reach the server), not the server's answer. */
export function isNetworkFailure(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const e = error as {
    name?: unknown;
    message?: unknown;
    parameters?: { errors?: unknown[] };
    cause?: unknown;
  };
  if (e.name === 'TypeError' && /fetch|network/i.test(String(e.message))) return true;
  const inner = [...(Array.isArray(e.parameters?.errors) ? e.parameters.errors : []), e.cause];
  return inner.some((x) => isNetworkFailure(x, depth + 1));
}
