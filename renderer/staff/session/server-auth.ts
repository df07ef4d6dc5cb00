/**
 * The sync server's auth routes (sync-server/api/routes/sessions.ts): staff log in with login and
 * password; the access token is short-lived and the refresh token rotates (each works once).
 */
export interface IssuedTokens {
  token: string;
  refreshToken: string;
  validUntil: number;
}
export interface StaffUser {
  id: string;
  login: string;
  role: string;
  name: string;
  kindergartenId: string | null;
}

/** A refusal as the server codes it, or `network` when the server could not be reached at all. */
export class AuthFailure extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

async function post<T>(url: string, body: unknown, fetchImpl: typeof fetch, token?: string): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  } catch {
    throw new AuthFailure('network');
  }
  const data = (await response.json().catch(() => ({}))) as {
    error?: { code?: string; params?: Record<string, unknown> };
  };
  if (!response.ok)
    throw new AuthFailure(data.error?.code ?? `http${response.status}`, data.error?.params ?? {});
  return data as T;
}

export function loginOnline(
  serverUrl: string,
  login: string,
  password: string,
  fetchImpl: typeof fetch = fetch,
) {
  return post<IssuedTokens & { user: StaffUser }>(
    `${serverUrl}/api/auth/login`,
    { login, password },
    fetchImpl,
  );
}

/** `accountDisabled` (403) when the session is live but its account has been disabled since. */
export function refreshTokens(serverUrl: string, refreshToken: string, fetchImpl: typeof fetch = fetch) {
  return post<IssuedTokens>(`${serverUrl}/api/auth/refresh`, { refreshToken }, fetchImpl);
}

export async function logoutOnline(
  serverUrl: string,
  token: string,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  await post(`${serverUrl}/api/auth/logout`, {}, fetchImpl, token).catch(() => undefined);
}
