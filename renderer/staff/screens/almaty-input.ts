import { almatyOffsetMinutes } from '../../../src/domain';

/**
 * <input type="datetime-local"> values in Asia/Almaty (docs/domain.md: all deadlines in Asia/Almaty),
 * whatever the workstation's own zone: '2026-03-19T18:00' ⇄ '2026-03-19T18:00:00+05:00'.
 */
export function almatyInputValue(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + almatyOffsetMinutes(ms) * 60_000).toISOString().slice(0, 16);
}

export function fromAlmatyInput(value: string): string {
  const guess = Date.parse(`${value}:00Z`);
  const offset = almatyOffsetMinutes(guess);
  const hh = String(Math.floor(offset / 60)).padStart(2, '0');
  const mm = String(offset % 60).padStart(2, '0');
  return `${value}:00+${hh}:${mm}`;
}

/** Today in Asia/Almaty, 'YYYY-MM-DD' (contract date default). */
export function almatyToday(now = Date.now()): string {
  return new Date(now + almatyOffsetMinutes(now) * 60_000).toISOString().slice(0, 10);
}
