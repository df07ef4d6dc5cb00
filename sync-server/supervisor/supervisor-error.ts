import type { z } from 'zod';
import { ApiError } from '../api/api-error';

/**
 * A refusal of a supervisor route: the API's one error (api-error.ts), answered in its one envelope
 * `{ error: { code, message, field?, params? } }`, the message from the supervisor pages' own texts
 * (`supervisor.errors.<code>`) first. The name stays for the modules behind the routes.
 */
export { ApiError as SupervisorError, notFound } from '../api/api-error';

/** Parses a value with a zod schema, or refuses with 400 `invalidInput` naming the fields. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))];
  throw new ApiError(400, 'invalidInput', { fields }, fields[0]);
}
