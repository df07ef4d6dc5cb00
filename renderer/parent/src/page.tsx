import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A screen's frame: its heading becomes the document title and, after an in-app navigation, takes
 * focus, so keyboard and screen-reader users start at the new content (issue 7: accessible).
 */
let navigated = false;

export function Page({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — Oryn`;
  }, [title]);
  useEffect(() => {
    // Not on the first screen of a visit: there the skip link and the header come first, as on any page.
    if (navigated) heading.current?.focus();
    navigated = true;
  }, []);
  return (
    <section className={wide ? 'page page--wide' : 'page'}>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
