import type { ReactNode } from 'react';
import { DataTable } from '../../../ui';

export interface TableColumn<Row> {
  key: string;
  /** Heads the column and labels each cell when the table stacks on a narrow screen. */
  title: string;
  cell: (row: Row) => ReactNode;
}

/**
 * renderer/ui's DataTable for the supervisor pages, whose column headers are all plain text: the same
 * text is the header and the stacked cell's label, so each column names it once.
 */
export function Table<Row>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
}: {
  caption: ReactNode;
  columns: TableColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  empty: ReactNode;
}) {
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={rowKey}
      empty={empty}
      columns={columns.map((c) => ({ key: c.key, header: c.title, label: c.title, cell: c.cell }))}
    />
  );
}
