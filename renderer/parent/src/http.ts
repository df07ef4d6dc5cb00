import { ApiError, type Problem } from './problem';

/**
 * The one place that talks HTTP to the sync server's parents' API (/api). The session travels in
 * HttpOnly cookies set by the server (sync-server/api/session-cookie.ts): script never sees a token,
 * and the browser's EventSource is authenticated too. When the short-lived access cookie has expired
 * the client asks /api/auth/refresh once (the refresh cookie) and retries.
 */
let language = 'ru';
let refreshing: Promise<boolean> | null = null;
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

async function problemOf(res: Response): Promise<Problem> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page): the status decides the code below.
  }
  const error = (body as { error?: Partial<Problem> } | null)?.error;
  const fallback =
    res.status === 401
      ? 'unauthorized'
      : res.status === 404
        ? 'notFound'
        : res.status === 429
          ? 'rateLimited'
          : 'serverError';
  return {
    code: typeof error?.code === 'string' ? error.code : fallback,
    field: typeof error?.field === 'string' ? error.field : undefined,
    params: error?.params && typeof error.params === 'object' ? error.params : undefined,
    status: res.status,
  };
}

/** A new access cookie from the refresh cookie; false when the session is over. */
export function refresh(): Promise<boolean> {
  refreshing ??= fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
    credentials: 'same-origin',
  })
    .then((res) => res.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

export interface RequestOptions {
  /** JSON body, or FormData for uploads. */
  body?: unknown;
  /** Return the raw Response (PDF downloads). */
  raw?: boolean;
  /** Do not try a refresh on 401 (login, registration: a 401 there is the answer). */
  noRefresh?: boolean;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  try {
    return await fetch(`/api${path}`, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ code: 'network', status: 0 });
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, options);
  if (res.status === 401 && !options.noRefresh) {
    if (await refresh()) res = await send(method, path, options);
    if (res.status === 401) sessionEnded();
  }
  if (!res.ok) throw new ApiError(await problemOf(res));
  if (options.raw) return res as T;
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
