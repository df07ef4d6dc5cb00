import type {
  AuditVerification,
  PlaceNames,
  PriorityClaim,
  RegionSettingsView,
  SupervisorResponse,
  SupervisorRoute,
} from '../../../src/contract';
import type { CalendarData } from '../../../src/domain';
import { download, request, setTokens } from './http';

export type { AuditVerification, PriorityClaim, RegionSettingsView };

/**
 * The supervisor routes of the API (/api/supervisor), one function per route. The answers' types are
 * the HTTP contract's (src/contract/supervisor-api.ts), which the server's handlers are checked against.
 */
const base = '/api/supervisor';

/** A region's or locality's names (kk, ru, en) from its settings. */
export type Locality = PlaceNames;
export type Me = SupervisorResponse<'supervisorMe'>;
type Answer<K extends SupervisorRoute> = SupervisorResponse<K>;

export interface Filters {
  localityId?: string;
  kindergartenId?: string;
  from?: string;
  to?: string;
}

export function query(params: object): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '' && v !== null);
  return entries.length === 0
    ? ''
    : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}

export const api = {
  async login(login: string, password: string): Promise<void> {
    setTokens(
      await request<{ token: string; refreshToken?: string }>('POST', '/api/auth/login', { login, password }),
    );
  },
  async logout(): Promise<void> {
    await request('POST', '/api/auth/logout').catch(() => undefined);
    setTokens(null);
  },
  me: () => request<Me>('GET', `${base}/me`),
  dashboard: (f: Filters) => request<Answer<'supervisorDashboard'>>('GET', `${base}/dashboard${query(f)}`),
  bulletins: (f: Filters) => request<Answer<'supervisorBulletins'>>('GET', `${base}/bulletins${query(f)}`),
  bulletin: (id: string) =>
    request<Answer<'supervisorBulletin'>>('GET', `${base}/bulletins/${encodeURIComponent(id)}`),
  outOfOrder: (f: Filters) =>
    request<Answer<'supervisorOutOfOrder'>>('GET', `${base}/out-of-order${query(f)}`),
  decision: (entityId: string) =>
    request<Answer<'supervisorDecision'>>('GET', `${base}/decisions/${encodeURIComponent(entityId)}`),
  audit: (q: Record<string, string | number | undefined>) =>
    request<Answer<'supervisorAudit'>>('GET', `${base}/audit${query(q)}`),
  auditActors: () => request<Answer<'supervisorAuditActors'>>('GET', `${base}/audit/actors`),
  verifyAudit: () => request<Answer<'supervisorAuditVerify'>>('GET', `${base}/audit/verify`),
  kindergartens: () => request<Answer<'supervisorKindergartens'>>('GET', `${base}/kindergartens`),
  createKindergarten: (body: Record<string, unknown>) =>
    request<Answer<'kindergarten'>>('POST', `${base}/kindergartens`, body),
  updateKindergarten: (id: string, body: Record<string, unknown>) =>
    request<Answer<'kindergarten'>>('PATCH', `${base}/kindergartens/${encodeURIComponent(id)}`, body),
  setKindergartenOpen: (id: string, open: boolean) =>
    request<Answer<'kindergarten'>>(
      'POST',
      `${base}/kindergartens/${encodeURIComponent(id)}/${open ? 'reopen' : 'close'}`,
    ),
  groups: (kindergartenId?: string) =>
    request<Answer<'supervisorGroups'>>('GET', `${base}/groups${query({ kindergartenId })}`),
  createGroup: (body: Record<string, unknown>) => request<Answer<'group'>>('POST', `${base}/groups`, body),
  updateGroup: (id: string, body: Record<string, unknown>) =>
    request<Answer<'group'>>('PATCH', `${base}/groups/${encodeURIComponent(id)}`, body),
  setGroupOpen: (id: string, open: boolean) =>
    request<Answer<'group'>>('POST', `${base}/groups/${encodeURIComponent(id)}/${open ? 'reopen' : 'close'}`),
  staff: () => request<Answer<'supervisorStaff'>>('GET', `${base}/staff`),
  createStaff: (body: Record<string, unknown>) =>
    request<Answer<'staffAccount'>>('POST', `${base}/staff`, body),
  updateStaff: (id: string, body: Record<string, unknown>) =>
    request<Answer<'staffAccount'>>('PATCH', `${base}/staff/${encodeURIComponent(id)}`, body),
  resetStaffPassword: (id: string) =>
    request<Answer<'supervisorResetPassword'>>(
      'POST',
      `${base}/staff/${encodeURIComponent(id)}/reset-password`,
    ),
  setStaffDisabled: (id: string, disabled: boolean) =>
    request<Answer<'staffAccount'>>(
      'POST',
      `${base}/staff/${encodeURIComponent(id)}/${disabled ? 'disable' : 'enable'}`,
    ),
  priorityClaims: (status: 'pending' | 'all') =>
    request<Answer<'supervisorPriorityClaims'>>('GET', `${base}/priority${query({ status })}`),
  decidePriority: (applicationId: string, body: { decision: 'confirm' | 'reject'; note: string }) =>
    request<Answer<'supervisorDecidePriority'>>(
      'POST',
      `${base}/priority/${encodeURIComponent(applicationId)}`,
      body,
    ),
  releaseIin: (iin: string, reason: string) =>
    request<Answer<'supervisorReleaseIin'>>(
      'POST',
      `${base}/iin-disputes/${encodeURIComponent(iin)}/release`,
      { reason },
    ),
  calendar: (year: number) => request<Answer<'workingCalendar'>>('GET', `${base}/calendar${query({ year })}`),
  saveCalendar: (year: number, data: CalendarData) =>
    request<Answer<'workingCalendar'>>('PUT', `${base}/calendar`, { year, data }),
  regionSettings: () => request<Answer<'regionSettings'>>('GET', `${base}/settings`),
  saveRegionSettings: (body: RegionSettingsView) =>
    request<Answer<'regionSettings'>>('PUT', `${base}/settings`, body),
  exportTable: (table: string, format: 'csv' | 'xlsx', params: object = {}) =>
    download(`${base}/export/${table}.${format}${query(params)}`),
};
