import type { CalendarData } from '../../../src/domain';
import type { AuditEntry, Group, Kindergarten } from '../../../src/schema';
import type {
  AuditVerification,
  BulletinFairness,
  BulletinSummary,
  Dashboard,
  OutOfOrderAllocation,
  PriorityClaim,
  RegionSettingsView,
  StaffAccount,
  WorkingCalendarView,
} from '../../../sync-server/supervisor';
import { download, request, setTokens } from './http';

export type { AuditVerification, PriorityClaim, RegionSettingsView };

/** The supervisor API (sync-server/supervisor), one function per route. Types come from the server. */
const base = '/api/supervisor';

export interface Locality {
  id: string;
  kk?: string;
  ru?: string;
  en?: string;
}
export interface Me {
  userId: string;
  name: string;
  regionId: string;
  /** The region's names (kk, ru, en) from its settings. */
  region?: Locality;
  localities: Locality[];
  serverTime: string;
}

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
  dashboard: (f: Filters) => request<Dashboard>('GET', `${base}/dashboard${query(f)}`),
  bulletins: (f: Filters) =>
    request<{ asOf: string; bulletins: BulletinSummary[] }>('GET', `${base}/bulletins${query(f)}`),
  bulletin: (id: string) =>
    request<BulletinFairness & { asOf: string; trail: AuditEntry[] }>(
      'GET',
      `${base}/bulletins/${encodeURIComponent(id)}`,
    ),
  outOfOrder: (f: Filters) =>
    request<{ asOf: string; allocations: OutOfOrderAllocation[] }>('GET', `${base}/out-of-order${query(f)}`),
  decision: (entityId: string) =>
    request<{ asOf: string; entries: AuditEntry[] }>(
      'GET',
      `${base}/decisions/${encodeURIComponent(entityId)}`,
    ),
  audit: (q: Record<string, string | number | undefined>) =>
    request<{ asOf: string; total: number; entries: AuditEntry[] }>('GET', `${base}/audit${query(q)}`),
  verifyAudit: () => request<AuditVerification>('GET', `${base}/audit/verify`),
  kindergartens: () =>
    request<{ kindergartens: (Kindergarten & { groups: number })[] }>('GET', `${base}/kindergartens`),
  createKindergarten: (body: Record<string, unknown>) =>
    request<Kindergarten>('POST', `${base}/kindergartens`, body),
  updateKindergarten: (id: string, body: Record<string, unknown>) =>
    request<Kindergarten>('PATCH', `${base}/kindergartens/${encodeURIComponent(id)}`, body),
  setKindergartenOpen: (id: string, open: boolean) =>
    request<Kindergarten>(
      'POST',
      `${base}/kindergartens/${encodeURIComponent(id)}/${open ? 'reopen' : 'close'}`,
    ),
  groups: (kindergartenId?: string) =>
    request<{ groups: Group[] }>('GET', `${base}/groups${query({ kindergartenId })}`),
  createGroup: (body: Record<string, unknown>) => request<Group>('POST', `${base}/groups`, body),
  updateGroup: (id: string, body: Record<string, unknown>) =>
    request<Group>('PATCH', `${base}/groups/${encodeURIComponent(id)}`, body),
  setGroupOpen: (id: string, open: boolean) =>
    request<Group>('POST', `${base}/groups/${encodeURIComponent(id)}/${open ? 'reopen' : 'close'}`),
  staff: () => request<{ staff: StaffAccount[] }>('GET', `${base}/staff`),
  createStaff: (body: Record<string, unknown>) => request<StaffAccount>('POST', `${base}/staff`, body),
  updateStaff: (id: string, body: Record<string, unknown>) =>
    request<StaffAccount>('PATCH', `${base}/staff/${encodeURIComponent(id)}`, body),
  resetStaffPassword: (id: string) =>
    request<{ account: StaffAccount; temporaryPassword: string }>(
      'POST',
      `${base}/staff/${encodeURIComponent(id)}/reset-password`,
    ),
  setStaffDisabled: (id: string, disabled: boolean) =>
    request<StaffAccount>(
      'POST',
      `${base}/staff/${encodeURIComponent(id)}/${disabled ? 'disable' : 'enable'}`,
    ),
  priorityClaims: (status: 'pending' | 'all') =>
    request<{ asOf: string; claims: PriorityClaim[] }>('GET', `${base}/priority${query({ status })}`),
  decidePriority: (applicationId: string, body: { decision: 'confirm' | 'reject'; note: string }) =>
    request<{ status: 'applied' }>('POST', `${base}/priority/${encodeURIComponent(applicationId)}`, body),
  releaseIin: (iin: string, reason: string) =>
    request<{ iin: string; parentId: string; releasedAt: string }>(
      'POST',
      `${base}/iin-disputes/${encodeURIComponent(iin)}/release`,
      { reason },
    ),
  calendar: (year: number) => request<WorkingCalendarView>('GET', `${base}/calendar${query({ year })}`),
  saveCalendar: (year: number, data: CalendarData) =>
    request<WorkingCalendarView>('PUT', `${base}/calendar`, { year, data }),
  regionSettings: () => request<RegionSettingsView>('GET', `${base}/settings`),
  saveRegionSettings: (body: RegionSettingsView) =>
    request<RegionSettingsView>('PUT', `${base}/settings`, body),
  exportTable: (table: string, format: 'csv' | 'xlsx', params: object = {}) =>
    download(`${base}/export/${table}.${format}${query(params)}`),
};
