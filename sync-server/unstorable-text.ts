/**
 * Text PostgreSQL cannot store (stack.md: "`jsonb` and `text` reject `\u0000`"): the NUL character,
 * and a UTF-16 surrogate without its pair, which JSON carries as `\ud800` and jsonb refuses ("Unicode
 * low surrogate must follow a high surrogate"). Neither is ever part of a name, an address or an id,
 * so a request carrying one is refused at the boundary (400, naming the field) and a write carrying
 * one is refused by the storage guard (guarded-storage.ts), never half-stored.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const isUnstorableText = (text: string): boolean => text.search(UNSTORABLE) !== -1;

/** Deeper than any document or request the server accepts: refused too, rather than walked to the end. */
const MAX_DEPTH = 64;

/**
 * The dotted path ('children.0.name') of the first string or key in `value` that cannot be stored, ''
 * for `value` itself, or null when everything can be stored.
 */
export function unstorableTextPath(value: unknown, path: readonly string[] = []): string | null {
  if (typeof value === 'string') return isUnstorableText(value) ? path.join('.') : null;
  if (typeof value !== 'object' || value === null) return null;
  if (path.length >= MAX_DEPTH) return path.join('.');
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  for (const [key, child] of entries) {
    if (isUnstorableText(key)) return [...path, key.replace(UNSTORABLE, '\uFFFD')].join('.');
    const found = unstorableTextPath(child, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}
