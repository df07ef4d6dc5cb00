// The supervisor's pages (issue 8), one per section of the navigation.
export { AuditPage } from './audit-page';
export { CalendarPage } from './calendar-page';
export { CataloguePage } from './catalogue-page';
export { DashboardPage } from './dashboard-page';
export { DecisionPage, FairnessPage } from './fairness-page';
export { LoginPage } from './login-page';
export { PriorityPage } from './priority-page';
export { StaffPage } from './staff-page';
