import { lazy } from 'react';

// The supervisor's pages (issue 8), one per section of the navigation.
export { AuditPage } from './audit-page';
export { CalendarPage } from './calendar-page';
export { CataloguePage } from './catalogue-page';
// Only the dashboard draws charts: it is its own chunk with chart.js, fetched when first shown, so the
// sign-in and the other pages do not wait for it. Rendered inside a <Suspense> (app.tsx).
export const DashboardPage = lazy(() =>
  import('./dashboard-page').then((m) => ({ default: m.DashboardPage })),
);
export { DecisionPage, FairnessPage } from './fairness-page';
export { LoginPage } from './login-page';
export { PriorityPage } from './priority-page';
export { StaffPage } from './staff-page';
