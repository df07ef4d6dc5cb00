import type { Application } from '../schema';
import { instantMs } from './instant';

/**
 * Queue order (docs/domain.md, Applications): `extraordinary` first by filing time; then `primary` and
 * general (`none`) interleaved 1 : 3, each by filing time; when one runs out the other continues; ties
 * in filing time by IIN, then by id, so the order is total and does not depend on the input order.
 * Works for applications and for responses (which copy the queue fields).
 */
export type Priority = 'extraordinary' | 'primary' | 'none';
export interface Rankable {
  id: string;
  priority: Priority | string;
  filedAt: string;
  childIin: string;
}

/** The part of an Application that decides its queue and its number. */
export type QueueMember = Rankable & Pick<Application, 'status' | 'localityId' | 'birthYear' | 'groupType'>;

interface Keyed<T> {
  item: T;
  ms: number;
  iin: string;
  id: string;
}

function compareKeyed<T>(a: Keyed<T>, b: Keyed<T>): number {
  // An unparsable filing time (NaN) sorts after every real one.
  const am = Number.isNaN(a.ms) ? Infinity : a.ms;
  const bm = Number.isNaN(b.ms) ? Infinity : b.ms;
  if (am !== bm) return am < bm ? -1 : 1;
  if (a.iin !== b.iin) return a.iin < b.iin ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export type RankSlot = 'extraordinary' | 'primaryTurn' | 'generalTurn' | 'primaryOnly' | 'generalOnly';

export interface RankExplanation {
  /** 1-based position in the ranked list. */
  position: number;
  id: string;
  category: Priority;
  filedAt: string;
  /**
   * Why it is here: 'extraordinary' (first by filing time); 'primaryTurn'/'generalTurn' (its turn in
   * the 1 : 3 interleave); 'primaryOnly'/'generalOnly' (the other sub-list had run out).
   */
  slot: RankSlot;
  /** The 1 : 3 round (1-based) for interleaved slots, null otherwise. */
  round: number | null;
  /** Another member of its sub-list was filed at the same instant; the IIN decided. */
  tieBrokenByIin: boolean;
}

function category(p: unknown): Priority {
  return p === 'extraordinary' || p === 'primary' ? p : 'none';
}

/** Ranks and explains in one O(n log n) pass. Non-object items are dropped. */
function rankWithReasons<T extends Rankable>(items: readonly T[]): Array<{ item: T; why: RankExplanation }> {
  if (!Array.isArray(items)) return [];
  const lists: Record<Priority, Keyed<T>[]> = { extraordinary: [], primary: [], none: [] };
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    lists[category(item.priority)].push({
      item,
      ms: instantMs(item.filedAt),
      iin: str(item.childIin),
      id: str(item.id),
    });
  }
  for (const list of Object.values(lists)) list.sort(compareKeyed);
  const out: Array<{ item: T; why: RankExplanation }> = [];
  const push = (k: Keyed<T>, list: Keyed<T>[], idx: number, slot: RankSlot, round: number | null) => {
    const sameTime = (o: Keyed<T> | undefined) => o !== undefined && o.ms === k.ms;
    out.push({
      item: k.item,
      why: {
        position: out.length + 1,
        id: k.id,
        category: category(k.item.priority),
        filedAt: str(k.item.filedAt),
        slot,
        round,
        tieBrokenByIin: !Number.isNaN(k.ms) && (sameTime(list[idx - 1]) || sameTime(list[idx + 1])),
      },
    });
  };
  for (let i = 0; i < lists.extraordinary.length; i++) {
    push(lists.extraordinary[i], lists.extraordinary, i, 'extraordinary', null);
  }
  const { primary, none } = lists;
  let p = 0;
  let g = 0;
  let round = 0;
  while (p < primary.length && g < none.length) {
    round++;
    push(primary[p], primary, p, 'primaryTurn', round);
    p++;
    for (let i = 0; i < 3 && g < none.length; i++, g++) push(none[g], none, g, 'generalTurn', round);
  }
  for (; p < primary.length; p++) push(primary[p], primary, p, 'primaryOnly', null);
  for (; g < none.length; g++) push(none[g], none, g, 'generalOnly', null);
  return out;
}

/** A new array in queue order (the input is not changed). A non-array gives []. */
export function rankApplications<T extends Rankable>(applications: readonly T[]): T[] {
  return rankWithReasons(applications).map((r) => r.item);
}

/** For each position, the reason (category, filing time, interleave slot): the staff app shows it. */
export function explainRank(applications: readonly Rankable[]): RankExplanation[] {
  return rankWithReasons(applications).map((r) => r.why);
}

/**
 * Statuses that hold a queue number. docs/domain.md: the number counts the applications that are not
 * enrolled, withdrawn or archived. So a stop-listed application keeps its place (frozen), and an
 * inactive one (interest not confirmed) keeps it too: it is kept and can be restored, and renumbering
 * everyone behind it twice would confuse parents more than a skipped number in allocation.
 */
export const QUEUE_STATUSES: readonly string[] = [
  'waiting',
  'responded',
  'referred',
  'stopListed',
  'inactive',
];

export function holdsQueuePlace(status: unknown): boolean {
  return typeof status === 'string' && QUEUE_STATUSES.includes(status);
}

/** Same queue: one queue per locality, child's birth year and group type (docs/domain.md). */
export function sameQueue(a: Partial<QueueMember>, b: Partial<QueueMember>): boolean {
  return a.localityId === b.localityId && a.birthYear === b.birthYear && a.groupType === b.groupType;
}

function asList<T>(items: readonly T[] | Record<string, T> | unknown): T[] {
  if (Array.isArray(items)) return items;
  if (typeof items === 'object' && items !== null) return Object.values(items as Record<string, T>);
  return [];
}

/**
 * The 1-based queue number of an application among the active applications of its queue; null when it
 * is absent or holds no number (enrolled, withdrawn, archived). Accepts an array or a Record by id.
 */
export function queueNumber(
  applicationId: string,
  applications: readonly QueueMember[] | Record<string, QueueMember>,
): number | null {
  const list = asList<QueueMember>(applications).filter((a) => typeof a === 'object' && a !== null);
  const target = list.find((a) => a.id === applicationId);
  if (!target || !holdsQueuePlace(target.status)) return null;
  const queue = list.filter((a) => holdsQueuePlace(a.status) && sameQueue(a, target));
  const index = rankApplications(queue).findIndex((a) => a.id === applicationId);
  return index + 1;
}

/** How many members of a queue hold each category (extraordinary, primary, general). */
export interface QueueCounts {
  extraordinary: number;
  primary: number;
  none: number;
}

/**
 * The 1-based position of a member from counts alone (the order of rankApplications): `before` members
 * of its own category rank ahead of it (by filing time, IIN, id), `counts` is the whole queue's. So a
 * database can answer a queue number with a count over an index instead of ranking the queue:
 * extraordinary first; a primary member with p primary ahead comes after p rounds of 1 : 3, so after
 * min(3p, general) general ones; a general member with g general ahead after min(primary, ⌊g/3⌋ + 1)
 * primary ones.
 */
export function positionFromCounts(category: Priority, counts: QueueCounts, before: number): number {
  if (category === 'extraordinary') return before + 1;
  if (category === 'primary') return counts.extraordinary + before + Math.min(3 * before, counts.none) + 1;
  return counts.extraordinary + before + Math.min(counts.primary, Math.floor(before / 3) + 1) + 1;
}

/** The category a priority ranks in (anything unknown ranks as general). */
export function rankCategory(priority: unknown): Priority {
  return category(priority);
}
