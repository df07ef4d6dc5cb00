import type { ErrorRequestHandler } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { AuthError } from '../auth';
import type { ServerContext } from '../context';
import { requestRefusal } from '../error-envelope';
import { ApiError } from './api-error';
import { requestLanguage } from './language';
import { errorText } from './translator';

interface Coded {
  status: number;
  code: string;
  params: Record<string, unknown>;
  field?: string;
}

/** The first zod issue as a field path ('languages.0') and a code the client can show next to it. */
function fromZod(error: z.ZodError): Coded {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  return { status: 400, code: 'validation', params: { reason: issue?.code ?? 'invalid' }, field };
}

const MULTER_CODES: Record<string, Coded> = {
  LIMIT_FILE_SIZE: { status: 413, code: 'payloadTooLarge', params: {} },
  LIMIT_FIELD_VALUE: { status: 413, code: 'payloadTooLarge', params: {} },
  LIMIT_FILE_COUNT: { status: 400, code: 'tooManyFiles', params: {} },
  LIMIT_UNEXPECTED_FILE: { status: 400, code: 'unexpectedFile', params: {} },
};

function classify(err: unknown): Coded | null {
  if (err instanceof ApiError)
    return { status: err.status, code: err.code, params: err.params, field: err.field };
  if (err instanceof AuthError) {
    const { field, ...params } = err.params;
    return {
      status: err.status,
      code: err.code,
      params,
      field: typeof field === 'string' ? field : undefined,
    };
  }
  if (err instanceof z.ZodError) return fromZod(err);
  if (err instanceof multer.MulterError) {
    const known = MULTER_CODES[err.code];
    return known
      ? { ...known, field: err.field }
      : { status: 400, code: 'validation', params: {}, field: err.field };
  }
  // body-parser's errors carry a `type` (express.json).
  const type = (err as { type?: unknown })?.type;
  if (type === 'entity.parse.failed') return { status: 400, code: 'malformedJson', params: {} };
  if (type === 'entity.too.large') return { status: 413, code: 'payloadTooLarge', params: {} };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { status: 415, code: 'unsupportedMediaType', params: {} };
  }
  // A gzip body that is not gzip, an undecodable path, a write the storage refused for its text.
  const refusal = requestRefusal(err);
  return refusal ? { ...refusal, params: refusal.params ?? {} } : null;
}

/** Where the supervisor routes live, relative to /api. */
export const SUPERVISOR_PATH = '/supervisor';

/**
 * The supervisor pages' names of two refusals every route may give (their texts in
 * `supervisor.errors`, as the pages have always shown them).
 */
const SUPERVISOR_CODES: Record<string, string> = { malformedJson: 'invalidJson', serverError: 'internal' };

/**
 * Every failure becomes `{ error: { code, message, field?, params? } }` in the caller's language (the
 * one envelope of every door, error-envelope.ts). Only a fault of the server itself is a 5xx (logged
 * with its stack, shown as `serverError`). Under /supervisor the message comes from the supervisor
 * pages' own texts first.
 */
export function errorHandler(ctx: ServerContext): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const coded = classify(err) ?? { status: 500, code: 'serverError', params: {} };
    const supervisor = req.path === SUPERVISOR_PATH || req.path.startsWith(`${SUPERVISOR_PATH}/`);
    if (supervisor) coded.code = SUPERVISOR_CODES[coded.code] ?? coded.code;
    // A referral's verification code travels in the path (GET /api/verify/:code): never logged in full.
    const path = req.path.replace(/^\/verify\/.*/, '/verify/****');
    if (coded.status >= 500) ctx.log.error({ err, path }, 'api request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    const message = errorText(
      requestLanguage(req),
      { code: coded.code, params: coded.params },
      supervisor ? 'supervisor' : undefined,
    );
    res.status(coded.status).json({
      error: {
        code: coded.code,
        message,
        ...(coded.field ? { field: coded.field } : {}),
        ...(Object.keys(coded.params).length > 0 ? { params: coded.params } : {}),
      },
    });
  };
}
