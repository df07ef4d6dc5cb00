// The action processor (issue 5): applies the intent log against the authoritative state.
export { type ActionLoop, startActionLoop } from './action-loop';
export { checkActor, SYSTEM_ACTOR } from './actor-rights';
export {
  type Coordination,
  coordinationOf,
  inProcessCoordination,
  postgresCoordination,
  setCoordination,
} from './coordination';
export { type JournalEntry, journalSchema } from './journal';
export {
  type ActionOutcome,
  appendAudit,
  lastAuditEntry,
  processAction,
  processPending,
  replayJournals,
} from './processor';
export { type LoadedState, loadState } from './state-loader';
