import type { RxCollection } from 'rxdb';
import { merge, type Subscription, throttleTime } from 'rxjs';
import type { ActionPayloads, DomainError, ExtensionDocumentType } from '../../../src/domain';
import type { Language } from '../../../src/i18n';
import type { Action, ActionKind } from '../../../src/schema';
import type { ReplicaDocName, ReplicaDocs, StaffSession } from '../state';
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
import { accountRefusal, forgetAccountRefusal, recordAccountRefusal } from './account-refusal';
import { attachedFile } from './attached-files';
import { checkReferral, knownPublicUrl, learnPublicUrl } from './referral-check';
import { DocumentUploader, httpSendDocument } from './document-uploader';
import { computeOverlay, tryAction } from './overlay';
import type { StaffPorts } from './ports';
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

/** The session's access token while it is still valid at `now`, else null (it must be refreshed first). */
function liveToken(session: StaffSession | null, now: Date): string | null {
  return session?.token && session.validUntil > now.getTime() ? session.token : null;
}

/**
 * A file the server could not take yet (it failed, was unreachable, or has not applied the action) is
 * tried again after 5 s, then 10 s, 20 s … at most every 5 minutes, and at once when the connection or
 * the session returns; the delay starts over once nothing is left waiting.
 */
export const UPLOAD_RETRY = { firstMs: 5_000, maxMs: 5 * 60_000 } as const;

/** Files may be attached to a referral extension only (its supporting documents). */
export type Attachments<K extends ActionKind> = K extends 'referral.extend'
  ? readonly PickedFile[]
  : readonly [];

/**
 * One staff member's running workspace: the replica, its replication, the sync status and the way
 * operations become actions. Created at login, stopped at logout (replication cancelled, the view
 * cleared). Everything outside it comes through its ports (ports.ts).
 */
export class StaffRuntime {
  private replication: StaffReplication | null = null;
  private subscriptions: Subscription[] = [];
  private refreshing: Promise<void> | null = null;
  private readonly device: string;
  private readonly detach: () => void;
  private readonly uploader: DocumentUploader;
  private retryDelay: number = UPLOAD_RETRY.firstMs;
  private cancelRetry: (() => void) | null = null;
  /** The replica's documents as last read (perform checks an operation against them). */
  private docs: ReplicaDocs = {
    kindergartens: {},
    groups: {},
    bulletins: {},
    applications: {},
    responses: {},
    referrals: {},
    notifications: {},
    actions: {},
  };
  private stopped = false;

  private constructor(
    readonly replica: Replica,
    private readonly ports: StaffPorts,
  ) {
    this.device = deviceId(ports.storage.local);
    this.uploader = new DocumentUploader(
      this.files(),
      replica.collections.actions as unknown as RxCollection<Action>,
      httpSendDocument(
        () => this.session().serverUrl,
        () => this.liveToken(),
        ports.fetch,
      ),
      () => void this.refresh(),
      () => ports.now().getTime(),
    );
    this.detach = ports.network.watch((online) => {
      if (online) this.onOnline();
      else ports.sync.setOnline(false);
    });
  }

  private files(): RxCollection<DocumentFile> {
    return this.replica.collections[DOCUMENT_FILES];
  }

  /** The workspace's clock (the screens read the same one through the runtime context). */
  now(): Date {
    return this.ports.now();
  }

  /**
   * Sends waiting files whose action the server has applied (online only; a no-op otherwise); what
   * could not go now is tried again later, each time waiting longer (UPLOAD_RETRY).
   */
  private uploadFiles(): void {
    if (this.stopped || !this.ports.network.online() || !this.ports.session.current()) return;
    if (accountRefusal(this.ports.storage.local, this.session())) return;
    void this.uploader.kick().then((left) => this.retryUploads(left));
  }

  private retryUploads(left: boolean): void {
    this.cancelRetry?.();
    this.cancelRetry = null;
    if (!left) {
      this.retryDelay = UPLOAD_RETRY.firstMs;
      return;
    }
    if (this.stopped) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(delay * 2, UPLOAD_RETRY.maxMs);
    this.cancelRetry = this.ports.timers.after(delay, () => {
      this.cancelRetry = null;
      this.uploadFiles();
    });
  }

