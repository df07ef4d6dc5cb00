import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Principal } from '../auth';
import type { ServerContext } from '../context';
import type { Parent } from '../schema';
import type { Language } from './language';

/**
 * Who may call a route:
 * - 'public': anyone (catalogue, bulletins, statistics, registration steps);
 * - 'session': any logged-in account (logout, me);
 * - 'registering': a parent account, even before its IIN is confirmed (registration step 4, profile);
 * - 'parent': a parent whose IIN is confirmed (children, applications, referrals…).
 */
export type Access = 'public' | 'session' | 'registering' | 'parent';

/** A multipart upload (multer, in memory): the field, how many files, how big and which types. */
export interface UploadSpec {
  field: string;
  maxFiles: number;
  maxBytes: number;
  types: readonly string[];
}

/** Collections whose JSON schema (src/schema, or sync-server/schema for reviews) documents a response. */
export type DocumentName =
  | 'applications'
  | 'bulletins'
  | 'referrals'
  | 'responses'
  | 'notifications'
  | 'kindergartens'
  | 'groups'
  | 'reviews';

/**
 * A success body: a zod schema; a file or stream by content type; or documents of a collection (its
 * RxDB JSON schema, the types' one source) with the fields the view adds.
 */
export type ResponseSpec =
  | z.ZodType
  | { contentType: 'application/pdf' | 'image/*' | 'text/event-stream' }
  | { collection: DocumentName; array?: boolean; extra?: z.ZodType };

export interface Call<B, Q, P> {
  ctx: ServerContext;
  body: B;
  query: Q;
  params: P;
  lng: Language;
  /** Set on every route but 'public' ones (and on public ones when a valid session is sent). */
  principal: Principal | null;
  /** The parent's account, for 'registering' and 'parent' routes. */
  parent: Parent | null;
  files: Express.Multer.File[];
  req: Request;
  res: Response;
}

/**
 * One route of the parents' API: the single source of its validation (zod) and of its OpenAPI entry.
 * The handler returns the JSON body (status 200, or `status`), or writes the response itself (PDF,
 * image, event stream) and returns undefined.
 */
export interface RouteSpec<B = unknown, Q = unknown, P = unknown> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Express-style, relative to /api: '/applications/:id'. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  access: Access;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  upload?: UploadSpec;
  /** The success status (200 unless said). */
  status?: number;
  /** What a success returns, for the OpenAPI document (JSON unless said). */
  response?: ResponseSpec;
  /** The error codes this route may answer with, for the OpenAPI document. */
  errors?: readonly string[];
  handle: (call: Call<B, Q, P>) => Promise<unknown>;
}

/** Keeps each route's body/query/params types tied to its schemas. */
export function route<B = undefined, Q = undefined, P = undefined>(spec: RouteSpec<B, Q, P>): RouteSpec {
  return spec as unknown as RouteSpec;
}
