/** A supporting document as the server lists it (GET /api/referrals/:id/documents). */
export interface ServerDocument {
  id: string;
  name: string;
  description?: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

type Fetch = typeof fetch;
export type ServerCall<T> = { ok: true; value: T } | { ok: false; status: number };

/**
 * A request to the sync server with the session's access token: the response, or 401 without a live
 * token, or 0 when the server could not be reached at all.
 */
export async function authorizedFetch(
  url: string,
  token: string | null,
  init: RequestInit = {},
  fetchImpl: Fetch = fetch,
): Promise<Response | 0 | 401> {
  if (!token) return 401;
  try {
    return await fetchImpl(url, { ...init, headers: { Authorization: `Bearer ${token}` } });
  } catch {
    return 0;
  }
}

async function call(url: string, token: string | null, fetchImpl: Fetch): Promise<Response | number> {
  const response = await authorizedFetch(url, token, {}, fetchImpl);
  if (typeof response === 'number') return response;
  return response.ok ? response : response.status;
}

/** Where a referral's documents live on the server; one document is `<base>/<documentId>`. */
export const referralDocumentsUrl = (serverUrl: string, referralId: string) =>
  `${serverUrl}/api/referrals/${encodeURIComponent(referralId)}/documents`;

/**
 * The documents the server holds for a referral: the parent's own uploads and files attached on any
 * workstation. Online only; status 0 when the server is unreachable.
 */
export async function listServerDocuments(
  serverUrl: string,
  token: string | null,
  referralId: string,
  fetchImpl: Fetch = fetch,
): Promise<ServerCall<ServerDocument[]>> {
  const r = await call(referralDocumentsUrl(serverUrl, referralId), token, fetchImpl);
  if (typeof r === 'number') return { ok: false, status: r };
  return { ok: true, value: (await r.json()) as ServerDocument[] };
}

export async function serverDocumentBytes(
  serverUrl: string,
  token: string | null,
  referralId: string,
  documentId: string,
  fetchImpl: Fetch = fetch,
): Promise<ServerCall<Uint8Array>> {
  const r = await call(
    `${referralDocumentsUrl(serverUrl, referralId)}/${encodeURIComponent(documentId)}`,
    token,
    fetchImpl,
  );
  if (typeof r === 'number') return { ok: false, status: r };
  return { ok: true, value: new Uint8Array(await r.arrayBuffer()) };
}
