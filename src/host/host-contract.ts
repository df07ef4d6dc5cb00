import { z } from 'zod';
// The module itself, not src/domain's index: the preload bundles what it imports, and needs only this.
import { EXTENSION_DOCUMENTS, type ExtensionDocumentType, sniffDocumentType } from '../domain/documents';

/**
 * The contract between the staff renderer and whatever hosts it: the Electron preload bridge
 * (`window.oryn`) or the browser host adapter. Both implement `OrynHost`, so the UI cannot tell
 * Electron from a plain browser (docs/architecture.md, Desktop app). No `electron` import here: the
 * renderer reads this file for its types, and the main process and preload for the validators.
 */

/** One IPC channel per bridge method (Signal Desktop's shape: one typed method per channel). */
export const HOST_CHANNELS = {
  savePdf: 'oryn:save-pdf',
  saveDocument: 'oryn:save-document',
  printPdf: 'oryn:print-pdf',
  appInfo: 'oryn:app-info',
  replicaKey: 'oryn:replica-key',
  getServerUrl: 'oryn:get-server-url',
  setServerUrl: 'oryn:set-server-url',
  referralPdf: 'oryn:referral-pdf',
} as const;
export type HostChannel = (typeof HOST_CHANNELS)[keyof typeof HOST_CHANNELS];

/** Errors are codes with parameters, translated at the edge (docs/style.md). */
export interface HostError {
  code: HostErrorCode;
  params: Record<string, string | number>;
}
/** Every code a host answers, each with a text under `staff.hostErrors` (checked by the i18n tests). */
export const HOST_ERROR_CODES = [
  'host.invalidInput',
  'host.safeStorageUnavailable',
  'host.replicaKeyUnreadable',
  'host.fileWriteFailed',
  'host.printFailed',
  'host.pdfFailed',
  'host.untrustedSender',
] as const;
export type HostErrorCode = (typeof HOST_ERROR_CODES)[number];
export type HostResult<T> = { ok: true; value: T } | { ok: false; error: HostError };

/**
 * A file name the renderer may suggest for a save dialog or a download: a name only (no folders,
 * nothing Windows forbids, not one of its device names), not hidden, at most 120 characters.
 */
const FORBIDDEN_IN_FILE_NAME = /[\\/:*?"<>|\u0000-\u001f]/;
const MAX_FILE_NAME = 120;
/** Windows opens a device, not a file, for CON, NUL, COM1… whatever follows the first dot. */
const isWindowsDeviceName = (name: string) =>
  /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i.test((name.split('.')[0] ?? '').trim());
const plainFileName = (extension: RegExp) =>
  z
    .string()
    .max(MAX_FILE_NAME)
    .regex(extension)
    .refine((name) => !FORBIDDEN_IN_FILE_NAME.test(name), 'a folder or a character Windows forbids')
    .refine((name) => !name.startsWith('.'), 'hidden file')
    .refine((name) => !isWindowsDeviceName(name), 'device name');

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
/** A referral or contract PDF: never arbitrary bytes, never a path chosen by the renderer. */
export const pdfDocumentInput = z.object({
  fileName: plainFileName(/.\.pdf$/i),
  data: z
    .instanceof(Uint8Array)
    .refine((bytes) => bytes.byteLength <= 20 * 1024 * 1024, 'too large')
    .refine((bytes) => PDF_MAGIC.every((b, i) => bytes[i] === b), 'not a PDF'),
});
export interface PdfDocument {
  fileName: string;
  data: Uint8Array;
}

/**
 * The extensions that fit each supporting-document type (the first is the one given to a new name)
 * and the save dialog's filter label: the same in every language, so no translation.
 */
export const DOCUMENT_FILE_TYPES: Record<
  ExtensionDocumentType,
  { label: string; extensions: readonly [string, ...string[]] }
> = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'image/jpeg': { label: 'JPEG', extensions: ['jpg', 'jpeg'] },
  'image/png': { label: 'PNG', extensions: ['png'] },
};

const extensionOf = (name: string) => /\.([^.]*)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/**
 * A supporting document of a referral extension, saved back to disk (docs/domain.md, Extension): a PDF,
 * JPEG or PNG by its first bytes (src/domain/documents.ts), within the upload limit, under a name
 * whose extension says the same type — a PNG is never offered as photo.pdf, HTML never as anything.
 * Parses to the document plus its type, which picks the save dialog's filter.
 */
export const savedDocumentInput = z
  .object({
    fileName: plainFileName(/.\.(pdf|jpe?g|png)$/i),
    data: z
      .instanceof(Uint8Array)
      .refine((bytes) => bytes.byteLength <= EXTENSION_DOCUMENTS.maxBytes, 'too large'),
  })
  .transform((doc, ctx) => {
    const type = sniffDocumentType(doc.data);
    if (!type) {
      ctx.addIssue({ code: 'custom', path: ['data'], message: 'not a PDF, JPEG or PNG' });
      return z.NEVER;
    }
    if (!DOCUMENT_FILE_TYPES[type].extensions.includes(extensionOf(doc.fileName))) {
      ctx.addIssue({ code: 'custom', path: ['fileName'], message: 'extension does not fit the content' });
      return z.NEVER;
    }
    return { fileName: doc.fileName, data: doc.data, type };
  });
