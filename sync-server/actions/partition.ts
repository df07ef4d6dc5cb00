import type { RxCollection, RxDatabase } from 'rxdb';
import type { Action, Application, Bulletin, Group, Referral, Response } from '../../src/schema';
import { collection, type OrynCollectionName } from '../database';
import { readByIds, readTogether } from '../store';

/**
 * Which actions must be applied one after another, and which may run side by side (sync-server
 * README, "Locking"). Everything an action reads or writes belongs to one locality: a queue is a
 * locality × birth year × group type, a bulletin, group, response or referral belongs to a
 * kindergarten, and a kindergarten to its locality. So the processor serialises the actions of one
 * locality and lets other localities proceed in parallel, in this process and in others. An action
 * naming entities of two localities (a response to another locality's bulletin, which the reducer
 * refuses) holds both.
 *
 * The locality of an entity is fixed when it is created, so it is read once, outside any lock.
 */
export type Partition = readonly string[];

/** The lock of the deployment's logins (a new staff account's id is its login). */
const ACCOUNTS = 'accounts';

/** Actions whose entities could not be found: the reducer rejects them; they still run one at a time. */
const UNRESOLVED = 'loc:?';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The partitions of many actions at once (a few bulk reads, whatever the number of actions). */
export async function partitionsOf(db: RxDatabase, actions: readonly Action[]): Promise<Partition[]> {
  const payloads = actions.map((a) =>
    typeof a.payload === 'object' && a.payload !== null ? (a.payload as Record<string, unknown>) : {},
  );
  const ids = (field: string) => payloads.map((p) => str(p[field])).filter((x): x is string => !!x);
  const byId = async <T extends { id: string }>(docs: Promise<T[]>) =>
    new Map((await docs).map((d) => [d.id, d] as const));
  const asMap = <T extends { id: string }>(docs: unknown[]) =>
    new Map((docs as T[]).map((d) => [d.id, d] as const));
  const named = (name: OrynCollectionName, field: string) => ({
    collection: collection(db, name) as unknown as RxCollection<never>,
    ids: ids(field),
  });
  // One statement (store.ts readTogether), then the kindergartens of what it found.
  const found = await readTogether([
    named('applications', 'applicationId'),
    named('bulletins', 'bulletinId'),
    named('responses', 'responseId'),
    named('referrals', 'referralId'),
    named('groups', 'groupId'),
  ]);
  const applications = asMap<Application>(found[0]);
  const bulletins = asMap<Bulletin>(found[1]);
  const responses = asMap<Response>(found[2]);
  const referrals = asMap<Referral>(found[3]);
  const groups = asMap<Group>(found[4]);
  const kindergartenIds = [
    ...actions.map((a) => a.kindergartenId),
    ...[...responses.values()].map((r) => r.kindergartenId),
    ...[...referrals.values()].map((r) => r.kindergartenId),
    ...[...groups.values()].map((g) => g.kindergartenId),
    ...ids('kindergartenId'),
  ];
  const kindergartens = await byId(readByIds(collection(db, 'kindergartens'), kindergartenIds));
  const localityOfKindergarten = (id: string | undefined) =>
    id ? kindergartens.get(id)?.localityId : undefined;

  return payloads.map((p, i) => {
    const localities = [
      // The workstation's own kindergarten: also what a chain of offline actions creates as it goes
      // (a referral `ref_<actionId>` signed before its activation is applied is not there yet).
      localityOfKindergarten(actions[i].kindergartenId),
      str(p.localityId),
      applications.get(str(p.applicationId) ?? '')?.localityId,
      bulletins.get(str(p.bulletinId) ?? '')?.localityId,
      localityOfKindergarten(responses.get(str(p.responseId) ?? '')?.kindergartenId),
      localityOfKindergarten(referrals.get(str(p.referralId) ?? '')?.kindergartenId),
      localityOfKindergarten(groups.get(str(p.groupId) ?? '')?.kindergartenId),
      // A kindergarten a supervisor edits, adds a group to, or assigns a staff member to.
      localityOfKindergarten(str(p.kindergartenId)),
    ].filter((x): x is string => !!x);
    const names = [...new Set(localities.map((l) => `loc:${l}`))];
    // A region's own actions (its staff accounts, calendar and settings) name `region:<id>` for their
    // kindergarten and hold the region's lock; a login is unique in the whole deployment.
    if (actions[i].kindergartenId.startsWith('region:')) names.push(actions[i].kindergartenId);
    if (actions[i].kind === 'staff.create') names.push(ACCOUNTS);
    names.sort();
    return names.length > 0 ? names : [UNRESOLVED];
  });
}

/** One string for a partition (the key of its queue in the processor). */
export const partitionKey = (partition: Partition): string => partition.join('+');
