/**
 * What the parent and supervisor pages share of talking HTTP to the sync server (issue 15): a request
 * to our own origin with a JSON or multipart body, the refusal read from the API's one envelope
 * `{ error: { code, message, field?, params? } }`, a successful body read, and one session refresh for
 * a burst of 401s. Each app's http.ts adds how its session travels (cookies, or a bearer token).
 */

/** What the server refused, as the API says it; `field` names the form field it belongs beside. */
export interface Problem {
  code: string;
  field?: string;
  params?: Record<string, unknown>;
  status: number;
}

export interface SendOptions {
  headers?: Record<string, string>;
  /** JSON, or FormData for uploads. */
  body?: unknown;
}

/** One request to our own origin; null when the network failed (no answer at all). */
export async function send(method: string, url: string, options: SendOptions = {}): Promise<Response | null> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  try {
    return await fetch(url, { method, headers, body, credentials: 'same-origin' });
  } catch {
    return null;
  }
}

/**
 * The refusal a response carries. A body that is not the API's envelope (a proxy's error page) is
 * named by its status through `fallback`.
 */
export async function problemOf(res: Response, fallback: (status: number) => string): Promise<Problem> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON: the status decides the code below.
  }
  const error = (body as { error?: Partial<Problem> } | null)?.error;
  return {
    code: typeof error?.code === 'string' ? error.code : fallback(res.status),
    field: typeof error?.field === 'string' ? error.field : undefined,
    params: error?.params && typeof error.params === 'object' ? error.params : undefined,
    status: res.status,
  };
}

/** A successful answer's body: JSON, or nothing for 204 and an empty body. */
export async function bodyOf<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * One refresh at a time: every request of a burst that met 401 waits for the same refresh instead of
 * each spending the refresh token (which the server rotates).
 */
export function coalesced(refresh: () => Promise<boolean>): () => Promise<boolean> {
  let running: Promise<boolean> | null = null;
  return () => {
    running ??= refresh()
      .catch(() => false)
      .finally(() => {
        running = null;
      });
    return running;
  };
}
