// The district supervisor's REST API (issue 8): dashboards, fairness, audit, management, calendar,
// exports and live updates, mounted by the server at /api/supervisor.
export { createSupervisorApi } from './supervisor-api';
export type { AuditVerification } from './audit-verification';
export type { Dashboard } from './dashboard';
export type { BulletinFairness, BulletinSummary, OutOfOrderAllocation, RankedResponder } from './fairness';
export type { PriorityClaim } from './priority-claims';
export type { RegionSettingsView } from './region-settings';
export type { StaffAccount } from './staff-accounts';
export type { WorkingCalendarView } from './working-calendar';
