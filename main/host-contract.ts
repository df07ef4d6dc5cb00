import { z } from 'zod';

/**
 * The contract between the staff renderer and whatever hosts it: the Electron preload bridge
 * (`window.oryn`) or the browser host adapter. Both implement `OrynHost`, so the UI cannot tell
 * Electron from a plain browser (architecture.md, Desktop app). No `electron` import here: the
 * renderer reads this file for its types, and the main process and preload for the validators.
 */

/** One IPC channel per bridge method (Signal Desktop's shape: one typed method per channel). */
export const HOST_CHANNELS = {
  savePdf: 'oryn:save-pdf',
  printPdf: 'oryn:print-pdf',
  appInfo: 'oryn:app-info',
  replicaKey: 'oryn:replica-key',
  getServerUrl: 'oryn:get-server-url',
  setServerUrl: 'oryn:set-server-url',
  referralPdf: 'oryn:referral-pdf',
} as const;
export type HostChannel = (typeof HOST_CHANNELS)[keyof typeof HOST_CHANNELS];

/** Errors are codes with parameters, translated at the edge (style.md). */
export interface HostError {
  code: HostErrorCode;
  params: Record<string, string | number>;
}
export type HostErrorCode =
  | 'host.invalidInput'
  | 'host.safeStorageUnavailable'
  | 'host.replicaKeyUnreadable'
  | 'host.fileWriteFailed'
  | 'host.printFailed'
  | 'host.pdfFailed'
  | 'host.untrustedSender';
export type HostResult<T> = { ok: true; value: T } | { ok: false; error: HostError };

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
/** A referral or contract PDF: never arbitrary bytes, never a path chosen by the renderer. */
export const pdfDocumentInput = z.object({
  // A file name only (no folders, nothing Windows forbids), always ending in .pdf.
  fileName: z
    .string()
    .min(5)
    .max(120)
    .regex(/^[^\\/:*?"<>|\u0000-\u001f]+\.pdf$/i)
    .refine((name) => !name.startsWith('.'), 'hidden file'),
  data: z
    .instanceof(Uint8Array)
    .refine((bytes) => bytes.byteLength <= 20 * 1024 * 1024, 'too large')
    .refine((bytes) => PDF_MAGIC.every((b, i) => bytes[i] === b), 'not a PDF'),
});
export interface PdfDocument {
  fileName: string;
  data: Uint8Array;
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
