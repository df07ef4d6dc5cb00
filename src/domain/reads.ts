import type { ActionKind } from '../schema';
import { type ActionPayloads, parsePayload } from './payload-specs';

/**
 * What a handler reads of the authoritative state, named by the ids in its payload (each handler
 * declares it next to its transition, actions.ts). The server's state loader
 * (sync-server/actions/state-loader.ts) fetches exactly these and nothing else, so what a transition
 * reads and what is loaded for it cannot drift apart; the desktop's overlay holds its whole replica
 * and needs none of it.
 */
export type Read =
  /** A bulletin with its group and kindergarten; optionally its referrals, and its active responders
   *  with their applications and those applications' other responses. */
  | { read: 'bulletin'; id: string; referrals?: boolean; responders?: boolean }
  /** A bulletin being saved or published: the bulletin if it exists, the group (the payload's or the
   *  draft's) and its kindergarten; publishing also reads the group's matching queues ("your turn"). */
  | { read: 'bulletinUpsert'; id: string; groupId?: string; matchingQueues: boolean }
  /** An application; optionally its responses (every bulletin) and its referrals. */
  | { read: 'application'; id: string; responses?: boolean; referrals?: boolean }
  /** A new application: the child's applications in the locality and the queue number it would get. */
  | { read: 'newApplication'; id: string; childIin: string; localityId: string; groupType: string }
  /** A response: the application, the bulletin with its place, and the application's position in the
   *  bulletin's matching queue while the priority window is open. */
  | { read: 'response'; applicationId: string; bulletinId: string }
  /** An activation: the response, its bulletin with referrals and responders, its application with responses. */
  | { read: 'activation'; responseId: string }
  /** A referral; with `parts`, its application, response, bulletin, group and kindergarten. */
  | { read: 'referral'; id: string; parts: boolean }
  /** A kindergarten of the catalogue (or none yet: a new one). */
  | { read: 'kindergarten'; id: string }
  /** A group with its kindergarten; optionally its bulletins (a group closes after they do). */
  | { read: 'group'; id: string; bulletins?: boolean }
  /** A staff account with its kindergarten. */
  | { read: 'account'; id: string }
  /** A region's settings document. */
  | { read: 'regionSettings'; regionId: string }
  /** The parent account holding an IIN, if any, with every application of that account (any region). */
  | { read: 'iinHolder'; iin: string };

export type Needs<K extends ActionKind> = (payload: ActionPayloads[K]) => Read[];

/**
 * The reads of an action as its kind declares them (`needs`). A payload its spec refuses is rejected
 * by the reducer before any handler runs; the documents its ids name are still read, so the
 * rejection is placed in its region (the audit, a supervisor's scope) as before.
 */
export function readsOf(kind: string, payload: unknown, needs: { [K in ActionKind]: Needs<K> }): Read[] {
  if (!Object.hasOwn(needs, kind)) return [];
  const k = kind as ActionKind;
  const parsed = parsePayload(k, payload);
  if (parsed.ok) return needsOf(k, parsed.value, needs);
  const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  const id = (field: string) =>
    typeof p[field] === 'string' && p[field] !== '' ? (p[field] as string) : undefined;
  const reads: Read[] = [];
  const referral = id('referralId');
  const response = id('responseId');
  const bulletin = id('bulletinId');
  const application = id('applicationId');
  if (referral) reads.push({ read: 'referral', id: referral, parts: false });
  if (response) reads.push({ read: 'activation', responseId: response });
  if (bulletin) reads.push({ read: 'bulletin', id: bulletin });
  if (application) reads.push({ read: 'application', id: application });
  return reads;
}

/** One generic call, so the compiler pairs kind K's declaration with K's payload. */
function needsOf<K extends ActionKind>(
  kind: K,
  payload: ActionPayloads[K],
  needs: { [J in ActionKind]: Needs<J> },
): Read[] {
  const declared: Needs<K> = needs[kind];
  return declared(payload);
}
