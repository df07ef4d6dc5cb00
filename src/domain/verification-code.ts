/**
 * The referral's verification code (domain.md, Referrals: printed on the PDF so a kindergarten can
 * check a paper referral). Derived deterministically from the action id, so a retried action yields
 * the same referral with the same code. Not a secret: the server checks it against the stored referral.
 */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: read aloud over the phone

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** 'XXXX-XXXX' from 40 bits of two FNV-1a hashes of the action id. */
export function verificationCode(actionId: string): string {
  // Ids are strings; anything else (bad input) must still not throw: String() does on an object whose
  // toString is not a function, so objects are named by their tag only.
  const text =
    typeof actionId === 'object' && actionId !== null
      ? Object.prototype.toString.call(actionId)
      : String(actionId);
  const a = fnv1a(text, 0x811c9dc5);
  const b = fnv1a(text, 0x9e3779b9);
  let chars = '';
  for (let i = 0; i < 4; i++) chars += ALPHABET[(a >>> (i * 5)) & 31];
  for (let i = 0; i < 4; i++) chars += ALPHABET[(b >>> (i * 5)) & 31];
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}
