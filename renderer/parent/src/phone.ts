/**
 * A quick check in the browser that the number looks like a Kazakhstan mobile, +7 7XX XXX XX XX
 * (docs/domain.md, Parent account), so the message appears before a round trip. The server normalises
 * and decides (sync-server/auth/phone.ts); this only mirrors its accepted shapes.
 */
export function looksLikeKzMobile(input: string): boolean {
  const digits = input.replace(/[\s\-()]/g, '');
  const national =
    /^\+7(\d{10})$/.exec(digits)?.[1] ?? /^[78](\d{10})$/.exec(digits)?.[1] ?? /^(\d{10})$/.exec(digits)?.[1];
  return !!national && national.startsWith('7');
}
