import type { StaffSession } from '../state';
import { verifyOffline, rememberForOffline } from './offline-verifier';
import { AuthFailure, loginOnline } from './server-auth';

export type LoginOutcome = { ok: true; session: StaffSession } | { ok: false; code: string };

/**
 * Log in: online when the server answers; when it cannot be reached (not when it refuses), from the
 * verifier of the last online login on this workstation.
 */
export async function staffLogin(
  storage: Storage,
  serverUrl: string,
  login: string,
  password: string,
  fetchImpl: typeof fetch = fetch,
): Promise<LoginOutcome> {
  try {
    const issued = await loginOnline(serverUrl, login, password, fetchImpl);
    if (issued.user.role !== 'staff' || !issued.user.kindergartenId) return { ok: false, code: 'notStaff' };
    await rememberForOffline(storage, serverUrl, login, password, issued.user, issued.refreshToken);
    return {
      ok: true,
      session: {
        userId: issued.user.id,
        login: issued.user.login,
        name: issued.user.name,
        kindergartenId: issued.user.kindergartenId,
        serverUrl,
        token: issued.token,
        refreshToken: issued.refreshToken,
        validUntil: issued.validUntil,
        offline: false,
      },
    };
  } catch (err) {
    if (!(err instanceof AuthFailure) || err.code !== 'network') {
      return { ok: false, code: err instanceof AuthFailure ? err.code : 'network' };
    }
  }
  const record = await verifyOffline(storage, serverUrl, login, password);
  if (!record?.user.kindergartenId) return { ok: false, code: 'offlineUnknown' };
  return {
    ok: true,
    session: {
      userId: record.user.id,
      login: record.user.login,
      name: record.user.name,
      kindergartenId: record.user.kindergartenId,
      serverUrl,
      token: null,
      refreshToken: record.refreshToken,
      validUntil: 0,
      offline: true,
    },
  };
}
