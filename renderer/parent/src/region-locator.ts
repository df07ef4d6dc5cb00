import type { Region } from './api';

/**
 * "Сменить геолокацию" (the seed's header): the region nearest to the phone's position. The catalogue
 * has no coordinates, so this table holds the administrative centre of each of Kazakhstan's 17 regions
 * and 3 cities of republican significance, recognised by the region's name in Russian or Kazakh.
 */
const CENTRES: { name: RegExp; lat: number; lon: number }[] = [
  { name: /^(г\.?|город)?\s*астан|астана қала/i, lat: 51.17, lon: 71.43 },
  { name: /^(г\.?|город)?\s*алматы(?!\s*облыс)|алматы қала/i, lat: 43.24, lon: 76.89 },
  { name: /шымкент/i, lat: 42.32, lon: 69.59 },
  { name: /абай/i, lat: 50.41, lon: 80.23 },
  { name: /акмол|ақмол/i, lat: 53.28, lon: 69.39 },
  { name: /актюб|ақтөбе/i, lat: 50.28, lon: 57.17 },
  { name: /алматинск|алматы облыс/i, lat: 43.87, lon: 77.07 },
  { name: /атырау/i, lat: 47.09, lon: 51.92 },
  { name: /восточно|шығыс/i, lat: 49.95, lon: 82.61 },
  { name: /жамбыл/i, lat: 42.9, lon: 71.37 },
  { name: /жетісу|жетысу/i, lat: 45.02, lon: 78.37 },
  { name: /западно|батыс/i, lat: 51.23, lon: 51.37 },
  { name: /карагандин|қарағанды/i, lat: 49.8, lon: 73.1 },
  { name: /костанай|қостанай/i, lat: 53.21, lon: 63.62 },
  { name: /кызылорд|қызылорда/i, lat: 44.85, lon: 65.51 },
  { name: /мангист|маңғыстау/i, lat: 43.65, lon: 51.17 },
  { name: /павлодар/i, lat: 52.29, lon: 76.97 },
  { name: /северо|солтүстік/i, lat: 54.87, lon: 69.14 },
  { name: /туркестан|түркістан/i, lat: 43.3, lon: 68.25 },
  { name: /улытау|ұлытау/i, lat: 47.78, lon: 67.71 },
];

/** Great-circle distance in km (haversine): precise enough to tell regions apart. */
function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

/** The listed region whose centre is nearest to the position, or null when no region is recognised. */
export function nearestRegion(regions: Region[], position: { lat: number; lon: number }): Region | null {
  let best: { region: Region; km: number } | null = null;
  for (const region of regions) {
    const centre = CENTRES.find((c) => c.name.test(region.name.trim()));
    if (!centre) continue;
    const km = distanceKm(centre, position);
    if (!best || km < best.km) best = { region, km };
  }
  return best?.region ?? null;
}

/** The phone's position, asked once; null when the parent refuses or the phone cannot tell. */
export function currentPosition(): Promise<{ lat: number; lon: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((ok) =>
    navigator.geolocation.getCurrentPosition(
      (p) => ok({ lat: p.coords.latitude, lon: p.coords.longitude }),
      () => ok(null),
      { timeout: 10_000, maximumAge: 600_000 },
    ),
  );
}
