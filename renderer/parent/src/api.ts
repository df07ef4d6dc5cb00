import type {
  Application,
  Bulletin,
  Group,
  Kindergarten,
  Notification,
  Referral,
  Response,
} from '../../../src/schema';
import type { ReferralCheck } from '../../../src/domain/referral-check';
import { request, sessionEnded } from './http';

/**
 * The parents' API of the sync server (sync-server/api), one function per route. Types come from
 * src/schema (type-only: no RxDB reaches this bundle).
 */

export interface Person {
  iin: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  birthDate: string;
  sex: 'male' | 'female';
}

export interface Me extends Partial<Person> {
  id: string;
  phone: string;
  contactPhone?: string;
  extraPhone?: string;
  address?: string;
  photoUrl?: string;
  /** Step 4 of registration (the parent's IIN) is still to do. */
  needsIin: boolean;
}

export interface Child extends Person {
  id: string;
}

export interface Locality {
  id: string;
  name: string;
}
export interface Region {
  id: string;
  name: string;
  localities: Locality[];
}

export interface KindergartenView extends Kindergarten {
  name: string;
  localityName?: string;
}

/** A group on the kindergarten's page, with its places (capacity − enrolled − held by live referrals). */
export interface GroupWithPlaces extends Group {
  places: { capacity: number; enrolled: number; free: number };
}

/** The kindergarten's page in the catalogue. */
export interface KindergartenPage extends KindergartenView {
  regionName?: string;
  groups: GroupWithPlaces[];
}

/** A line of «Список всех направлений в детский сад»: initials, never a name or an IIN. */
export interface RegisterEntry {
  childInitials: string;
  /** The application's number in its queue when the referral was issued (null: not recorded then). */
  queueNumber: number | null;
  issuedOn: string;
  group: string;
  ageGroup: string;
}

export interface ReferralRegister {
  kindergartenId: string;
  kindergarten: string;
  total: number;
  limit: number;
  offset: number;
  items: RegisterEntry[];
}

/** An application with what the four-step view needs (seed: "Шаг 1 … Шаг 4"). */
export interface ApplicationView extends Application {
  queueNumber?: number | null;
  localityName?: string;
  response?: (Response & { bulletinId: string }) | null;
  referral?: ReferralView | null;
  enrolledKindergartenName?: string;
  enrolledGroupName?: string;
  /** The server's four steps (the view shows them as they are, issue 14, item 20). */
  steps: { queue: ServerStep; respond: ServerStep; referral: ServerStep; result: ServerStep };
  /** «Заинтересован» applies (the child waits for a place) and the day by which to confirm it. */
  interestApplies: boolean;
  interestDueBy?: string;
}

export type ServerStep = 'done' | 'current' | 'upcoming' | 'closed';

export interface ReferralView extends Referral {
  kindergartenName?: string;
  address?: string;
  groupName?: string;
  lastValidDay: string;
  /** Working days left including today (docs/domain.md: valid 5 working days). */
  workingDaysLeft: number;
  /** Today is the last valid day and it was not extended yet: the only time extension is allowed. */
  canExtend: boolean;
  extendReasons: string[];
  /** The latest day an extension may reach (30 calendar days beyond the last valid day). */
  extensionMaxUntil?: string;
  pdfUrl: string;
}

/** A row of "Бюллетень свободных мест" (the seed's columns); `availableToMe` for a logged-in parent. */
export interface BulletinRow extends Bulletin {
  kindergartenName: string;
  groupName: string;
  localityName?: string;
  availableToMe?: boolean;
}

/** The bulletin card (the seed's "Детский сад … Статус: Доступ для всех"). */
export interface BulletinView
  extends Pick<
    Bulletin,
    | 'id'
    | 'kindergartenId'
    | 'groupId'
    | 'groupType'
    | 'totalPlaces'
    | 'freePlaces'
    | 'language'
    | 'birthYears'
    | 'ageGroup'
    | 'placeType'
    | 'authorName'
    | 'vacancyAt'
    | 'status'
    | 'access'
  > {
  kindergartenName: string | null;
  ownership: Kindergarten['ownership'] | null;
  address: string | null;
  regionName: string | null;
  localityName: string | null;
  groupName: string | null;
  publishedAt: string | null;
  priorityUntil: string | null;
}

