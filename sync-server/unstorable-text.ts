/**
 * Text PostgreSQL cannot store (docs/stack.md: "`jsonb` and `text` reject `\u0000`"): the NUL character,
 * and a UTF-16 surrogate without its pair, which JSON carries as `\ud800` and jsonb refuses ("Unicode
 * low surrogate must follow a high surrogate"). Neither is ever part of a name, an address or an id,
 * so a request carrying one is refused at the boundary (400, naming the field) and a write carrying
 * one is refused by the storage guard (guarded-storage.ts), never half-stored.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const isUnstorableText = (text: string): boolean => text.search(UNSTORABLE) !== -1;

/** Deeper than any document or request the server accepts: refused, rather than walked to the end. */
export const MAX_DEPTH = 64;

/** Where a value cannot be stored: a text (or key) of it, or a nesting deeper than MAX_DEPTH. */
export interface Unstorable {
  /** The dotted path ('children.0.name'); '' for the value itself. */
  field: string;
  reason: 'text' | 'depth';
}

/** The first place in `value` that cannot be stored, or null when all of it can. */
export function findUnstorable(value: unknown): Unstorable | null {
  const path: string[] = [];
  const walk = (node: unknown): Unstorable['reason'] | null => {
    if (typeof node === 'string') return isUnstorableText(node) ? 'text' : null;
    if (typeof node !== 'object' || node === null) return null;
    if (path.length >= MAX_DEPTH) return 'depth';
    const entries: Iterable<[string, unknown]> = Array.isArray(node)
      ? node.map((v, i): [string, unknown] => [String(i), v])
      : Object.entries(node);
    for (const [key, child] of entries) {
      if (isUnstorableText(key)) {
        path.push(key.replace(UNSTORABLE, '\uFFFD'));
        return 'text';
      }
      path.push(key);
      const found = walk(child);
      if (found) return found;
      path.pop();
    }
    return null;
  };
  const reason = walk(value);
  return reason ? { field: path.join('.'), reason } : null;
}
