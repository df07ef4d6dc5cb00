import { create } from 'zustand';
import { getMe, type Me } from './api';
import { onSessionEnd } from './http';
import { isApiError } from './problem';

/**
 * Who is using the view: nobody, or a parent with a profile. `me.needsIin` means registration
 * stopped before step 4 (the parent's IIN), so the app sends them back there.
 * The session itself is an HttpOnly cookie script cannot read; a flag in localStorage remembers that
 * this browser logged in, so a first-time visitor on a slow line is not made to wait for a /me round trip.
 */
interface SessionState {
  status: 'checking' | 'anonymous' | 'signedIn';
  me: Me | null;
  refreshMe(): Promise<void>;
  setMe(me: Me): void;
}

const FLAG = 'oryn.parent.signedIn';

export const useSession = create<SessionState>((set) => ({
  status: localStorage.getItem(FLAG) ? 'checking' : 'anonymous',
  me: null,
  async refreshMe() {
    try {
      const me = await getMe();
      localStorage.setItem(FLAG, '1');
      set({ status: 'signedIn', me });
    } catch (e) {
      // Offline or a server fault keeps what we know; only a refusal means nobody is logged in.
      if (!isApiError(e) || e.problem.status === 401 || e.problem.status === 403) {
        localStorage.removeItem(FLAG);
        set({ status: 'anonymous', me: null });
      } else if (useSession.getState().status === 'checking') set({ status: 'anonymous' });
    }
  },
  setMe: (me) => {
    localStorage.setItem(FLAG, '1');
    set({ me, status: 'signedIn' });
  },
}));

/** At start: ask the server only when this browser has logged in before. */
export function restoreSession(): void {
  if (localStorage.getItem(FLAG)) void useSession.getState().refreshMe();
}

onSessionEnd(() => {
  localStorage.removeItem(FLAG);
  useSession.setState({ status: 'anonymous', me: null });
});