/** Per application of the parent: may it respond to the bulletin, and if not, every reason (domain codes). */
export interface Eligibility {
  applicationId: string;
  childName: string;
  ok: boolean;
  reasons: string[];
}

export interface BulletinFilters {
  regionId?: string;
  localityId?: string;
  birthYear?: string;
  kindergartenId?: string;
  access?: 'mine' | 'all' | '';
}

export interface Statistics {
  waiting: number;
  kindergartens: number;
  freePlaces: number;
  enrolled: number;
}

export interface ReviewView {
  id: string;
  authorName: string;
  rating: number;
  text: string;
  createdAt: string;
}

export interface QueueLookup {
  childName: string;
  queueNumber: number | null;
  status: Application['status'];
  localityName?: string;
  filedAt: string;
}

export type NotificationView = Notification;

/** "Журнал пользователя": one of the parent's own operations (an action kind) and its outcome. */
export interface JournalEntry {
  id: string;
  at: string;
  kind: string;
  status: 'pending' | 'applied' | 'rejected';
  params?: { status?: string; reason?: string };
  /** The child the action was about. */
  childName?: string;
}

const q = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => !!e[1]),
  ).toString();
  return s ? `?${s}` : '';
};

// --- Registration (the seed's four steps), login, reset -------------------------------------------
export const requestCode = (phone: string, consent: boolean, purpose: 'register' | 'reset') =>
  request<{ resendAfterSeconds: number }>('POST', '/auth/otp', { body: { phone, consent, purpose } });

export const verifyCode = (phone: string, code: string, purpose: 'register' | 'reset') =>
  request<{ ticket: string }>('POST', '/auth/otp/verify', { body: { phone, code, purpose } });

export const createAccount = (ticket: string, password: string, passwordConfirmation: string) =>
  request<unknown>('POST', '/auth/register', {
    body: { ticket, password, passwordConfirmation },
    noRefresh: true,
  });

export const lookupPerson = (iin: string) => request<Person>('POST', '/me/iin/check', { body: { iin } });
export const confirmIin = (iin: string) => request<Me>('POST', '/me/iin', { body: { iin } });

export const login = (phone: string, password: string) =>
  request<unknown>('POST', '/auth/login', { body: { phone, password }, noRefresh: true });

export const resetPassword = (ticket: string, password: string, passwordConfirmation: string) =>
  request<unknown>('POST', '/auth/reset', {
    body: { ticket, password, passwordConfirmation },
    noRefresh: true,
  });

export async function logout() {
  try {
    await request('POST', '/auth/logout');
  } finally {
    sessionEnded();
  }
}

// --- Profile ---------------------------------------------------------------------------------------
export const getMe = () => request<Me>('GET', '/me');
export const updateMe = (patch: Pick<Me, 'contactPhone' | 'extraPhone' | 'address'>) =>
  request<Me>('PATCH', '/me', { body: patch });
export function uploadPhoto(file: File) {
  const form = new FormData();
  form.append('photo', file);
  return request<Me>('POST', '/me/photo', { body: form });
}

// --- Children --------------------------------------------------------------------------------------
export const listChildren = () => request<Child[]>('GET', '/children');
export const checkChild = (iin: string) => request<Person>('POST', '/children/check', { body: { iin } });
export const addChild = (iin: string) => request<Child>('POST', '/children', { body: { iin } });

// --- Catalogue and the home page -----------------------------------------------------------------
export const listRegions = () => request<Region[]>('GET', '/regions');
export const listKindergartens = (regionId?: string, localityId?: string) =>
  request<KindergartenView[]>('GET', `/kindergartens${q({ regionId, localityId })}`);
export const getStatistics = (regionId?: string) =>
  request<Statistics>('GET', `/statistics${q({ regionId })}`);
