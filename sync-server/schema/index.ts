// Server-only collections (accounts, parents, children, one-time codes, uploads, reviews, settings):
// never replicated. Filled in by the auth/API work; the database opens them next to src/schema's.
export const serverCollections = {} as const;
