import type { Request, RequestHandler } from 'express';
import { ApiError } from './api/api-error';
import { unstorableText } from './error-envelope';
import { isUnstorableText, unstorableTextPath } from './unstorable-text';

/**
 * The field of a request holding text PostgreSQL cannot store (unstorable-text.ts): a route parameter,
 * a query parameter, a JSON or multipart body field, an uploaded file's name, or the path itself
 * (`/api/applications/%00`). Null when there is none.
 */
export function unstorableRequestField(req: Request): string | null {
  for (const part of [req.params, req.query, req.body]) {
    const field = unstorableTextPath(part);
    if (field !== null) return field || 'body';
  }
  const files = Array.isArray(req.files) ? req.files : [];
  const named = files.find((file) => isUnstorableText(file.originalname));
  if (named) return named.fieldname;
  return isUnstorableText(decodedPath(req.path)) ? 'path' : null;
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    // Not valid percent-encoding: express refuses it with 400 when it decodes a route parameter.
    return path;
  }
}

/**
 * Refuses such a request with 400 `unstorableText` naming the field, before any handler reads it
 * (issue 13: a NUL in `PATCH /api/me {"address"}` used to reach the storage). For the doors whose
 * bodies are parsed by a router-wide express.json (supervisor API, replication, audit REST).
 */
export function refuseUnstorableText(): RequestHandler {
  return (req, _res, next) => {
    const field = unstorableRequestField(req);
    if (field === null) next();
    else next(refusalError(field));
  };
}

export function refusalError(field: string): ApiError {
  const { status, code, params } = unstorableText(field);
  return new ApiError(status, code, params, field);
}
