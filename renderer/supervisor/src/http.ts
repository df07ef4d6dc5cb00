import { bodyOf, coalesced, problemOf, send } from '../../ui/http';

/**
 * The one place the supervisor pages talk HTTP to the sync server. The access token from
 * POST /api/auth/login is kept for the tab (sessionStorage) and sent as a bearer token; the
 * supervisor's own session cookie (oryn_supervisor_session) works as well, in a new tab. Every request
 * names this door (`x-oryn-door`), so the server reads the supervisor's cookies, never the staff
 * workspace's or a parent's signed in in the same browser (issue 14, item 19). Errors arrive as
 * `{ error: { code, params } }`.
 */
const DOOR = { 'x-oryn-door': 'supervisor' };
const TOKEN_KEY = 'oryn.supervisor.token';
const REFRESH_KEY = 'oryn.supervisor.refresh';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

export function setTokens(tokens: { token: string; refreshToken?: string } | null): void {
  if (tokens) {
    sessionStorage.setItem(TOKEN_KEY, tokens.token);
    if (tokens.refreshToken) sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(REFRESH_KEY);
  }
}

export function authHeaders(): Record<string, string> {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { ...DOOR, authorization: `Bearer ${token}` } : { ...DOOR };
}

/** A new access token (a burst of 401s waits for one refresh); false when the session is over. */
const refresh = coalesced(async () => {
  // Without a stored token (a new tab) the server takes the supervisor's refresh cookie.
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  const res = await send('POST', '/api/auth/refresh', {
    headers: DOOR,
    body: refreshToken ? { refreshToken } : {},
  });
  if (!res?.ok) return false;
  setTokens((await res.json()) as { token: string; refreshToken?: string });
  return true;
});

async function call(method: string, url: string, body: unknown): Promise<Response> {
  const res = await send(method, url, { headers: authHeaders(), body });
  if (!res) throw new ApiError(0, 'network');
  return res;
}

const fallbackCode = (status: number) => (status === 401 ? 'notSignedIn' : 'internal');

export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res = await call(method, url, body);
  if (res.status === 401 && (await refresh())) res = await call(method, url, body);
  if (!res.ok) {
    const problem = await problemOf(res, fallbackCode);
    throw new ApiError(res.status, problem.code, problem.params ?? {});
  }
  return bodyOf<T>(res);
}

/** A file download through the same session (exports): fetched, then saved with its server name. */
export async function download(url: string): Promise<void> {
  let res = await call('GET', url, undefined);
  if (res.status === 401 && (await refresh())) res = await call('GET', url, undefined);
  if (!res.ok) throw new ApiError(res.status, 'exportFailed');
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'oryn-export';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await res.blob());
  link.download = name;
  link.click();
  URL.revokeObjectURL(link.href);
}
