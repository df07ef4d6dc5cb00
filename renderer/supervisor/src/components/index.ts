// Pieces the supervisor pages share: a table with plain-text headers, the management pages' edit form
// and its fields' binding to a draft.
export { draftFields, EditForm } from './edit-form';
export { Table, type TableColumn } from './table';
