import type { AppInfo, HostResult, OrynHost } from '../../../src/host/host-contract';
import {
  invalidInput,
  pdfDocumentInput,
  savedDocumentInput,
  serverUrlInput,
} from '../../../src/host/host-contract';
import { version } from '../../../package.json';

const SERVER_URL_KEY = 'oryn.serverUrl';
const KEY_PREFIX = 'oryn.replicaKey.';

/**
 * The browser stand-in for the Electron preload bridge (docs/architecture.md, Desktop app): the same
 * OrynHost, so the staff workspace runs unchanged at the sync server's /staff/ — that is how E2E
 * drives it. Differences: PDFs go through the browser's download and print; the replica key lives in
 * this browser profile's localStorage (no OS key store in a web page), so at-rest protection in a
 * browser is only that of the profile; the desktop app keeps it with safeStorage.
 */
export function createBrowserHost(
  location: Location,
  storage: Storage,
  /** The staff session's access token: the browser asks the server for the referral PDF. */
  token: () => string | null,
): OrynHost {
  return {
    kind: 'browser',
    async savePdf(doc): Promise<HostResult<{ saved: boolean }>> {
      if (!pdfDocumentInput.safeParse(doc).success) return invalidInput('pdf');
      download(doc.data, 'application/pdf', doc.fileName);
      return { ok: true, value: { saved: true } };
    },
    async saveDocument(doc): Promise<HostResult<{ saved: boolean }>> {
      const parsed = savedDocumentInput.safeParse(doc);
      if (!parsed.success) return invalidInput('document');
      // Served with the type its bytes say, whatever the page was told.
      download(parsed.data.data, parsed.data.type, parsed.data.fileName);
      return { ok: true, value: { saved: true } };
    },
    async printPdf(doc): Promise<HostResult<{ printed: boolean }>> {
      if (!pdfDocumentInput.safeParse(doc).success) return invalidInput('pdf');
      const frame = document.createElement('iframe');
      frame.hidden = true;
      frame.src = blobUrl(doc.data, 'application/pdf');
      document.body.append(frame);
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      frame.contentWindow?.print();
      return { ok: true, value: { printed: true } };
    },
    async appInfo(): Promise<AppInfo> {
      return { version, dataFolder: `${location.origin} (IndexedDB)`, platform: 'web' };
    },
    async replicaKey(userId): Promise<HostResult<string>> {
      const name = KEY_PREFIX + userId;
      let key = storage.getItem(name);
      if (!key) {
        const bytes = crypto.getRandomValues(new Uint8Array(32));
        key = btoa(String.fromCharCode(...bytes)).replace(
          /[+/=]/g,
          (c) => ({ '+': '-', '/': '_', '=': '' })[c] ?? '',
        );
        storage.setItem(name, key);
      }
      return { ok: true, value: key };
    },
    async getServerUrl(): Promise<string | null> {
      // Served by the sync server at /staff/: the server is this page's origin unless set otherwise.
      return storage.getItem(SERVER_URL_KEY) ?? location.origin;
    },
    async referralPdf(request): Promise<HostResult<Uint8Array>> {
      // No pdfkit in a web page: the server renders the same document (src/pdf). Online only here;
      // the desktop app renders it itself, offline too.
      const server = storage.getItem(SERVER_URL_KEY) ?? location.origin;
      const bearer = token();
      try {
        const response = await fetch(
          `${server}/api/referrals/${encodeURIComponent(request.data.id)}/pdf?lang=${request.language}`,
          { headers: bearer ? { Authorization: `Bearer ${bearer}` } : {} },
        );
        if (!response.ok) {
          return {
            ok: false,
            error: {
              code: 'host.pdfFailed',
              params: { referralId: request.data.id, status: response.status },
            },
          };
        }
        return { ok: true, value: new Uint8Array(await response.arrayBuffer()) };
      } catch {
        return {
          ok: false,
          error: { code: 'host.pdfFailed', params: { referralId: request.data.id, status: 0 } },
        };
      }
    },
    async setServerUrl(url): Promise<HostResult<string>> {
      const parsed = serverUrlInput.safeParse(url);
      if (!parsed.success) return invalidInput('serverUrl');
      storage.setItem(SERVER_URL_KEY, parsed.data);
      return { ok: true, value: parsed.data };
    },
  };
}

function blobUrl(data: Uint8Array, type: string): string {
  return URL.createObjectURL(new Blob([data as BlobPart], { type }));
}

/**
 * The browser's own download of the bytes, under the given name. It cannot say whether the user kept
 * the file, so saving reports saved: true once the download has started.
 */
function download(data: Uint8Array, type: string, fileName: string): void {
  const url = blobUrl(data, type);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked later, not at once: the download reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
