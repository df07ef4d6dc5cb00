import type { StaffSession } from '../state';

const KEY = 'oryn.staffSession';

/**
 * The session survives a reload of the window (sessionStorage: this window only, gone when it closes),
 * so reloading while offline keeps the staff member in their workspace.
 */
export function saveSession(storage: Storage, session: StaffSession | null): void {
  if (session) storage.setItem(KEY, JSON.stringify(session));
  else storage.removeItem(KEY);
}

export function loadSession(storage: Storage): StaffSession | null {
  try {
    const raw = storage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StaffSession) : null;
  } catch {
    return null;
  }
}
