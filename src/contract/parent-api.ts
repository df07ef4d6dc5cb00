import { z } from 'zod';
import { DEFAULT_TIME_ZONE } from '../i18n/dateFormat';
import type { Application, Bulletin, Group, Kindergarten, Referral, Response } from '../schema';

// What the parents' API answers (sync-server/api/routes): each route declares one of these (or a
// collection's documents with one of the `…Extra` views) as its response, the route table holds the
// handler's return type to it, the OpenAPI document shows it, and the parents' web view reads the
// types at the end of this file. Requests are validated by each route's own schemas.

const stepState = z.enum(['done', 'current', 'upcoming', 'closed']);

export const referralExtra = z.object({
  kindergartenName: z.string().optional(),
  address: z.string().optional(),
  groupName: z.string().optional(),
  lastValidDay: z.string(),
  workingDaysLeft: z.number().int(),
  canExtend: z.boolean(),
  extendReasons: z.array(z.string()),
  extensionMaxUntil: z.string().optional(),
  pdfUrl: z.string(),
});

export const applicationExtra = z.object({
  queueNumber: z.number().int().nullable(),
  localityName: z.string().optional(),
  steps: z.object({ queue: stepState, respond: stepState, referral: stepState, result: stepState }),
  response: z.custom<Response>().nullable().meta({ description: 'The latest response (Response)' }),
  referral: z
    .custom<ReferralView>()
    .nullable()
    .meta({ description: 'The latest referral (Referral + referral view)' }),
  enrolledKindergartenName: z.string().optional(),
  enrolledGroupName: z.string().optional(),
  /** «Заинтересован» applies: the child waits for a place (waiting, inactive, stop-list). */
  interestApplies: z.boolean(),
  /** The day (YYYY-MM-DD, Asia/Almaty) by which interest must be confirmed, where the region sets a period. */
  interestDueBy: z.string().optional(),
});

export const eligibilityRow = z.object({
  applicationId: z.string(),
  childName: z.string(),
  ok: z.boolean(),
  reasons: z.array(z.string()).meta({
    description: 'Failed conditions: birthYear, language, locality, groupType, access, status, stopList',
  }),
});

export const bulletinExtra = z.object({
  kindergartenName: z.string(),
  groupName: z.string(),
  ownership: z.enum(['state', 'private']).optional(),
  address: z.string().optional(),
  regionName: z.string().optional(),
  localityName: z.string().optional(),
  access: z.enum(['priority', 'all']).meta({ description: 'The stage now, not only the stored flag' }),
  availableToMe: z.boolean().optional(),
  eligibility: z.array(eligibilityRow).optional(),
});

export const me = z.object({
  id: z.string(),
  login: z.string(),
  phone: z.string(),
  iin: z.string().optional(),
  lastName: z.string().optional(),
  firstName: z.string().optional(),
  middleName: z.string().optional(),
  birthDate: z.string().optional(),
  sex: z.enum(['male', 'female']).optional(),
  contactPhone: z.string().optional(),
  extraPhone: z.string().optional(),
  address: z.string().optional(),
  photoUrl: z.string().optional(),
  needsIin: z.boolean(),
});

export const person = z.object({
  iin: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().optional(),
  birthDate: z.string(),
  sex: z.enum(['male', 'female']),
});

export const child = person.extend({ id: z.string(), fullName: z.string() });

export const region = z.object({
  id: z.string(),
  name: z.string(),
  localities: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const statistics = z.object({
  waiting: z.number().int(),
  enrolled: z.number().int(),
  kindergartens: z.number().int(),
  freePlaces: z.number().int(),
  queues: z.array(
    z.object({
      regionId: z.string(),
      localityId: z.string(),
      localityName: z.string().optional(),
      birthYear: z.number().int(),
      groupType: z.string(),
      size: z.number().int(),
    }),
  ),
});

export const queueEntry = z.object({
  childName: z.string().meta({ description: 'Last name and initials only' }),
  queueNumber: z.number().int().nullable(),
  status: z.string(),
  localityName: z.string().optional(),
  filedAt: z.string(),
});

export const journalEntry = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  status: z.enum(['pending', 'applied', 'rejected']),
  params: z.object({ status: z.string(), reason: z.string().optional() }),
  /** The child the action was about (issue 14, item 15: a parent of two must tell the lines apart). */
  childName: z.string().optional(),
  text: z.string(),
});

