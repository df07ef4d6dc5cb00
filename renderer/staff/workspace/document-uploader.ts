import type { RxCollection } from 'rxdb';
import type { Action } from '../../../src/schema';
import type { DocumentFile } from '../replica/document-files';
import { fromBase64 } from '../replica/field-encryption';
import { authorizedFetch, referralDocumentsUrl } from './server-documents';

/** What the server said to one upload. */
export type UploadOutcome =
  /** It has the file (201, or 200 when it had it already). */
  | { kind: 'stored' }
  /** Not now: the server has not applied the action yet, is unreachable or failed; try again later. */
  | { kind: 'later' }
  /** The connection is gone: stop this pass. */
  | { kind: 'offline' }
  /** It never will take this file: its action was rejected, or the file does not match it. */
  | { kind: 'refused'; code: string }
  /** The access token expired. */
  | { kind: 'unauthorized' };

export type SendDocument = (file: DocumentFile & { content: string }) => Promise<UploadOutcome>;

/**
 * PUT /api/referrals/:id/documents/:documentId (sync-server/api/routes/referrals.ts): one file, under
 * the id the workstation gave it, accepted only once its extension action is applied.
 */
export function httpSendDocument(
  serverUrl: () => string,
  token: () => string | null,
  fetchImpl: typeof fetch = fetch,
): SendDocument {
  return async (file) => {
    const form = new FormData();
    form.append('document', new Blob([fromBase64(file.content)], { type: file.contentType }), file.name);
    const response = await authorizedFetch(
      `${referralDocumentsUrl(serverUrl(), file.referralId)}/${encodeURIComponent(file.id)}`,
      token(),
      { method: 'PUT', body: form },
      fetchImpl,
    );
    if (response === 0) return { kind: 'offline' };
    if (response === 401) return { kind: 'unauthorized' };
    if (response.ok) return { kind: 'stored' };
    if (response.status === 401) return { kind: 'unauthorized' };
    const code = await response
      .json()
      .then((body: { error?: { code?: unknown } }) => String(body.error?.code ?? ''))
      .catch(() => '');
    if (response.status >= 500 || response.status === 429 || code === 'extensionNotApplied') {
      return { kind: 'later' };
    }
    return { kind: 'refused', code: code || `http${response.status}` };
  };
}

/** A file whose action never made it into the replica is dropped after this long (see pass()). */
const ORPHAN_MS = 60_000;

/**
 * Sends this workstation's attached files to the server, each once its `referral.extend` action is
 * applied there (the server accepts a file only for an applied action that names its sha256). Files stay
 * in the replica until the server has them; a refused file is held with the reason, bytes kept.
 * One pass at a time; a kick during a pass runs another after it.
 */
export class DocumentUploader {
  private running: Promise<boolean> | null = null;
  private again = false;

  constructor(
    private readonly files: RxCollection<DocumentFile>,
    private readonly actions: RxCollection<Action>,
    private readonly send: SendDocument,
    private readonly onUnauthorized: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Looks at every waiting file now (or right after the pass under way). Resolves true when a file is
   * left for later — the server failed or could not be reached, or the token expired — so the caller
   * tries again; false when nothing is left that a retry could send.
   */
  kick(): Promise<boolean> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let left = false;
      do {
        this.again = false;
        left = await this.pass();
        if (left) break;
      } while (this.again);
      return left;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves when no pass is running (before the replica closes). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** One look at every waiting file: true when one is left for a retry (it stops at offline, token expired). */
  private async pass(): Promise<boolean> {
    let left = false;
    const waiting = await this.files.find({ selector: { state: 'waiting' }, sort: [{ id: 'asc' }] }).exec();
    for (const doc of waiting) {
      const file = doc.toJSON() as DocumentFile;
      const action = (await this.actions.findOne(file.actionId).exec())?.toJSON() as Action | undefined;
      if (!action) {
        // The files are written before their action (runtime.perform); a crash in between leaves files
        // of an extension that was never recorded — nor ever reported as saved.
        if (this.now() - Date.parse(file.createdAt) > ORPHAN_MS) await doc.remove();
        continue;
      }
      if (action.status === 'pending') continue;
      if (action.status === 'rejected') {
        await this.hold(file.id, 'actionRejected');
        continue;
      }
      if (file.content === undefined) continue;
      const outcome = await this.send({ ...file, content: file.content });
      switch (outcome.kind) {
        case 'stored':
          await this.files
            .findOne(file.id)
            .exec()
            .then((d) =>
              d?.incrementalModify(({ content: _sent, ...rest }) => ({
                ...rest,
                state: 'uploaded',
                updatedAt: this.now(),
              })),
            );
          break;
        case 'refused':
          await this.hold(file.id, outcome.code);
          break;
        case 'later':
          left = true;
          break;
        case 'offline':
          return true;
        case 'unauthorized':
          this.onUnauthorized();
          return true;
      }
    }
    return left;
  }

  private async hold(id: string, problem: string): Promise<void> {
    const doc = await this.files.findOne(id).exec();
    await doc?.incrementalPatch({ state: 'held', problem: problem.slice(0, 100), updatedAt: this.now() });
  }
}
