import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A screen's frame: its heading becomes the document title and takes focus when the screen opens,
 * so keyboard and screen-reader users start at the new content (issue 7: accessible).
 */
export function Page({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — Oryn`;
  }, [title]);
  useEffect(() => {
    heading.current?.focus();
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
