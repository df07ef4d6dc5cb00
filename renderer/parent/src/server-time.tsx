import { useEffect, useState } from 'react';
import { useT } from './i18n';
import { formatClock, serverClockOffset } from './server-clock';

/**
 * "Эталонное время сервера: 18.06.2019 11:26:10" (the seed's application form and bulletins): the
 * server's clock, which decides filing order, priority windows and deadlines, ticking here from its
 * offset to this device's clock. Nothing is shown until the server has answered: a device's own time
 * under that heading would be the very mistake it exists to prevent.
 */
export function ServerTime() {
  const { t } = useT();
  const [offset, setOffset] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let live = true;
    serverClockOffset().then(
      (o) => live && setOffset(o),
      () => undefined,
    );
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  if (offset === null) return null;
  return (
    <p className="server-time">
      {t('parent.serverTime')}{' '}
      <time dateTime={new Date(now + offset).toISOString()}>{formatClock(now + offset)}</time>
    </p>
  );
}
