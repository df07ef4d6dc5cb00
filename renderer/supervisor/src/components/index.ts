// Pieces the supervisor pages share: a table with plain-text headers, a breakdown of the queue.
export { type Breakdown, BreakdownCard, type BreakdownRow } from './breakdown-card';
export { Table, type TableColumn } from './table';