export const listReviews = () => request<ReviewView[]>('GET', '/reviews');
export const addReview = (review: { rating: number; text: string }) =>
  request<ReviewView>('POST', '/reviews', { body: review });
/** "Проверка направления": anyone checks a referral by its code (issue 17). */
export const verifyReferral = (code: string) =>
  request<ReferralCheck>('GET', `/verify/${encodeURIComponent(code)}`, { noRefresh: true });
/** "Эталонное время сервера": the server's clock (server-clock.ts ticks from it). */
export const serverTime = () =>
  request<{ now: string; timeZone: string }>('GET', '/time', { noRefresh: true });
export const lookupQueue = (iin: string) => request<QueueLookup[]>('GET', `/queue${q({ iin })}`);
export const getKindergarten = (id: string) =>
  request<KindergartenPage>('GET', `/kindergartens/${encodeURIComponent(id)}`);
export const listKindergartenReferrals = (id: string, page: { limit: number; offset: number }) =>
  request<ReferralRegister>(
    'GET',
    `/kindergartens/${encodeURIComponent(id)}/referrals${q({ limit: String(page.limit), offset: String(page.offset) })}`,
  );
export const listGroups = (kindergartenId: string) =>
  request<Group[]>('GET', `/kindergartens/${kindergartenId}/groups`);

// --- Applications ----------------------------------------------------------------------------------
export const listApplications = () => request<ApplicationView[]>('GET', '/applications');
export const listArchive = () => request<ApplicationView[]>('GET', '/applications/archive');
export const getApplication = (id: string) => request<ApplicationView>('GET', `/applications/${id}`);
export interface NewApplication {
  childId: string;
  groupType: string;
  languages: string[];
  regionId: string;
  localityId: string;
  claimedPriority: 'extraordinary' | 'primary' | 'none';
}
export const fileApplication = (a: NewApplication) =>
  request<ApplicationView>('POST', '/applications', { body: a });
export const withdrawApplication = (id: string) => request<void>('POST', `/applications/${id}/withdraw`);
export const confirmInterest = (id: string) =>
  request<ApplicationView>('POST', `/applications/${id}/interest`);

// --- Bulletins -------------------------------------------------------------------------------------
export const listBulletins = (f: BulletinFilters) =>
  request<BulletinRow[]>('GET', `/bulletins${q({ ...f, access: f.access || undefined, limit: '200' })}`);
export const getBulletin = (id: string) => request<BulletinView>('GET', `/bulletins/${id}`);
export const bulletinEligibility = (id: string) =>
  request<Eligibility[]>('GET', `/bulletins/${id}/eligibility`);
export const respondToBulletin = (bulletinId: string, applicationId: string) =>
  request<ApplicationView>('POST', `/bulletins/${bulletinId}/responses`, { body: { applicationId } });

// --- Referral --------------------------------------------------------------------------------------
export const downloadReferral = (referralId: string, lang: string) =>
  request<globalThis.Response>('GET', `/referrals/${referralId}/pdf?lang=${lang}`, { raw: true });
export function extendReferral(
  referralId: string,
  extension: { reason: string; until?: string; files: { file: File; description: string }[] },
) {
  const form = new FormData();
  form.append('reason', extension.reason);
  if (extension.until) form.append('until', extension.until);
  for (const f of extension.files) {
    form.append('documents', f.file);
    form.append('descriptions', f.description);
  }
  return request<ReferralView>('POST', `/referrals/${referralId}/extend`, { body: form });
}

// --- Notifications ---------------------------------------------------------------------------------
export const listNotifications = () => request<NotificationView[]>('GET', '/notifications');
export const markRead = (id: string) => request<void>('POST', `/notifications/${id}/read`);
export const markAllRead = () => request<{ unread: number }>('POST', '/notifications/read-all');
export const unreadCount = () =>
  request<{ unread: number }>('GET', '/notifications/unread-count').then((r) => r.unread);
export const listJournal = () => request<JournalEntry[]>('GET', '/journal');
