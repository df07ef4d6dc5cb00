import { DEFAULT_TIME_ZONE } from '../../../src/i18n/dateFormat';
import { serverTime } from './api';

/**
 * How far the server's clock is ahead of this device's (ms, negative when behind): the server read
 * its clock somewhere between sending the request and receiving the answer, so it is compared with
 * the midpoint — off by at most half the round trip, which on a phone is well under a second.
 */
export function clockOffset(sentAtMs: number, serverNow: string, receivedAtMs: number): number {
  const server = Date.parse(serverNow);
  if (!Number.isFinite(server)) throw new RangeError(`not a time: ${serverNow}`);
  return server - (sentAtMs + receivedAtMs) / 2;
}

const FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: DEFAULT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** DD.MM.YYYY HH:mm:ss in Asia/Almaty (the seed shows the server's time to the second). */
export function formatClock(ms: number): string {
  const p: Record<string, string> = {};
  for (const part of FORMAT.formatToParts(new Date(ms))) p[part.type] = part.value;
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** Asked once per page load and shared by every screen that shows the server's time. */
let offset: Promise<number> | null = null;

export function serverClockOffset(): Promise<number> {
  offset ??= (async () => {
    const sentAt = Date.now();
    const answer = await serverTime();
    return clockOffset(sentAt, answer.now, Date.now());
  })().catch((e: unknown) => {
    offset = null;
    throw e;
  });
  return offset;
}
