import type { ReactNode } from 'react';

/** Label–value pairs (the seed's profile and bulletin detail); empty values show a dash. */
export function DefinitionList({ items }: { items: [label: ReactNode, value: ReactNode][] }) {
  return (
    <dl className="ui-dl">
      {items.map(([label, value], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of fields
        <div key={i}>
          <dt>{label}</dt>
          <dd>{value === undefined || value === null || value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}