  /** Opens the logged-in staff member's replica (ports.session) and starts syncing it when it can. */
  static async start(
    host: OrynHost,
    ports: StaffPorts,
  ): Promise<{ ok: true; runtime: StaffRuntime } | { ok: false; error: StartFailure }> {
    const session = ports.session.current();
    if (!session) throw new Error('no session');
    const key = await host.replicaKey(session.userId);
    if (!key.ok) return { ok: false, error: key.error };
    let replica: Replica;
    try {
      replica = await openReplica({
        userId: session.userId,
        serverUrl: session.serverUrl,
        key: key.value,
        ...(ports.storage.replica ? { storage: ports.storage.replica as never } : {}),
      });
    } catch {
      // rxdb refuses a key that differs from the one the replica was made with (or storage is broken):
      // say so instead of a blank workspace; the data stays untouched for support.
      return { ok: false, error: { code: 'host.replicaKeyUnreadable' } };
    }
    const runtime = new StaffRuntime(replica, ports);
    runtime.watchCollections();
    const online = ports.network.online();
    ports.sync.setOnline(online);
    ports.sync.setLastSyncAt(Number(ports.storage.local.getItem(runtime.lastSyncKey())) || 0);
    const refused = accountRefusal(ports.storage.local, session);
    if (refused && (session.offline || !liveToken(session, ports.now()))) {
      // Refused before (its account is disabled): nothing will sync; the screens say why.
      ports.sync.setProblem(refused);
      return { ok: true, runtime };
    }
    // A login the server has just accepted: the account is enabled again.
    if (refused && forgetAccountRefusal(ports.storage.local, session)) await runtime.restoreRefusedFiles();
    // The address the referral's QR code opens, for PDFs rendered here offline later (issue 17).
    if (online) void learnPublicUrl(ports.storage.local, session.serverUrl, ports.fetch);
    const token = liveToken(session, ports.now());
    if (token) runtime.replicate(token);
    else if (online) void runtime.refresh();
    return { ok: true, runtime };
  }

  private session(): StaffSession {
    const s = this.ports.session.current();
    if (!s) throw new Error('no session');
    return s;
  }

  private lastSyncKey(): string {
    const s = this.ports.session.current();
    return `oryn.lastSync.${s?.serverUrl}.${s?.userId}`;
  }

  private watchCollections(): void {
    const watch = (name: ReplicaDocName) =>
      this.replica.collections[name].find().$.subscribe((docs) => {
        const byId: Record<string, unknown> = {};
        for (const doc of docs) byId[doc.primary] = doc.toJSON();
        this.docs = { ...this.docs, [name]: byId };
        if (name === 'actions') this.showActions();
        else this.ports.view.replace(name, byId as never);
      });
    this.subscriptions.push(...FIRST.map(watch));
    // After the first screen has had a chance to paint.
    this.ports.timers.after(0, () => {
      if (this.subscriptions.length === 0) return;
      this.subscriptions.push(...THEN.map(watch));
      this.watchFiles();
    });
  }

  /**
   * The actions as the screens show them. Once the server has refused this account (disabled), its
   * actions still waiting here will never be applied: they show as rejected with that reason, kept
   * whole in the replica (and sent after all if the account is enabled again and logs in).
   */
  private showActions(): void {
    const refused = accountRefusal(this.ports.storage.local, this.session());
    if (!refused) {
      this.ports.view.replace('actions', this.docs.actions);
      return;
    }
    const shown: ReplicaDocs['actions'] = {};
    for (const [id, action] of Object.entries(this.docs.actions)) {
      shown[id] =
        action.status === 'pending' && action.actor === this.session().userId
          ? { ...action, status: 'rejected', reason: { code: refused } }
          : action;
    }
    this.ports.view.replace('actions', shown);
  }

  /** The attached files for the screens (their bytes decrypted too, so after the first paint). */
  private watchFiles(): void {
    this.subscriptions.push(
      this.files()
        .find({ sort: [{ id: 'asc' }] })
        .$.subscribe((docs) =>
          this.ports.view.files(docs.map((d) => attachedFile(d.toJSON() as DocumentFile))),
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
      timers: this.ports.timers,
    });
    this.replication = replication;
    const sync = this.ports.sync;
    sync.setProblem(null);
    let failed = false;
    this.subscriptions.push(
      replication.active$.subscribe((active) => {
        if (active) failed = false;
        else if (sync.get().active && !failed && this.ports.network.online()) {
          sync.setOnline(true);
          const now = this.ports.now().getTime();
          sync.setLastSyncAt(now);
          this.ports.storage.local.setItem(this.lastSyncKey(), String(now));
        }
        sync.setActive(active);
      }),
      replication.error$.subscribe((error) => {
        failed = true;
        // The system may say "online" (after a reload Chromium does, whatever the network) while the
        // server cannot be reached: what counts is whether the sync gets through.
        if (isNetworkFailure(error)) sync.setOnline(false);
      }),
      replication.unauthorized$.subscribe(() => void this.refresh()),
      replication.outdated$.subscribe(() => sync.setProblem('outdated')),
      replication.forbidden$.subscribe(() => sync.setProblem('forbidden')),
    );
  }

