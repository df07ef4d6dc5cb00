import type { Problem } from '../../ui/http';

/**
 * What the server refused, as the API says it: `{ error: { code, message, field?, params? } }`
 * (docs/architecture.md: errors are codes with parameters, translated at the edge — here).
 * `field` names the form field the message belongs beside (renderer/ui/http.ts).
 */
export type { Problem };

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.code);
    this.name = 'ApiError';
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
