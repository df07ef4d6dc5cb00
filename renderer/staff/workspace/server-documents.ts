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

async function call(url: string, token: string | null, fetchImpl: Fetch): Promise<Response | number> {
  if (!token) return 401;
  try {
    const response = await fetchImpl(url, { headers: { Authorization: `Bearer ${token}` } });
    return response.ok ? response : response.status;
  } catch {
    return 0;
  }
}

const base = (serverUrl: string, referralId: string) =>
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
  const r = await call(base(serverUrl, referralId), token, fetchImpl);
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
  const r = await call(`${base(serverUrl, referralId)}/${encodeURIComponent(documentId)}`, token, fetchImpl);
  if (typeof r === 'number') return { ok: false, status: r };
  return { ok: true, value: new Uint8Array(await r.arrayBuffer()) };
}
