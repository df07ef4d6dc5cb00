import type { Request } from 'express';
import { requestLanguage } from './api/language';
import { errorText } from './api/translator';
import { unstorableFieldOf } from './guarded-storage';

/** A refusal as every door answers it: an HTTP status, a code with parameters, the field it is about. */
export interface Refusal {
  status: number;
  code: string;
  params?: Record<string, unknown>;
  field?: string;
}

/**
 * The one error body of every door (parents' API, supervisor API, replication, audit REST; issue 13):
 * `{ error: { code, message, field?, params? } }`, the message in the caller's language (Accept-Language
 * or `?lang=`). `section` names a page's own texts tried first (the supervisor pages' `supervisor.errors`).
 */
export function errorEnvelope(req: Request, refusal: Refusal, section?: string) {
  const params = refusal.params ?? {};
  const message = errorText(requestLanguage(req), { code: refusal.code, params }, section);
  return {
    error: {
      code: refusal.code,
      message,
      ...(refusal.field !== undefined ? { field: refusal.field } : {}),
      ...(Object.keys(params).length > 0 ? { params } : {}),
    },
  };
}

/**
 * A failure of reading the request rather than of the server: body-parser's refusals (malformed JSON,
 * too large, a body that does not match its Content-Encoding), express's undecodable path, a write the
 * storage refused for its text. Null for anything else, which is the server's fault (5xx).
 */
export function requestRefusal(error: unknown): Refusal | null {
  const field = unstorableFieldOf(error);
  if (field !== null) return unstorableText(field);
  const e = (error ?? {}) as { type?: unknown; status?: unknown; code?: unknown; errno?: unknown };
  if (e.type === 'entity.parse.failed') return { status: 400, code: 'malformedJson' };
  if (e.type === 'entity.too.large') return { status: 413, code: 'payloadTooLarge' };
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
    return { status: 415, code: 'unsupportedMediaType' };
  }
  // zlib's Z_DATA_ERROR, Z_BUF_ERROR…: `Content-Encoding: gzip` over a body that is not gzip.
  if (typeof e.code === 'string' && e.code.startsWith('Z_'))
    return { status: 400, code: 'badContentEncoding' };
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return { status: e.status, code: e.status === 413 ? 'payloadTooLarge' : 'badRequest' };
  }
  return null;
}

/** Text PostgreSQL cannot store (unstorable-text.ts) in a field of the request. */
export const unstorableText = (field: string): Refusal => ({
  status: 400,
  code: 'unstorableText',
  params: { field },
  field,
});
