import type { ReactNode } from 'react';

export interface NoticeProps {
  tone?: 'info' | 'success' | 'error';
  children: ReactNode;
}

/** A message for the whole form or page; errors interrupt the screen reader, the rest wait politely. */
export function Notice({ tone = 'info', children }: NoticeProps) {
  return (
    <div className={`ui-notice ui-notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
