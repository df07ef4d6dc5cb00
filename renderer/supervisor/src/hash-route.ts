import { useEffect, useState } from 'react';

/**
 * The pages' address is the hash (#/fairness/<bulletinId>): the pages are served from one static
 * index.html under /supervisor/, so a reload or a shared link opens the same view without server routes.
 */
function readHash(): string[] {
  return location.hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
}

export function useHashRoute(): string[] {
  const [route, setRoute] = useState(readHash);
  useEffect(() => {
    const onChange = () => setRoute(readHash());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function href(...segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join('/')}`;
}
