import { create } from 'zustand';
import { getMe, type Me } from './api';
import { onSessionEnd } from './http';
import { isApiError } from './problem';

/**
 * Who is using the view: nobody, or a parent with a profile. `me.needsIin` means registration
 * stopped before step 4 (the parent's IIN), so the app sends them back there.
 */
interface SessionState {
  status: 'checking' | 'anonymous' | 'signedIn';
  me: Me | null;
  refreshMe(): Promise<void>;
  setMe(me: Me): void;
}

export const useSession = create<SessionState>((set) => ({
  status: 'checking',
  me: null,
  async refreshMe() {
    try {
      set({ status: 'signedIn', me: await getMe() });
    } catch (e) {
      // Offline or a server fault keeps what we know; only a refusal means nobody is logged in.
      if (!isApiError(e) || e.problem.status === 401 || e.problem.status === 403)
        set({ status: 'anonymous', me: null });
      else if (useSession.getState().status === 'checking') set({ status: 'anonymous' });
    }
  },
  setMe: (me) => set({ me, status: 'signedIn' }),
}));

onSessionEnd(() => useSession.setState({ status: 'anonymous', me: null }));