export const result = z.object({
  applicationId: z.string(),
  childId: z.string(),
  childName: z.string(),
  kindergartenId: z.string().optional(),
  kindergartenName: z.string().optional(),
  groupId: z.string().optional(),
  groupName: z.string().optional(),
});

export const ok = z.object({ ok: z.literal(true) });

export const review = z.object({
  id: z.string(),
  authorName: z.string(),
  rating: z.number().int(),
  text: z.string(),
  kindergartenId: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.number(),
});

/** A kindergarten of the catalogue: its name and town in the caller's language. */
export const kindergartenExtra = z.object({ name: z.string(), localityName: z.string().optional() });

/** A group on the kindergarten's page, with its places as staff and supervisors count them (places.ts). */
export const groupWithPlaces = z
  .object({
    id: z.string(),
    name: z.string(),
    language: z.string(),
    ageGroup: z.string(),
    birthYears: z.array(z.number().int()),
    places: z.object({ capacity: z.number().int(), enrolled: z.number().int(), free: z.number().int() }),
  })
  .loose();

/** The kindergarten's page (issue 14, item 17): the catalogue's view, its region and its open groups. */
export const kindergartenPageExtra = kindergartenExtra.extend({
  regionName: z.string().optional(),
  groups: z.array(groupWithPlaces),
});

/** One line of «Список всех направлений в детский сад»: nothing that identifies a child. */
export const registerEntry = z.object({
  childInitials: z.string().meta({ description: 'Initials only: «К. Д. Е.»' }),
  queueNumber: z.number().int().nullable().meta({
    description:
      'The application’s number in its queue when the referral was issued; null before it was recorded',
  }),
  issuedOn: z.string().meta({ description: 'YYYY-MM-DD (Asia/Almaty)' }),
  group: z.string(),
  ageGroup: z.string().meta({ description: 'A code of AGE_GROUPS (src/domain/catalogue-codes.ts)' }),
});

export const referralRegister = z.object({
  kindergartenId: z.string(),
  kindergarten: z.string().meta({ description: 'In the caller’s language' }),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(registerEntry),
});

/** "Эталонное время сервера". */
export const serverTime = z.object({
  now: z.string().meta({ description: 'The server’s clock, ISO 8601 (UTC)' }),
  timeZone: z.literal(DEFAULT_TIME_ZONE).meta({ description: 'The zone deadlines and dates are kept in' }),
});

// The types the parents' web view reads (renderer/parent/src/api.ts): a document as src/schema types
// it, with the view the route adds.
export type ReferralView = Referral & z.output<typeof referralExtra>;
/** An application with what the four-step view needs (seed: "Шаг 1 … Шаг 4"). */
export type ApplicationView = Application & z.output<typeof applicationExtra>;
export type StepState = z.output<typeof stepState>;
/** A row of "Бюллетень свободных мест" and the bulletin card; `availableToMe` for a logged-in parent. */
export type BulletinView = Omit<Bulletin, 'authorId'> & z.output<typeof bulletinExtra>;
export type Eligibility = z.output<typeof eligibilityRow>;
export type Me = z.output<typeof me>;
export type Person = z.output<typeof person>;
export type Child = z.output<typeof child>;
export type Region = z.output<typeof region>;
export type Statistics = z.output<typeof statistics>;
export type QueueLookup = z.output<typeof queueEntry>;
/** "Журнал пользователя": one of the parent's own operations (an action kind) and its outcome. */
export type JournalEntry = z.output<typeof journalEntry>;
export type ApplicationResult = z.output<typeof result>;
export type ReviewView = z.output<typeof review>;
export type KindergartenView = Kindergarten & z.output<typeof kindergartenExtra>;
/** A group on the kindergarten's page, with its places (capacity − enrolled − held by live referrals). */
export type GroupWithPlaces = Group & z.output<typeof groupWithPlaces>;
export type KindergartenPage = Kindergarten &
  Omit<z.output<typeof kindergartenPageExtra>, 'groups'> & { groups: GroupWithPlaces[] };
export type RegisterEntry = z.output<typeof registerEntry>;
export type ReferralRegister = z.output<typeof referralRegister>;
export type ServerTime = z.output<typeof serverTime>;
