// The HTTP contract of the sync server (issue 15): what each route of /api answers, as zod schemas the
// route table checks its handlers against and documents in /api/openapi.json, and as the types the
// parent and supervisor pages read. Clients import types only (`import type`), so no zod reaches them.
export type { DocumentTypes } from './documents';
export * from './parent-api';
export * from './supervisor-api';
