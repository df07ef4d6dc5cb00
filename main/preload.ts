import { contextBridge, ipcRenderer } from 'electron';
import {
  HOST_CHANNELS,
  type HostResult,
  invalidInput,
  type OrynHost,
  pdfDocumentInput,
  referralPdfInput,
  savedDocumentInput,
  serverUrlInput,
  userIdInput,
} from '../src/host/host-contract';

/**
 * The preload builds one typed object, one method per channel, and checks every value before it
 * crosses (Signal Desktop's bridge). The main process checks again: the preload is a convenience, not
 * the trust boundary. Exposed as `window.oryn`.
 */
export function createBridge(invoke: (channel: string, ...args: unknown[]) => Promise<unknown>): OrynHost {
  const checked = <T>(valid: boolean, field: string, run: () => Promise<unknown>): Promise<HostResult<T>> =>
    valid ? (run() as Promise<HostResult<T>>) : Promise.resolve(invalidInput(field));
  return {
    kind: 'electron',
    savePdf: (doc) =>
      checked(pdfDocumentInput.safeParse(doc).success, 'pdf', () => invoke(HOST_CHANNELS.savePdf, doc)),
    saveDocument: (doc) =>
      checked(savedDocumentInput.safeParse(doc).success, 'document', () =>
        invoke(HOST_CHANNELS.saveDocument, doc),
      ),
    printPdf: (doc) =>
      checked(pdfDocumentInput.safeParse(doc).success, 'pdf', () => invoke(HOST_CHANNELS.printPdf, doc)),
    appInfo: () => invoke(HOST_CHANNELS.appInfo) as ReturnType<OrynHost['appInfo']>,
    replicaKey: (userId) =>
      checked(userIdInput.safeParse(userId).success, 'userId', () =>
        invoke(HOST_CHANNELS.replicaKey, userId),
      ),
    getServerUrl: () => invoke(HOST_CHANNELS.getServerUrl) as Promise<string | null>,
    setServerUrl: (url) =>
      checked(serverUrlInput.safeParse(url).success, 'serverUrl', () =>
        invoke(HOST_CHANNELS.setServerUrl, url),
      ),
    referralPdf: (request) =>
      checked(referralPdfInput.safeParse(request).success, 'referral', () =>
        invoke(HOST_CHANNELS.referralPdf, request),
      ),
  };
}

contextBridge.exposeInMainWorld(
  'oryn',
  createBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
