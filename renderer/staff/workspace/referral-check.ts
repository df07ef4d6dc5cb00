import {
  normalizeVerificationCode,
  type ReferralCheck,
  referralCheck,
  referralCheckStatus,
} from '../../../src/domain';
import { serverUrlInput } from '../../../src/host/host-contract';
import type { Language } from '../../../src/i18n';
import type { Group, Kindergarten, Referral } from '../../../src/schema';

/**
 * The staff workspace's referral check (issue 17): a code a parent brings on paper is checked against
 * the server (any kindergarten's referral, as the public page does) and, without a connection, against
 * this workstation's replica (this kindergarten's referrals only). Also the public address the desktop
 * app prints in the QR code of a referral it renders itself.
 */

type Fetch = typeof fetch;

const publicUrlKey = (serverUrl: string) => `oryn.publicUrl.${serverUrl}`;

/** The server's PUBLIC_URL as it last said (GET /api/health), else the address this workstation uses. */
export function knownPublicUrl(storage: Storage, serverUrl: string): string {
  return storage.getItem(publicUrlKey(serverUrl)) ?? serverUrl;
}

/** Asks the server for its public address and keeps it for printing offline; false if it could not. */
export async function learnPublicUrl(
  storage: Storage,
  serverUrl: string,
  fetchImpl: Fetch = fetch,
): Promise<boolean> {
  try {
    const response = await fetchImpl(`${serverUrl}/api/health`);
    if (!response.ok) return false;
    const parsed = serverUrlInput.safeParse(((await response.json()) as { publicUrl?: unknown }).publicUrl);
    if (!parsed.success) return false;
    storage.setItem(publicUrlKey(serverUrl), parsed.data);
    return true;
  } catch {
    return false;
  }
}

export type CheckAnswer =
  | { found: true; check: ReferralCheck; source: 'server' | 'replica' }
  | { found: false; source: 'server' | 'replica' }
  /** The code cannot be one (length, letters): nothing was asked. */
  | { found: false; source: 'format' }
  /** The server refused (429 and the seconds to wait) or could not be reached (status 0). */
  | { found: false; source: 'unavailable'; status: number; seconds?: number };

/** GET /api/verify/:code, in the workspace's language (the kindergarten's name in it). */
export async function checkOnline(
  serverUrl: string,
  code: string,
  language: Language,
  fetchImpl: Fetch = fetch,
): Promise<CheckAnswer> {
  try {
    const response = await fetchImpl(`${serverUrl}/api/verify/${encodeURIComponent(code)}`, {
      headers: { 'Accept-Language': language },
    });
    if (response.ok)
      return { found: true, check: (await response.json()) as ReferralCheck, source: 'server' };
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; params?: { seconds?: number } };
    } | null;
    if (response.status === 404 && body?.error?.code === 'referralNotFound')
      return { found: false, source: 'server' };
    return {
      found: false,
      source: 'unavailable',
      status: response.status,
      seconds: body?.error?.params?.seconds,
    };
  } catch {
    return { found: false, source: 'unavailable', status: 0 };
  }
}

/** The same answer from the replica: this kindergarten's referrals, names as the replica has them. */
export function checkInReplica(
  state: {
    referrals: Record<string, Referral>;
    kindergartens: Record<string, Kindergarten>;
    groups: Record<string, Group>;
  },
  code: string,
  language: Language,
  now: string,
): CheckAnswer {
  const asked = normalizeVerificationCode(code);
  if (!asked) return { found: false, source: 'format' };
  const referral = Object.values(state.referrals)
    .filter((r) => r.verificationCode === asked && referralCheckStatus(r, now).ok)
    .sort((a, b) => b.activatedAt.localeCompare(a.activatedAt))[0];
  if (!referral) return { found: false, source: 'replica' };
  const kindergarten = state.kindergartens[referral.kindergartenId];
  const check = referralCheck(
    referral,
    {
      kindergarten: (language === 'kk' ? kindergarten?.nameKk : kindergarten?.nameRu) ?? '',
      group: state.groups[referral.groupId]?.name ?? '',
    },
    now,
  );
  return check.ok
    ? { found: true, check: check.value, source: 'replica' }
    : { found: false, source: 'replica' };
}

/**
 * Online first (the server knows every kindergarten's referrals and what is not yet on this computer
 * is pending anyway); the replica when the server cannot be reached, or when it does not know a
 * referral this workstation activated and has not yet synced.
 */
export async function checkReferral(
  options: {
    online: boolean;
    serverUrl: string;
    state: Parameters<typeof checkInReplica>[0];
    language: Language;
    now: string;
  },
  code: string,
  fetchImpl: Fetch = fetch,
): Promise<CheckAnswer> {
  if (!normalizeVerificationCode(code)) return { found: false, source: 'format' };
  const local = () => checkInReplica(options.state, code, options.language, options.now);
  if (!options.online) return local();
  const answer = await checkOnline(options.serverUrl, code, options.language, fetchImpl);
  if (answer.found) return answer;
  if (answer.source === 'unavailable' && answer.status !== 0) return answer;
  const fromReplica = local();
  return fromReplica.found ? fromReplica : answer.source === 'server' ? answer : fromReplica;
}
