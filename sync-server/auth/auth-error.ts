/**
 * A refusal by the auth layer: an HTTP status plus a code with parameters (docs/style.md: errors are codes,
 * translated at the edge — the API's error handler turns it into `{ error: { code, message } }`).
 */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'AuthError';
  }
}
