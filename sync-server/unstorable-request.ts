import type { Request, RequestHandler } from 'express';
import { ApiError } from './api/api-error';
import { unstorableText } from './error-envelope';
import { findUnstorable, isUnstorableText, MAX_DEPTH, type Unstorable } from './unstorable-text';

/**
 * Where a request holds what PostgreSQL cannot store (unstorable-text.ts): a route parameter, a query
 * parameter, a JSON or multipart body field, an uploaded file's name, or the path itself
 * (`/api/applications/%00`). Null when there is none.
 */
export function unstorableInRequest(req: Request): Unstorable | null {
  for (const part of [req.params, req.query, req.body]) {
    const found = findUnstorable(part);
    if (found) return { ...found, field: found.field || 'body' };
  }
  const files = Array.isArray(req.files) ? req.files : [];
  const named = files.find((file) => isUnstorableText(file.originalname));
  if (named) return { field: named.fieldname, reason: 'text' };
  return isUnstorableText(decodedPath(req.path)) ? { field: 'path', reason: 'text' } : null;
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
    const found = unstorableInRequest(req);
    if (found === null) next();
    else next(refusalError(found));
  };
}

/** 400 `unstorableText` naming the field, or 400 `nestedTooDeep` for a nesting deeper than any we take. */
export function refusalError(found: Unstorable): ApiError {
  if (found.reason === 'depth') {
    return new ApiError(400, 'nestedTooDeep', { field: found.field, depth: MAX_DEPTH }, found.field);
  }
  const { status, code, params } = unstorableText(found.field);
  return new ApiError(status, code, params, found.field);
}
