import { useEffect, useState } from 'react';
import { listRegions, type Region } from './api';

/** Regions and their localities change rarely: fetched once per page load and shared. */
let cache: Promise<Region[]> | null = null;

export function loadRegions(): Promise<Region[]> {
  cache ??= listRegions().catch((e) => {
    cache = null;
    throw e;
  });
  return cache;
}

export function useRegions(): Region[] {
  const [regions, setRegions] = useState<Region[]>([]);
  useEffect(() => {
    let live = true;
    loadRegions().then(
      (r) => live && setRegions(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return regions;
}

export function localityName(regions: Region[], localityId: string | undefined): string | undefined {
  for (const r of regions) for (const l of r.localities) if (l.id === localityId) return l.name;
  return undefined;
}
