import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { DocumentTypes } from '../../src/contract';
import type { Principal } from '../auth';
import type { ServerContext } from '../context';
import type { Parent, Review } from '../schema';
import type { SupervisorSession } from '../supervisor/supervisor-session';
import type { Language } from './language';

/**
 * Who may call a route:
 * - 'public': anyone (catalogue, bulletins, statistics, registration steps);
 * - 'session': any logged-in account (logout, me);
 * - 'registering': a parent account, even before its IIN is confirmed (registration step 4, profile);
 * - 'parent': a parent whose IIN is confirmed (children, applications, referrals…);
 * - 'supervisor': a district supervisor with a region (everything under /supervisor, scoped to it).
 */
export type Access = 'public' | 'session' | 'registering' | 'parent' | 'supervisor';

/** A multipart upload (multer, in memory): the field, how many files, how big and which types. */
export interface UploadSpec {
  field: string;
  maxFiles: number;
  maxBytes: number;
  types: readonly string[];
}

/** The documents a response may carry, by collection: src/schema's, and the server's reviews. */
type ResponseDocuments = DocumentTypes & { reviews: Omit<Review, 'authorId'> };

/** Collections whose JSON schema (src/schema, or sync-server/schema for reviews) documents a response. */
export type DocumentName = keyof ResponseDocuments;

/** Files and streams a route writes itself. */
export type ContentType =
  | 'application/pdf'
  | 'image/*'
  | 'text/event-stream'
  | 'text/csv'
  | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A success body: a zod schema; a file or stream by content type; or documents of a collection (its
 * RxDB JSON schema, the types' one source) with the fields the view adds.
 */
export type ResponseSpec =
  | z.ZodType
  | { contentType: ContentType | readonly ContentType[] }
  | { collection: DocumentName; array?: boolean; extra?: z.ZodType };

/**
 * The body a handler must return for its response spec: what a route declares is what the compiler
 * holds its handler to (issue 15), so a renamed or dropped field of an answer fails the typecheck.
 * Files and streams are written by the handler, which returns nothing. A literal field (`ok: true`)
 * is returned `as const`: TypeScript widens a generic call's callback's literals before it checks them.
 */
export type ResponseBody<R> = R extends z.ZodType
  ? z.input<R>
  : R extends { contentType: unknown }
    ? // biome-ignore lint/suspicious/noConfusingVoidType: a handler that writes the answer itself returns nothing.
      void
    : R extends { collection: infer C extends DocumentName; array?: infer A; extra?: infer E }
      ? Many<ResponseDocuments[C] & (E extends z.ZodType ? z.input<E> : unknown), A>
      : unknown;

type Many<T, A> = A extends true ? T[] : T;

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
  /** The supervisor and their region, for 'supervisor' routes. */
  supervisor: SupervisorSession | null;
  /** The session token the caller was let in with (streams watch it end). */
  token: string | undefined;
  /** Answers with another success status than the route's (200 for an upload sent again). */
  setStatus: (status: number) => void;
  files: Express.Multer.File[];
  req: Request;
  res: Response;
}

/**
 * One route of the parents' API: the single source of its validation (zod) and of its OpenAPI entry.
 * The handler returns the JSON body (status 200, or `status`), or writes the response itself (PDF,
 * image, event stream) and returns undefined.
 */
export interface RouteSpec<
  B = unknown,
  Q = unknown,
  P = unknown,
  R extends ResponseSpec | undefined = ResponseSpec | undefined,
> {
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
  response?: R;
  /** The error codes this route may answer with, for the OpenAPI document. */
  errors?: readonly string[];
  /** A larger JSON body than the API's default (the supervisor's calendar). */
  jsonBytes?: number;
  handle: (call: Call<B, Q, P>) => Promise<ResponseBody<R>>;
}

/** Keeps each route's body/query/params types tied to its schemas, and its handler to its response. */
export function route<
  B = undefined,
  Q = undefined,
  P = undefined,
  const R extends ResponseSpec | undefined = undefined,
>(spec: RouteSpec<B, Q, P, R>): RouteSpec {
  return spec as unknown as RouteSpec;
}
