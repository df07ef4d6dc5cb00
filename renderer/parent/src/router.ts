import { useSyncExternalStore } from 'react';

/**
 * A hash router of a few lines (issue 7: light; no routing library). Hash URLs need no server
 * fallback, survive reloads and work from any static host. `#/applications/abc?x=1` →
 * { path: ['applications', 'abc'], query: { x: '1' } }.
 */
export interface Route {
  path: string[];
  query: URLSearchParams;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const readHash = () => window.location.hash;

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [pathPart, queryPart = ''] = raw.split('?');
  return {
    path: pathPart.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(queryPart),
  };
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, readHash, () => '');
  return parseRoute(hash);
}

/** The href of a route, for <a href>: links stay real links (open in new tab, keyboard). */
export function href(path: string): string {
  return `#/${path.replace(/^\//, '')}`;
}

export function navigate(path: string): void {
  window.location.hash = href(path);
}
