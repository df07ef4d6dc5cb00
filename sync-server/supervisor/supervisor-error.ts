import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { errorEnvelope, type Refusal, requestRefusal } from '../error-envelope';

/**
 * A refusal of the supervisor API: an HTTP status plus a code with parameters (docs/style.md: errors are
 * codes, translated at the edge; the pages translate `supervisor.error.<code>`).
 */
export class SupervisorError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'SupervisorError';
  }
}

/** Something that does not exist in the supervisor's region: the same 404 as if it did not exist at all. */
export const notFound = (what: string) => new SupervisorError(404, 'notFound', { what });

/** Parses a request part with a zod schema, or refuses with 400 `invalidInput` naming the fields. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new SupervisorError(400, 'invalidInput', {
    fields: [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))],
  });
}

/** Wraps an async handler so that a rejection reaches the error handler (express 4 does not). */
export function route(handler: (req: Request, res: Response) => Promise<unknown>) {
  return (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch(next);
  };
}

/**
 * The router's last handler: the one error envelope of every door (error-envelope.ts), translated with
 * the supervisor pages' own texts first; a bare 500 (logged) for anything that is the server's fault.
 */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const refusal = supervisorRefusal(err);
    if (!refusal)
      log.error(
        { err: err instanceof Error ? { name: err.name, message: err.message } : String(err) },
        'supervisor api failed',
      );
    if (res.headersSent) {
      res.end();
      return;
    }
    const answer = refusal ?? { status: 500, code: 'internal', params: {} };
    res.status(answer.status).json(errorEnvelope(req, answer, 'supervisor'));
  };
}

function supervisorRefusal(err: unknown): Refusal | null {
  const e = (err ?? {}) as {
    status?: unknown;
    code?: unknown;
    type?: unknown;
    params?: unknown;
    field?: unknown;
  };
  // Our own refusals (SupervisorError, ApiError, AuthError); body-parser's carry a `type` and zlib's a
  // `Z_…` code of their own, which are no codes of ours (issue 13: one answered `Z_DATA_ERROR`).
  const ours =
    typeof e.status === 'number' &&
    e.status >= 400 &&
    e.status < 500 &&
    typeof e.code === 'string' &&
    e.type === undefined &&
    !e.code.startsWith('Z_');
  if (ours) {
    return {
      status: e.status as number,
      code: e.code as string,
      params: (e.params as Record<string, unknown> | undefined) ?? {},
      ...(typeof e.field === 'string' ? { field: e.field } : {}),
    };
  }
  const refusal = requestRefusal(err);
  // The pages' name for a malformed body.
  return refusal?.code === 'malformedJson' ? { ...refusal, code: 'invalidJson' } : refusal;
}
