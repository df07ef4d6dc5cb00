import type {
  ApplicationView,
  BulletinView,
  Child,
  Eligibility,
  GroupWithPlaces,
  JournalEntry,
  KindergartenPage,
  KindergartenView,
  Me,
  Person,
  QueueLookup,
  ReferralRegister,
  ReferralView,
  Region,
  RegisterEntry,
  ReviewView,
  ServerTime,
  StepState,
  Statistics,
} from '../../../src/contract';
import type { ReferralCheck } from '../../../src/domain/referral-check';
import type { Group, Notification } from '../../../src/schema';
import { request, sessionEnded } from './http';

/**
 * The parents' API of the sync server (sync-server/api), one function per route. The answers' types
 * are the HTTP contract's (src/contract/parent-api.ts), which the server's handlers are checked
 * against (type-only: neither zod nor RxDB reaches this bundle).
 */
export type {
  ApplicationView,
  BulletinView,
  Child,
  Eligibility,
  GroupWithPlaces,
  JournalEntry,
  KindergartenPage,
  KindergartenView,
  Me,
  Person,
  QueueLookup,
  ReferralRegister,
  ReferralView,
  Region,
  RegisterEntry,
  ReviewView,
  Statistics,
};

export type Locality = Region['localities'][number];

/** The server's state of one of the four steps (the view shows them as they are, issue 14, item 20). */
export type ServerStep = StepState;

/** A row of "Бюллетень свободных мест" (the seed's columns). */
export type BulletinRow = BulletinView;

export interface BulletinFilters {
  regionId?: string;
  localityId?: string;
  birthYear?: string;
  kindergartenId?: string;
  access?: 'mine' | 'all' | '';
}

export type NotificationView = Notification;

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
export const listReviews = (kindergartenId?: string) =>
  request<ReviewView[]>('GET', `/reviews${q({ kindergartenId })}`);
export const addReview = (review: { rating: number; text: string; kindergartenId?: string }) =>
  request<ReviewView>('POST', '/reviews', { body: review });
/** "Проверка направления": anyone checks a referral by its code (issue 17). */
export const verifyReferral = (code: string) =>
  request<ReferralCheck>('GET', `/verify/${encodeURIComponent(code)}`, { noRefresh: true });
/** "Эталонное время сервера": the server's clock (server-clock.ts ticks from it). */
export const serverTime = () => request<ServerTime>('GET', '/time', { noRefresh: true });
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
