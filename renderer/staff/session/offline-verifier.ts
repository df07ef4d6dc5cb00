import type { StaffUser } from './server-auth';

/**
 * "After the first online login it opens offline too" (issue 6). At each online login the workstation
 * keeps a salted PBKDF2 verifier of the password (never the password), the user's profile and the
 * latest refresh token; without a connection, the same login and password open the same replica.
 */
export interface OfflineRecord {
  user: StaffUser;
  salt: string;
  verifier: string;
  refreshToken: string | null;
}

const ITERATIONS = 210_000; // OWASP's figure for PBKDF2-HMAC-SHA256
const keyOf = (serverUrl: string, login: string) => `oryn.offline.${serverUrl}.${login.trim().toLowerCase()}`;

const hex = (bytes: ArrayBuffer | Uint8Array) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

async function derive(password: string, salt: string): Promise<string> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new TextEncoder().encode(salt), iterations: ITERATIONS },
    material,
    256,
  );
  return hex(bits);
}

export async function rememberForOffline(
  storage: Storage,
  serverUrl: string,
  login: string,
  password: string,
  user: StaffUser,
  refreshToken: string,
): Promise<void> {
  const salt = hex(crypto.getRandomValues(new Uint8Array(16)));
  const record: OfflineRecord = { user, salt, verifier: await derive(password, salt), refreshToken };
  storage.setItem(keyOf(serverUrl, login), JSON.stringify(record));
}

/** The newest refresh token, so the session resumes by itself when the connection returns. */
export function updateOfflineRefreshToken(
  storage: Storage,
  serverUrl: string,
  login: string,
  refreshToken: string | null,
) {
  const raw = storage.getItem(keyOf(serverUrl, login));
  if (!raw) return;
  storage.setItem(
    keyOf(serverUrl, login),
    JSON.stringify({ ...(JSON.parse(raw) as OfflineRecord), refreshToken }),
  );
}

/** The saved record when login and password match it; null otherwise (never says which was wrong). */
export async function verifyOffline(
  storage: Storage,
  serverUrl: string,
  login: string,
  password: string,
): Promise<OfflineRecord | null> {
  const raw = storage.getItem(keyOf(serverUrl, login));
  if (!raw) return null;
  let record: OfflineRecord;
  try {
    record = JSON.parse(raw) as OfflineRecord;
  } catch {
    return null;
  }
  const candidate = await derive(password, record.salt);
  // Constant-time comparison of the two hex strings.
  let diff = candidate.length ^ record.verifier.length;
  for (let i = 0; i < candidate.length; i++)
    diff |= candidate.charCodeAt(i) ^ (record.verifier.charCodeAt(i) || 0);
  return diff === 0 ? record : null;
}
