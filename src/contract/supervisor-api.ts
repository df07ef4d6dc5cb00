import { z } from 'zod';
import type { CalendarData, RankExplanation } from '../domain';
import type { DescribedAuditEntry } from '../i18n/auditSentence';
import type { Bulletin, Group, Kindergarten, Response } from '../schema';

// What the supervisor routes answer (sync-server/supervisor, routes in the parents' API's table at
// /api/supervisor): each route declares one of these as its response, the route table checks the
// handler's return type against it (a renamed field fails `npm run typecheck`), the OpenAPI document
// shows it, and the supervisor pages read the types below. Documents of a collection are typed by
// src/schema (their RxDB JSON schema is the one source of their fields).

const doc = <T>(collection: string) =>
  z.custom<T>().meta({ description: `A document of the ${collection} collection (src/schema)` });

const kindergarten = doc<Kindergarten>('kindergartens');
const group = doc<Group>('groups');
/** An audit entry with the names a person reads it by (actor, kindergarten, child's initials, target). */
const auditEntry = z.custom<DescribedAuditEntry>().meta({
  description: 'A document of the audit collection (src/schema) with `names` (src/i18n/auditSentence.ts)',
});

/** Someone the audit page's filter names: a staff member or a supervisor of the region. */
export const regionActor = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['staff', 'supervisor']),
  /** A staff member's kindergarten, named in kk and ru. */
  place: z.object({ nameKk: z.string(), nameRu: z.string() }).optional(),
});

/** Names of a region or locality in the languages its settings give (the header shows the page's). */
export const placeNames = z.object({
  id: z.string(),
  kk: z.string().optional(),
  ru: z.string().optional(),
  en: z.string().optional(),
});

export const supervisorMe = z.object({
  userId: z.string(),
  name: z.string(),
  regionId: z.string(),
  region: placeNames.optional(),
  localities: z.array(placeNames),
  serverTime: z.string(),
});

const count = z.number().int();
const rate = z.number().nullable();

export const dashboard = z.object({
  /** The server time the numbers were computed at (the pages show it as "as of"). */
  asOf: z.string(),
  period: z.object({ from: z.string(), to: z.string(), bucket: z.enum(['day', 'month']) }),
  totals: z.object({
    queue: count,
    /** Applications whose claimed priority category still waits for a supervisor's confirmation. */
    pendingPriority: count,
    stopListed: count,
    publishedBulletins: count,
    freePlaces: count,
    referralsActive: count,
    enrolments: count,
    noShows: count,
    /** Median calendar days from filing to the signed contract, over enrolments in the period. */
    medianDaysToEnrolment: rate,
    /** Referrals that ended without a contract (expired or annulled) among those that ended, in the period. */
    noShowRate: rate,
    /** Stop-listed applications among the queue, now. */
    stopListRate: rate,
  }),
  queueByLocality: z.array(z.object({ localityId: z.string(), count })),
  queueByBirthYear: z.array(z.object({ birthYear: z.number().int(), count })),
  /** An application may accept several languages: it counts once under each. */
  queueByLanguage: z.array(z.object({ language: z.string(), count })),
  queueByPriority: z.array(z.object({ priority: z.string(), count })),
  bulletinsOverTime: z.array(
    z.object({ period: z.string(), published: count, closed: count, placesPublished: count }),
  ),
  expiringReferrals: z.array(
    z.object({
      referralId: z.string(),
      kindergartenId: z.string(),
      kindergartenName: z.string(),
      childName: z.string(),
      lastDay: z.string(),
      daysLeft: z.number().int(),
    }),
  ),
});

/** A responder of a bulletin in the domain's queue order, and what became of the response. */
export const rankedResponder = z.object({
  rank: z.number().int(),
  why: z.custom<Pick<RankExplanation, 'slot' | 'round' | 'tieBrokenByIin'>>().meta({
    description:
      'slot (extraordinary, primaryTurn, generalTurn, primaryOnly, generalOnly), round, tieBrokenByIin',
  }),
  responseId: z.string(),
  applicationId: z.string(),
  childName: z.string(),
  /** Masked: the pages never need the whole IIN to explain an order. */
  childIin: z.string(),
  birthYear: z.number().int(),
  priority: z.string(),
  filedAt: z.string(),
  respondedAt: z.string(),
  status: z.custom<Response['status']>().meta({ description: "The response's status" }),
  /** The application's current number in its district queue (null once it left the queue). */
  queueNumber: z.number().int().nullable(),
  activatedAt: z.string().optional(),
  activatedBy: z.string().optional(),
  skipReason: z.string().optional(),
  skippedResponseIds: z.array(z.string()).optional(),
  /** Activated although higher-ranked responders were passed over (with the recorded reason). */
  outOfOrder: z.boolean(),
});

export const bulletinFairness = z.object({
  bulletin: z.custom<Bulletin & { kindergartenName: string }>().meta({
    description: 'A document of the bulletins collection (src/schema) with its kindergartenName',
  }),
  responders: z.array(rankedResponder),
});

export const bulletinSummary = z.object({
  bulletinId: z.string(),
  kindergartenId: z.string(),
  kindergartenName: z.string(),
  groupId: z.string(),
  language: z.string(),
  birthYears: z.array(z.number().int()),
  /** As the bulletin holds them: codes, or the text of a bulletin written before codes. */
  ageGroup: z.string(),
  placeType: z.string(),
  status: z.custom<Bulletin['status']>().meta({ description: "The bulletin's status" }),
  publishedAt: z.string().optional(),
  totalPlaces: count,
  freePlaces: count,
  responders: count,
  activated: count,
  outOfOrder: count,
});

