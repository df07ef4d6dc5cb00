import { describe, expect, it } from 'vitest';
import { nearestRegion } from '../../../renderer/parent/src/region-locator';

const regions = [
  { id: 'turkestan', name: 'Туркестанская область', localities: [] },
  { id: 'shymkent', name: 'город Шымкент', localities: [] },
  { id: 'almaty-city', name: 'Алматы қаласы', localities: [] },
  { id: 'almaty-region', name: 'Алматы облысы', localities: [] },
  { id: 'unknown', name: 'e2e', localities: [] },
];

describe('the region nearest to the phone', () => {
  it('finds Туркестанская область from the city of Turkestan', () => {
    expect(nearestRegion(regions, { lat: 43.29, lon: 68.27 })?.id).toBe('turkestan');
  });

  it('goes by the nearest administrative centre, so Arys (Turkestan region) reads as Shymkent', () => {
    // A known limit of centres without borders: the parent corrects it in the list.
    expect(nearestRegion(regions, { lat: 42.43, lon: 68.8 })?.id).toBe('shymkent');
  });

  it('finds the city of Shymkent from its centre', () => {
    expect(nearestRegion(regions, { lat: 42.34, lon: 69.6 })?.id).toBe('shymkent');
  });

  it('tells the city of Almaty from the Almaty region by name', () => {
    expect(nearestRegion(regions, { lat: 43.25, lon: 76.9 })?.id).toBe('almaty-city');
    expect(nearestRegion(regions, { lat: 43.9, lon: 77.1 })?.id).toBe('almaty-region');
  });

  it('answers nothing when no listed region is recognised', () => {
    expect(nearestRegion([regions[4]], { lat: 43.3, lon: 68.25 })).toBeNull();
  });
});
