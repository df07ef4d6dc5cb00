import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

/** One table of the pages, as exported (issue 8: "export of every table as CSV, and XLSX"). */
export interface ExportTable {
  name: string;
  columns: string[];
  rows: Record<string, unknown>[];
}

function cell(value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(' ');
  return JSON.stringify(value);
}

/**
 * CSV with a UTF-8 byte-order mark: without it Excel on Windows reads Cyrillic and Kazakh letters as
 * a legacy code page. Fields are quoted by csv-stringify as RFC 4180 requires.
 */
export function toCsv(table: ExportTable): Buffer {
  const text = stringify(
    table.rows.map((row) => table.columns.map((c) => cell(row[c]))),
    { header: true, columns: table.columns },
  );
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // Excel limits sheet names to 31 characters.
  const sheet = workbook.addWorksheet(table.name.slice(0, 31));
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) sheet.addRow(table.columns.map((c) => cell(row[c])));
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
