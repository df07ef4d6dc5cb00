// Pieces the supervisor pages share: a table with plain-text headers, a breakdown of the queue, the
// management pages' edit form and its fields' binding to a draft.
export { type Breakdown, BreakdownCard, type BreakdownRow } from './breakdown-card';
export { draftFields, EditForm } from './edit-form';
export { Table, type TableColumn } from './table';
