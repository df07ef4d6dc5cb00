import type { ReactNode } from 'react';

/** A titled card of a page, with optional tools (exports) beside its title. */
export function Section({
  title,
  tools,
  children,
  id,
}: {
  title: string;
  tools?: ReactNode;
  children: ReactNode;
  id?: string;
}) {
  return (
    <section className="sv-card" aria-labelledby={id ? `${id}-title` : undefined} data-testid={id}>
      <header className="sv-card__head">
        <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
        {tools}
      </header>
      {children}
    </section>
  );
}
