// The district supervisor's routes (issue 8): dashboards, fairness, audit, management, calendar,
// exports and live updates, in the API's route table under /api/supervisor (issue 15). Their answers'
// types are the contract's (src/contract/supervisor-api.ts).
export { supervisorRoutes } from './supervisor-routes';
