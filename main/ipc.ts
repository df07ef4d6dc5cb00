import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { isTrustedAppUrl } from './navigation-guard';
import { type AppInfo, HOST_CHANNELS, type HostResult } from '../src/host/host-contract';
import type { PdfOutput } from './pdf-output';
import type { ReplicaKeyStore } from './replica-key';
import type { ServerConfig } from './server-config';

export interface IpcServices {
  pdf: Pick<PdfOutput, 'save' | 'saveDocument' | 'print' | 'referral'>;
  replicaKeys: Pick<ReplicaKeyStore, 'keyFor'>;
  serverConfig: Pick<ServerConfig, 'get' | 'set'>;
  appInfo: () => AppInfo;
}

const untrusted = { ok: false, error: { code: 'host.untrustedSender', params: {} } } as const;

/**
 * One handler per channel. Every call is checked twice: that it comes from our own page (a frame
 * showing anything else gets nothing, even if it somehow loaded), and its arguments, by the contract's
 * validators inside each service.
 */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, services: IpcServices): void {
  const handle = <T>(channel: string, run: (...args: unknown[]) => Promise<T> | T) =>
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedAppUrl(event.senderFrame?.url ?? '')) return untrusted;
      return run(...args);
    });

  handle(HOST_CHANNELS.savePdf, (doc) => services.pdf.save(doc));
  handle(HOST_CHANNELS.saveDocument, (doc) => services.pdf.saveDocument(doc));
  handle(HOST_CHANNELS.printPdf, (doc) => services.pdf.print(doc));
  handle(HOST_CHANNELS.referralPdf, (request) => services.pdf.referral(request));
  handle(HOST_CHANNELS.appInfo, () => services.appInfo());
  handle(HOST_CHANNELS.replicaKey, (userId) => services.replicaKeys.keyFor(userId));
  handle(HOST_CHANNELS.getServerUrl, () => services.serverConfig.get());
  // The CSP's connect-src is computed per page load from the saved URL: the renderer reloads after this.
  handle(HOST_CHANNELS.setServerUrl, (url): Promise<HostResult<string>> => services.serverConfig.set(url));
}