  /**
   * A new token pair from the refresh token (rotating: each works once), then replication with it.
   * Everyone asking while a refresh is under way (an expired stream, the upload, coming online) shares
   * it: a second request would present a used refresh token, which the server takes for a stolen one.
   */
  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      const s = this.session();
      const { local } = this.ports.storage;
      // Disabled: asking again would only hear it again (a login, once enabled, starts afresh).
      if (accountRefusal(local, s)) return;
      if (!s.refreshToken) {
        this.ports.sync.setProblem('sessionExpired');
        return;
      }
      try {
        const issued = await refreshTokens(s.serverUrl, s.refreshToken, this.ports.fetch);
        if (this.stopped) return;
        this.ports.session.setTokens(issued);
        saveSession(this.ports.storage.session, this.ports.session.current());
        updateOfflineRefreshToken(local, s.serverUrl, s.login, issued.refreshToken);
        if (forgetAccountRefusal(local, s)) await this.restoreRefusedFiles();
        this.showActions();
        if (this.replication) this.replication.setToken(issued.token);
        else this.replicate(issued.token);
        this.uploadFiles();
      } catch (err) {
        // Unreachable: try again when the connection returns. Refused: the staff member logs in again;
        // nothing in the replica is lost meanwhile.
        if (err instanceof AuthFailure && err.code === 'network') return;
        updateOfflineRefreshToken(local, s.serverUrl, s.login, null);
        if (err instanceof AuthFailure && err.code === 'accountDisabled') await this.refuseAccount(err.code);
        else this.ports.sync.setProblem('sessionExpired');
      }
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * The server says this account is disabled: the actions waiting here can never be sent. They are
   * shown rejected with the reason, their attached files held (bytes kept, to be saved back), and
   * replication stops knocking; the verdict is kept for the next (offline) login on this workstation.
   */
  private async refuseAccount(code: 'accountDisabled'): Promise<void> {
    const s = this.session();
    recordAccountRefusal(this.ports.storage.local, s, code);
    this.ports.sync.setProblem(code);
    await this.cancelReplication();
    const pending = Object.values(this.docs.actions)
      .filter((a) => a.status === 'pending')
      .map((a) => a.id);
    const waiting = await this.files()
      .find({ selector: { state: 'waiting', actionId: { $in: pending } } })
      .exec();
    for (const doc of waiting)
      await doc.incrementalPatch({ state: 'held', problem: code, updatedAt: this.ports.now().getTime() });
    this.showActions();
  }

  /** The account works again: files held only because it was refused wait for their upload again. */
  private async restoreRefusedFiles(): Promise<void> {
    const held = await this.files()
      .find({ selector: { state: 'held', problem: 'accountDisabled' } })
      .exec();
    for (const doc of held) {
      await doc.incrementalModify(({ problem: _refused, ...rest }) => ({
        ...rest,
        state: 'waiting',
        updatedAt: this.ports.now().getTime(),
      }));
    }
  }

  private onOnline(): void {
    this.ports.sync.setOnline(true);
    const s = this.ports.session.current();
    if (!s || this.stopped) return;
    if (!this.replication || !liveToken(s, this.ports.now())) void this.refresh();
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
    const now = this.ports.now();
    const action = staffAction(kind, payload, this.session(), this.device, now);
    const refusal = tryAction(computeOverlay(this.docs, now.toISOString()), action, now.toISOString());
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
    return liveToken(this.ports.session.current(), this.ports.now());
  }

  /** The server's public address for a referral's QR code (PUBLIC_URL, as the server last said). */
  publicUrl(): string {
    return knownPublicUrl(this.ports.storage.local, this.session().serverUrl);
  }

  /** Checks a referral's code: the server's answer online, this replica's offline (referral-check.ts). */
  checkReferral(code: string, language: Language, state: Parameters<typeof checkReferral>[0]['state']) {
    return checkReferral(
      {
        online: this.ports.sync.get().online,
        serverUrl: this.session().serverUrl,
        state,
        language,
        now: this.ports.now().toISOString(),
      },
      code,
      this.ports.fetch,
    );
  }

  /** What the server holds for a referral (online only). */
  serverDocuments(referralId: string) {
    return listServerDocuments(this.session().serverUrl, this.liveToken(), referralId, this.ports.fetch);
  }

  serverDocumentBytes(referralId: string, documentId: string) {
    return serverDocumentBytes(
      this.session().serverUrl,
      this.liveToken(),
      referralId,
      documentId,
      this.ports.fetch,
    );
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

  /**
   * Ends the replication once the replica has no write under way. rxdb 15.39's storage wrapper (the
   * replica's field encryption, plugin-helpers' wrapRxStorageInstance) counts the change events it is
   * still decrypting and makes every write wait until that count is back at zero; a change event in
   * flight when the replication's change-stream subscription ends is never counted down, and every
   * later write — the replication's own last one, then the replica's close — waited for ever (the
   * staff runtime's tests hung in stop() now and then). An idle replica has none in flight.
   */
  private async cancelReplication(): Promise<void> {
    const replication = this.replication;
    if (!replication) return;
    await this.replica.requestIdlePromise();
    await replication.cancel();
    if (this.replication === replication) this.replication = null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.detach();
    this.cancelRetry?.();
    for (const s of this.subscriptions) s.unsubscribe();
    this.subscriptions = [];
    await this.refreshing;
    await this.cancelReplication();
    await this.uploader.idle();
    await this.replica.destroy();
    this.ports.view.reset();
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
