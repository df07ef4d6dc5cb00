import { PassThrough, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { i18n } from 'i18next';
import { createI18n, formatDate, formatDateTime, type Language } from '../../src/i18n';

/** One table of the pages, as exported (issue 8: "export of every table as CSV, and XLSX"). */
export interface ExportTable {
  name: string;
  columns: string[];
  rows: Record<string, unknown>[];
  /**
   * Columns whose cells are codes (a status, an age group, a language…), read in the page's language
   * (issue 14: the exports' columns were translated, their coded cells were not): the group of texts a
   * code is looked up in (`common.languages` → `common.languages.kk`; a list of codes is read one by
   * one), or a function of the row for what needs more than one code.
   */
  coded?: Record<string, string | CodedCell>;
}

/** A cell written from its row in the page's language. */
export type CodedCell = (row: Record<string, unknown>, t: i18n['t'], lng: Language) => string;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A time as the pages show it (issue 14, item 7): DD.MM.YYYY HH:mm or DD.MM.YYYY in Asia/Almaty. */
function shownTime(value: string): string {
  try {
    return INSTANT.test(value) ? formatDateTime(value) : DAY.test(value) ? formatDate(value) : value;
  } catch {
    return value;
  }
}

function cell(value: unknown): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return shownTime(value);
  if (Array.isArray(value)) return value.join(' ');
  return JSON.stringify(value);
}

// One i18next instance per language for the process (read-only after init).
const texts = new Map<Language, i18n>();
function textsIn(lng: Language): i18n {
  let instance = texts.get(lng);
  if (!instance) {
    instance = createI18n(lng);
    texts.set(lng, instance);
  }
  return instance;
}

/**
 * The table as a person of the page's language reads it: column names in that language, the totals'
 * measures named, times in Asia/Almaty. A column or measure without a text keeps its identifier.
 */
function localized(
  table: ExportTable,
  lng: Language,
): { header: string[]; rows: (string | number | null)[][] } {
  const i = textsIn(lng);
  // A table repeats few codes many times: each text is looked up once per table (i18next's lookup is
  // most of an export's time at 1,000 rows otherwise).
  const looked = new Map<string, string | null>();
  const text = (key: string, fallback: string) => {
    let found = looked.get(key);
    if (found === undefined) {
      found = i.exists(key) ? (i.t(key) as string) : null;
      looked.set(key, found);
    }
    return found ?? fallback;
  };
  const codedCell = (code: string | CodedCell, row: Record<string, unknown>, value: unknown) => {
    if (typeof code === 'function') return code(row, i.t, lng);
    if (typeof value === 'boolean') return i.t(value ? 'common.yes' : 'common.no');
    if (typeof value !== 'string' && !Array.isArray(value)) return cell(value);
    // An unknown code keeps its value rather than becoming a key's path.
    const named = (v: unknown) => text(`${code}.${v}`, String(v));
    return Array.isArray(value) ? value.map(named).join(', ') : named(value);
  };
  return {
    header: table.columns.map((c) => text(`supervisor.exportColumns.${c}`, c)),
    rows: table.rows.map((row) =>
      table.columns.map((c) => {
        const code = table.coded?.[c];
        if (code && (typeof code === 'function' || (row[c] !== undefined && row[c] !== null)))
          return codedCell(code, row, row[c]);
        return c === 'measure' && typeof row[c] === 'string'
          ? text(`supervisor.exportMeasures.${row[c]}`, row[c] as string)
          : cell(row[c]);
      }),
    ),
  };
}

/**
 * CSV with a UTF-8 byte-order mark: without it Excel on Windows reads Cyrillic and Kazakh letters as
 * a legacy code page. Fields are quoted by csv-stringify as RFC 4180 requires.
 */
export function toCsv(table: ExportTable, lng: Language): Buffer {
  const { header, rows } = localized(table, lng);
  const text = stringify([header, ...rows]);
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/**
 * The table as an XLSX workbook written into `out` as it is made (issue 16, item 3): ExcelJS's streaming
 * writer commits each row as zipped XML instead of holding the workbook in memory and zipping it at the
 * end. Resolves once the workbook is complete; `out` is ended by the writer.
 */
export async function writeXlsx(table: ExportTable, lng: Language, out: Writable): Promise<void> {
  const { header, rows } = localized(table, lng);
  // Loaded on the first export, not when the server starts (issue 16, item 6).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  // Excel limits sheet names to 31 characters.
  const sheet = workbook.addWorksheet(table.name.slice(0, 31));
  sheet.columns = header.map(() => ({ width: 18 }));
  const head = sheet.addRow(header);
  head.font = { bold: true };
  head.commit();
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

/** The whole workbook in memory (tests; the API streams with writeXlsx). */
export async function toXlsx(table: ExportTable, lng: Language): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((done) => sink.on('end', done));
  await writeXlsx(table, lng, sink);
  await ended;
  return Buffer.concat(chunks);
}