export const outOfOrderAllocation = z.object({
  responseId: z.string(),
  applicationId: z.string(),
  bulletinId: z.string(),
  kindergartenId: z.string(),
  kindergartenName: z.string(),
  childName: z.string(),
  rank: z.number().int(),
  activatedAt: z.string().optional(),
  activatedBy: z.string().optional(),
  reason: z.string().nullable(),
  /** The children passed over, by name and rank. */
  passedOver: z.array(z.object({ responseId: z.string(), childName: z.string(), rank: z.number().int() })),
});

export const priorityClaim = z.object({
  applicationId: z.string(),
  childName: z.string(),
  childIin: z.string(),
  localityId: z.string(),
  birthYear: z.number().int(),
  filedAt: z.string(),
  claimedPriority: z.string(),
  priority: z.string(),
  status: z.string(),
  priorityConfirmedBy: z.string().optional(),
  priorityConfirmedAt: z.string().optional(),
});

export const auditVerification = z.object({
  ok: z.boolean(),
  /** Entries checked: the whole chain, every district's. */
  checked: count,
  /** Where the chain first breaks (issue 8: "reported with its position"). */
  brokenAt: z
    .object({
      seq: z.number().int(),
      reason: z.enum(['gap', 'link', 'hash']),
      /** The entry's id, only when it belongs to the supervisor's region (nothing of another district leaks). */
      id: z.string().optional(),
      inRegion: z.boolean(),
    })
    .optional(),
});

/** A staff account as the pages see it: never the password hash nor the token version. */
export const staffAccount = z.object({
  id: z.string(),
  login: z.string(),
  role: z.enum(['staff', 'supervisor']),
  name: z.string(),
  kindergartenId: z.string().optional(),
  regionId: z.string().optional(),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.number(),
});

/** The regional settings the rules read: both what the page sends and what it is answered. */
export const regionSettings = z.object({
  /** The bulletin's priority window in working days (docs/domain.md: 3 by default). */
  priorityWindowWorkingDays: z.number().int().min(1).max(60),
  /** The 10 stop-list days in working days (the seed) or calendar days (some cities). */
  stopListUnit: z.enum(['working', 'calendar']),
  /** "Заинтересован": how often parents confirm interest; null when the region does not ask. */
  interestConfirmationDays: z.number().int().min(1).max(365).nullable(),
});

export const workingCalendar = z.object({
  year: z.number().int(),
  data: z.custom<CalendarData>().meta({ description: 'fixedHolidays, religiousDays, transfers' }),
  /** true while the region uses Kazakhstan's shipped calendar (KZ_CALENDAR) unchanged. */
  isDefault: z.boolean(),
  /** Every weekday off of the year, computed by the domain's calendar from `data`. */
  nonWorkingWeekdays: z.array(z.string()),
  /** Weekend days worked by a government transfer. */
  workingWeekends: z.array(z.string()),
  updatedAt: z.number().optional(),
  updatedBy: z.string().optional(),
});

const asOf = z.string().meta({ description: 'The server time the answer was computed at' });

/** Every supervisor route's answer, by the route's operationId. */
export const supervisorResponses = {
  supervisorMe,
  supervisorDashboard: dashboard,
  supervisorBulletins: z.object({ asOf, bulletins: z.array(bulletinSummary) }),
  supervisorBulletin: bulletinFairness.extend({ asOf, trail: z.array(auditEntry) }),
  supervisorOutOfOrder: z.object({ asOf, allocations: z.array(outOfOrderAllocation) }),
  supervisorDecision: z.object({ asOf, entries: z.array(auditEntry) }),
  supervisorAudit: z.object({ asOf, total: count, entries: z.array(auditEntry) }),
  supervisorAuditVerify: auditVerification.extend({ asOf }),
  supervisorAuditActors: z.object({ actors: z.array(regionActor) }),
  supervisorPriorityClaims: z.object({ asOf, claims: z.array(priorityClaim) }),
  supervisorDecidePriority: z.object({ status: z.literal('applied') }),
  supervisorKindergartens: z.object({
    kindergartens: z.array(
      z.custom<Kindergarten & { groups: number }>().meta({
        description: 'A document of the kindergartens collection (src/schema) with its number of groups',
      }),
    ),
  }),
  kindergarten,
  supervisorGroups: z.object({ groups: z.array(group) }),
  group,
  supervisorStaff: z.object({ staff: z.array(staffAccount) }),
  staffAccount,
  supervisorResetPassword: z.object({ account: staffAccount, temporaryPassword: z.string() }),
  supervisorReleaseIin: z.object({ iin: z.string(), parentId: z.string(), releasedAt: z.string() }),
  workingCalendar,
  regionSettings,
} as const;

type Responses = typeof supervisorResponses;
export type SupervisorRoute = keyof Responses;
/** The body a supervisor route answers, by the name of its response in `supervisorResponses`. */
export type SupervisorResponse<K extends SupervisorRoute> = z.output<Responses[K]>;

export type SupervisorMe = z.output<typeof supervisorMe>;
export type PlaceNames = z.output<typeof placeNames>;
export type Dashboard = z.output<typeof dashboard>;
export type RankedResponder = z.output<typeof rankedResponder>;
export type BulletinFairness = z.output<typeof bulletinFairness>;
export type BulletinSummary = z.output<typeof bulletinSummary>;
export type OutOfOrderAllocation = z.output<typeof outOfOrderAllocation>;
export type PriorityClaim = z.output<typeof priorityClaim>;
export type AuditVerification = z.output<typeof auditVerification>;
export type RegionActor = z.output<typeof regionActor>;
export type StaffAccount = z.output<typeof staffAccount>;
export type RegionSettingsView = z.output<typeof regionSettings>;
export type WorkingCalendarView = z.output<typeof workingCalendar>;
