import type { App, BrowserWindow } from 'electron';

/**
 * One running app per user: two instances would open the same replica (IndexedDB) twice and fight over
 * it. A second launch focuses the existing window instead. Returns false when this process must quit.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'on' | 'quit'>,
  window: () => BrowserWindow | null,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const existing = window();
    if (!existing) return;
    if (existing.isMinimized()) existing.restore();
    existing.show();
    existing.focus();
  });
  return true;
}
