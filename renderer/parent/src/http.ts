import { bodyOf, coalesced, problemOf, send } from '../../ui/http';
import { ApiError } from './problem';

/**
 * The one place that talks HTTP to the sync server's parents' API (/api). The session travels in
 * HttpOnly cookies set by the server (sync-server/api/session-cookie.ts): script never sees a token,
 * and the browser's EventSource is authenticated too. When the short-lived access cookie has expired
 * the client asks /api/auth/refresh once (the refresh cookie) and retries.
 */
let language = 'ru';
const listeners = new Set<(signedIn: boolean) => void>();

/** The interface language, sent so the server's messages and the referral PDF match it. */
export function setRequestLanguage(lng: string): void {
  language = lng;
}

/** Told when the server ends the session (an expired or revoked session, or logout). */
export function onSessionEnd(listener: () => void): () => void {
  const l = (signedIn: boolean) => !signedIn && listener();
  listeners.add(l);
  return () => listeners.delete(l);
}

export function sessionEnded(): void {
  for (const l of listeners) l(false);
}

const fallbackCode = (status: number) =>
  status === 401
    ? 'unauthorized'
    : status === 404
      ? 'notFound'
      : status === 429
        ? 'rateLimited'
        : 'serverError';

/** A new access cookie from the refresh cookie; false when the session is over. One for a burst of 401s. */
export const refresh = coalesced(async () => {
  const res = await send('POST', '/api/auth/refresh', { body: {} });
  return res?.ok ?? false;
});

export interface RequestOptions {
  /** JSON body, or FormData for uploads. */
  body?: unknown;
  /** Return the raw Response (PDF downloads). */
  raw?: boolean;
  /** Do not try a refresh on 401 (login, registration: a 401 there is the answer). */
  noRefresh?: boolean;
}

async function call(method: string, path: string, options: RequestOptions): Promise<Response> {
  const res = await send(method, `/api${path}`, {
    headers: { 'accept-language': language },
    body: options.body,
  });
  if (!res) throw new ApiError({ code: 'network', status: 0 });
  return res;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let res = await call(method, path, options);
  if (res.status === 401 && !options.noRefresh) {
    if (await refresh()) res = await call(method, path, options);
    if (res.status === 401) sessionEnded();
  }
  if (!res.ok) throw new ApiError(await problemOf(res, fallbackCode));
  if (options.raw) return res as T;
  return bodyOf<T>(res);
}
