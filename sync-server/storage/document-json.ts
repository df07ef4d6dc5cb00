import { StorageError } from './storage-error';

/**
 * PostgreSQL's `jsonb` (and `text`) cannot hold the NUL character, and silently changing a document
 * is worse than refusing it (docs/stack.md: "escape it or refuse it with a clear error"). JSON.stringify
 * writes NUL as `\u0000`; an odd run of backslashes before `u0000` means it is that escape and not a
 * literal backslash followed by the text "u0000".
 */
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/;

export function documentJson(doc: unknown, documentId: string): string {
  const json = JSON.stringify(doc);
  if (json.includes('u0000') && NUL_ESCAPE.test(json)) {
    throw new StorageError('storage.nul_character', { documentId });
  }
  return json;
}
