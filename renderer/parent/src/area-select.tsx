import type { SelectHTMLAttributes } from 'react';
import type { Region } from './api';
import { useT } from './i18n';
import type { Area } from './preferences';

/**
 * The value of an area in a select: '' (every region), 'regionId' (the whole region) or
 * 'regionId/localityId'. Ids are the catalogue's slugs, which hold no '/'.
 */
export function areaValue(area: Area): string {
  if (!area.regionId) return '';
  return area.localityId ? `${area.regionId}/${area.localityId}` : area.regionId;
}

export function parseArea(value: string): Area {
  const [regionId = '', localityId = ''] = value.split('/', 2);
  return { regionId: regionId || null, localityId: (regionId && localityId) || null };
}

/** The name of the chosen area: the locality's, else the region's, else undefined (every region). */
export function areaName(regions: Region[], area: Area): string | undefined {
  const region = regions.find((r) => r.id === area.regionId);
  if (!region) return undefined;
  return region.localities.find((l) => l.id === area.localityId)?.name ?? region.name;
}

interface AreaSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  regions: Region[];
  value: Area;
  onChange(area: Area): void;
  /** The first choice, meaning every region. */
  allLabel: string;
}

/**
 * Region → locality in one native select: each region is a group whose first choice is the whole
 * region, then its localities (the seed's «Выберите регион: г.Туркестан»). One control, so the header
 * stays one line on a phone, and the header and the bulletins' filter show the same choice.
 */
export function AreaSelect({ regions, value, onChange, allLabel, ...select }: AreaSelectProps) {
  const { t } = useT();
  const current = areaValue(value);
  // A remembered area not listed (yet: the regions are loading, or no more) stays the selected value.
  const listed = (r: Region) => [r.id, ...r.localities.map((l) => `${r.id}/${l.id}`)];
  const known = current === '' || regions.some((r) => listed(r).includes(current));
  return (
    <select {...select} value={current} onChange={(e) => onChange(parseArea(e.currentTarget.value))}>
      <option value="">{allLabel}</option>
      {known ? null : <option value={current}>{regions.length ? current : t('common.loading')}</option>}
      {regions.map((r) => (
        <optgroup key={r.id} label={r.name}>
          <option value={r.id}>{r.name}</option>
          {r.localities.map((l) => (
            <option key={l.id} value={`${r.id}/${l.id}`}>
              {l.name}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
