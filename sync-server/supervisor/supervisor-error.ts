import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';

/**
 * A refusal of the supervisor API: an HTTP status plus a code with parameters (style.md: errors are
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

/** The router's last handler: codes for known refusals, a bare 500 (logged) for anything else. */
export function errorHandler(log: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: unknown }).status;
    const code = (err as { code?: unknown }).code;
    if (typeof status === 'number' && typeof code === 'string' && status >= 400 && status < 500) {
      const params = (err as { params?: Record<string, unknown> }).params ?? {};
      res.status(status).json({ error: { code, params } });
      return;
    }
    // body-parser's refusals (malformed JSON, too large) carry a status but no code of ours.
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res
        .status(status)
        .json({ error: { code: status === 413 ? 'payloadTooLarge' : 'invalidJson', params: {} } });
      return;
    }
    log.error(
      { err: err instanceof Error ? { name: err.name, message: err.message } : String(err) },
      'supervisor api failed',
    );
    res.status(500).json({ error: { code: 'internal', params: {} } });
  };
}
