/**
 * Errors are codes with parameters, translated at the edge (docs/style.md). The storage's own codes; rxdb's
 * write conflicts stay rxdb's shape (`{ status: 409, documentInDb }`), since rxdb acts on them.
 */
export type StorageErrorCode =
  | 'storage.closed'
  | 'storage.removed'
  | 'storage.nul_character'
  | 'storage.attachment_missing'
  | 'storage.layout_mismatch'
  | 'storage.query_index_unknown';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'StorageError';
  }
}
