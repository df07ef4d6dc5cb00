/**
 * A refusal of the parents' API: an HTTP status (always 4xx for the caller's mistakes), a code with
 * parameters, and the field it is about. Translated to `{ error: { code, message, field? } }` at the
 * edge (error-handler.ts) in the caller's language.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly field?: string,
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/** 404 for anything the caller may not see: another parent's ids are never told apart from missing ones. */
export const notFound = (what: string) => new ApiError(404, 'notFound', { what });
