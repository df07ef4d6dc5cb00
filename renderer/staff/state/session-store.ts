import { create } from 'zustand';

/** Who is working: the staff member, their kindergarten and the tokens for the sync server. */
export interface StaffSession {
  userId: string;
  login: string;
  name: string;
  kindergartenId: string;
  serverUrl: string;
  /** null after an offline login, until the server is reachable and the session is refreshed. */
  token: string | null;
  refreshToken: string | null;
  /** Epoch ms when `token` expires. */
  validUntil: number;
  /** Logged in without the server (from the verifier saved at the last online login). */
  offline: boolean;
}

interface SessionState {
  session: StaffSession | null;
  setSession: (session: StaffSession | null) => void;
  /** New tokens from a refresh; the rest of the session stays. */
  setTokens: (tokens: Pick<StaffSession, 'token' | 'refreshToken' | 'validUntil'>) => void;
}

export const useSessionStore = create<SessionState>((set) => ({
  session: null,
  setSession: (session) => set({ session }),
  setTokens: (tokens) =>
    set((s) => (s.session ? { session: { ...s.session, ...tokens, offline: false } } : s)),
}));
