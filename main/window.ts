import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY } from './app-origin';

/**
 * The renderer gets no Node.js, runs in Chromium's sandbox and in its own JavaScript world: the only
 * door to the machine is the preload's typed bridge (docs/architecture.md, Desktop app).
 */
export function secureWebPreferences(
  preloadPath: string,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function staffWindowOptions(preloadPath: string, iconPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'Oryn',
    icon: iconPath,
    show: false,
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** The hidden window that prints a PDF: the PDF viewer needs `plugins`, and nothing else is granted. */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    webPreferences: { ...secureWebPreferences(''), preload: undefined, plugins: true },
  };
}

export async function showStaffWindow(window: BrowserWindow): Promise<void> {
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY);
}
