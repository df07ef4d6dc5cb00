/**
 * The referral's verification code (docs/domain.md, Referrals and Transparency): printed on the PDF and
 * in its QR code, checked by anyone at the public page `/#/verify/<code>`.
 *
 * It is derived deterministically from the activation's action id, so a workstation that activates
 * offline prints the same code the server later stores, and a retried action yields the same code.
 * Action ids are random UUIDs (122 bits), so the code is as unguessable as its length allows; it is
 * only as secret as the referral's id, which its parent, the kindergarten and the district see anyway.
 *
 * Length: 12 characters of a 32-letter alphabet, 32^12 = 2^60 ≈ 1.15 × 10^18 codes (docs/
 * docs/domain-conventions.md, "Checking a referral"). Referrals issued before issue 17 keep their 8-character
 * codes (32^8 = 2^40), which are still checked.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: read aloud over the phone
export const CODE_LENGTH = 12;
/** The codes of referrals issued before issue 17. */
export const LEGACY_CODE_LENGTH = 8;
const GROUP = 4;

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * MurmurHash3's finaliser: every input bit reaches every output bit. FNV-1a's low bits depend only on
 * the input's low bits, and the code is cut from 20 bits of each hash.
 */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b) >>> 0;
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

const SEEDS = [0x811c9dc5, 0x9e3779b9, 0x27d4eb2f] as const;

/** 'XXXX-XXXX-XXXX' (60 bits) from three hashes of the action id. */
export function verificationCode(actionId: string): string {
  // Ids are strings; anything else (bad input) must still not throw: String() does on an object whose
  // toString is not a function, so objects are named by their tag only.
  const text =
    typeof actionId === 'object' && actionId !== null
      ? Object.prototype.toString.call(actionId)
      : String(actionId);
  let chars = '';
  for (const seed of SEEDS) {
    const h = fmix32(fnv1a(text, seed));
    for (let i = 0; i < GROUP; i++) chars += CODE_ALPHABET[(h >>> (i * 5)) & 31];
  }
  return groupCode(chars);
}

const groupCode = (chars: string) => (chars.match(/.{1,4}/g) ?? []).join('-');

/** Cyrillic capitals that look like the Latin ones of the alphabet (typed on a Russian/Kazakh layout). */
const LOOKALIKES: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
};

/**
 * A code as someone types or scans it — any case, spaces, dashes, Cyrillic look-alike letters — in its
 * printed form ('JM5N-WW2G-7KQX', or 'JM5N-WW2G' for an older referral), or null when it cannot be one
 * (wrong length or a letter outside the alphabet).
 */
export function normalizeVerificationCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  let chars = '';
  for (const c of input.toUpperCase()) {
    if (/[\s\-‐‑‒–—_.]/.test(c)) continue;
    chars += LOOKALIKES[c] ?? c;
  }
  if (chars.length !== CODE_LENGTH && chars.length !== LEGACY_CODE_LENGTH) return null;
  for (const c of chars) if (!CODE_ALPHABET.includes(c)) return null;
  return groupCode(chars);
}

/**
 * The public check page of a deployment: `<PUBLIC_URL>/#/verify` (the parents' web view). The
 * referral's QR code opens it with the code, `<PUBLIC_URL>/#/verify/<code>`.
 */
export function referralCheckPage(publicUrl: string): string {
  return `${String(publicUrl).replace(/\/+$/, '')}/#/verify`;
}

export function referralCheckUrl(publicUrl: string, code: string): string {
  return `${referralCheckPage(publicUrl)}/${encodeURIComponent(code)}`;
}
