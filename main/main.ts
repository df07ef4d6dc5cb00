import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import type { PdfFonts } from '../src/pdf/pdfFonts';
import { renderReferralPdf } from '../src/pdf/referralPdf';
import { APP_SCHEME } from './app-origin';
import { appProtocolHandler } from './app-protocol';
import { registerIpcHandlers } from './ipc';
import { guardNavigation } from './navigation-guard';
import { PdfOutput } from './pdf-output';
import { ReplicaKeyStore } from './replica-key';
import { ServerConfig } from './server-config';
import { claimSingleInstance } from './single-instance';
import { printWindowOptions, showStaffWindow, staffWindowOptions } from './window';

// The Electron entry (dist/main/main.js, built by main/build.ts). Layout of the packaged app:
// dist/main/{main.js,preload.cjs}, dist/renderer/staff/, build/icon.png.
const here = fileURLToPath(new URL('.', import.meta.url));
const rendererRoot = join(here, '..', 'renderer', 'staff');
const preloadPath = join(here, 'preload.cjs');
const iconPath = join(here, '..', '..', 'build', 'icon.png');
// Copied next to main.js by main/build.ts from src/pdf/fonts (DejaVu Sans: Kazakh letters).
let fonts: PdfFonts | undefined;
const pdfFonts = (): PdfFonts =>
  (fonts ??= {
    regular: readFileSync(join(here, 'fonts', 'DejaVuSans.ttf')),
    bold: readFileSync(join(here, 'fonts', 'DejaVuSans-Bold.ttf')),
  });

let staffWindow: BrowserWindow | null = null;

// Must run before 'ready': a standard, secure scheme gets its own origin (IndexedDB for the replica).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (claimSingleInstance(app, () => staffWindow)) {
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start);
}

async function start(): Promise<void> {
  const dataFolder = app.getPath('userData');
  const serverConfig = new ServerConfig(dataFolder, process.env.ORYN_SERVER_URL);

  // Nothing the page could ask for (camera, notifications, geolocation…) is granted.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  protocol.handle(
    APP_SCHEME,
    appProtocolHandler(rendererRoot, () => serverConfig.get()),
  );

  registerIpcHandlers(ipcMain, {
    pdf: new PdfOutput({
      dialog,
      documentsFolder: app.getPath('documents'),
      tempFolder: app.getPath('temp'),
      parentWindow: () => staffWindow,
      createPrintWindow: () => new BrowserWindow(printWindowOptions()),
      renderReferral: (data, lng, fonts) => renderReferralPdf(data, lng, { fonts }),
      fonts: pdfFonts,
    }),
    replicaKeys: new ReplicaKeyStore(safeStorage, dataFolder),
    serverConfig,
    appInfo: () => ({ version: app.getVersion(), dataFolder, platform: process.platform }),
  });

  staffWindow = new BrowserWindow(staffWindowOptions(preloadPath, iconPath));
  staffWindow.on('closed', () => {
    staffWindow = null;
  });
  await showStaffWindow(staffWindow);
}