export interface SavedDocument {
  fileName: string;
  data: Uint8Array;
}

// Marks that reorder text on screen: "photo\u202Egnp.pdf" would show as "photofdp.png".
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Turns any name a file came with (a parent's upload, a picked file) into one savedDocumentInput
 * accepts for that type: the last path segment, without what Windows forbids, not hidden, trimmed to
 * fit, with an extension of the type (a fitting one is kept, any other replaced). Never empty.
 */
export function documentFileName(name: string, type: ExtensionDocumentType): string {
  const { extensions } = DOCUMENT_FILE_TYPES[type];
  const segment = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  let stem = segment
    .replace(new RegExp(FORBIDDEN_IN_FILE_NAME.source, 'g'), '')
    .replace(BIDI_CONTROLS, '')
    .trim();
  let extension = extensions[0];
  const current = /\.([A-Za-z0-9]{1,5})$/.exec(stem);
  if (current) {
    if (extensions.includes(current[1]!.toLowerCase())) extension = current[1]!;
    stem = stem.slice(0, current.index);
  }
  stem = stem.replace(/^[\s.]+/, ''); // a leading dot hides the file
  if (isWindowsDeviceName(stem)) stem = `_${stem}`;
  stem = cutToFit(stem, MAX_FILE_NAME - extension.length - 1).replace(/[\s.]+$/, '');
  return `${stem || 'document'}.${extension}`;
}

/** The longest start of `text` within `max` UTF-16 units (zod's length) that cuts no character. */
function cutToFit(text: string, max: number): string {
  let fitted = '';
  for (const char of text) {
    if (fitted.length + char.length > max) break;
    fitted += char;
  }
  return fitted;
}

/** A user id as the sync server issues it: the replica key file is named after it. */
export const userIdInput = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);

/**
 * The sync server's base URL as typed on the first-run screen. Only http(s), no credentials, no query
 * or fragment; normalised to origin + path without a trailing slash.
 */
export const serverUrlInput = z
  .string()
  .trim()
  .max(200)
  .transform((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a URL' });
      return z.NEVER;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: 'only http and https' });
      return z.NEVER;
    }
    if (url.username || url.password || url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'no credentials, query or fragment' });
      return z.NEVER;
    }
    return url.origin + url.pathname.replace(/\/+$/, '');
  });

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/**
 * What the printed referral shows (src/pdf ReferralPdfData): rendered by the host, so the desktop
 * prints it offline with the bundled Kazakh-capable font.
 */
export const referralPdfInput = z.object({
  data: z.object({
    id: z.string().min(1).max(64),
    childIin: z.string().regex(/^\d{12}$/),
    childName: z.string().max(200),
    parentName: z.string().max(200).optional(),
    activatedAt: z.string().max(40),
    validUntil: day,
    extendedUntil: day.optional(),
    verificationCode: z.string().max(20),
    kindergartenName: z.string().max(200),
    kindergartenAddress: z.string().max(300),
    groupName: z.string().max(200),
    childBirthDate: day,
    /** The server's PUBLIC_URL: the printed QR code opens its check page (issue 17). */
    publicUrl: serverUrlInput,
  }),
  language: z.enum(['kk', 'ru', 'en']),
});
export type ReferralPdfRequest = z.infer<typeof referralPdfInput>;

export interface AppInfo {
  version: string;
  /** Where the replica, the settings and the key live (shown on the settings screen for support). */
  dataFolder: string;
  platform: string;
}

export interface OrynHost {
  readonly kind: 'electron' | 'browser';
  /** Asks where to save (a dialog) and writes the PDF there. `saved: false` when the user cancels. */
  savePdf(doc: PdfDocument): Promise<HostResult<{ saved: boolean }>>;
  /**
   * Asks where to save (a dialog filtered to the document's type) and writes a supporting document of
   * an extension there. `saved: false` when the user cancels. Name it with documentFileName.
   */
  saveDocument(doc: SavedDocument): Promise<HostResult<{ saved: boolean }>>;
  /** Opens the system print dialog for the PDF. `printed: false` when the user cancels. */
  printPdf(doc: PdfDocument): Promise<HostResult<{ printed: boolean }>>;
  appInfo(): Promise<AppInfo>;
  /**
   * The key that encrypts the children's personal fields in this user's replica at rest. Electron keeps
   * it with `safeStorage` (DPAPI on Windows); it never leaves the machine.
   */
  replicaKey(userId: string): Promise<HostResult<string>>;
  /** null until the first-run screen has saved one. */
  getServerUrl(): Promise<string | null>;
  setServerUrl(url: string): Promise<HostResult<string>>;
  /** The referral (направление) as PDF bytes, ready for savePdf / printPdf. */
  referralPdf(request: ReferralPdfRequest): Promise<HostResult<Uint8Array>>;
}

export function invalidInput(field: string): { ok: false; error: HostError } {
  return { ok: false, error: { code: 'host.invalidInput', params: { field } } };
}
