import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow, Dialog } from 'electron';
import type { PdfFonts, ReferralPdfData } from '../src/pdf';
import {
  DOCUMENT_FILE_TYPES,
  type HostResult,
  invalidInput,
  pdfDocumentInput,
  referralPdfInput,
  savedDocumentInput,
} from '../src/host/host-contract';

/**
 * Saving and printing referral and contract PDFs (seed: "Скачивание направления"), and saving the
 * supporting documents of an extension (PDF, JPEG, PNG) back to disk.
 */
export class PdfOutput {
  constructor(
    private readonly deps: {
      dialog: Pick<Dialog, 'showSaveDialog'>;
      /** Where the save dialog opens: the user's Documents folder. */
      documentsFolder: string;
      tempFolder: string;
      parentWindow: () => BrowserWindow | null;
      /** A hidden, sandboxed window with Chromium's PDF viewer, to print from. */
      createPrintWindow: () => BrowserWindow;
      /** src/pdf's renderer and the bundled DejaVu fonts (Kazakh letters), injected for tests. */
      renderReferral: (
        data: ReferralPdfData,
        lng: 'kk' | 'ru' | 'en',
        fonts: PdfFonts,
      ) => Promise<Uint8Array>;
      fonts: () => PdfFonts;
    },
  ) {}

  /** The referral PDF, rendered here so that printing works offline (seed: "Скачивание направления"). */
  async referral(input: unknown): Promise<HostResult<Uint8Array>> {
    const parsed = referralPdfInput.safeParse(input);
    if (!parsed.success) return invalidInput('referral');
    try {
      const bytes = await this.deps.renderReferral(parsed.data.data, parsed.data.language, this.deps.fonts());
      return { ok: true, value: new Uint8Array(bytes) };
    } catch {
      return { ok: false, error: { code: 'host.pdfFailed', params: { referralId: parsed.data.data.id } } };
    }
  }

  async save(input: unknown): Promise<HostResult<{ saved: boolean }>> {
    const parsed = pdfDocumentInput.safeParse(input);
    if (!parsed.success) return invalidInput('pdf');
    return this.writeChosen(parsed.data, DOCUMENT_FILE_TYPES['application/pdf']);
  }

  /** A supporting document, offered under its own type's filter (its bytes decide which). */
  async saveDocument(input: unknown): Promise<HostResult<{ saved: boolean }>> {
    const parsed = savedDocumentInput.safeParse(input);
    if (!parsed.success) return invalidInput('document');
    return this.writeChosen(parsed.data, DOCUMENT_FILE_TYPES[parsed.data.type]);
  }

  /** Asks where (in Documents, under the suggested name) and writes the bytes there. */
  private async writeChosen(
    doc: { fileName: string; data: Uint8Array },
    fileType: { label: string; extensions: readonly string[] },
  ): Promise<HostResult<{ saved: boolean }>> {
    const parent = this.deps.parentWindow();
    const options = {
      defaultPath: join(this.deps.documentsFolder, doc.fileName),
      filters: [{ name: fileType.label, extensions: [...fileType.extensions] }],
    };
    const choice = parent
      ? await this.deps.dialog.showSaveDialog(parent, options)
      : await this.deps.dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { ok: true, value: { saved: false } };
    try {
      await writeFile(choice.filePath, doc.data);
    } catch (err) {
      return {
        ok: false,
        error: {
          code: 'host.fileWriteFailed',
          params: { reason: (err as NodeJS.ErrnoException).code ?? 'io' },
        },
      };
    }
    return { ok: true, value: { saved: true } };
  }

  async print(input: unknown): Promise<HostResult<{ printed: boolean }>> {
    const parsed = pdfDocumentInput.safeParse(input);
    if (!parsed.success) return invalidInput('pdf');
    // Chromium prints a PDF only from its viewer: a temporary file (random name) in a hidden window.
    const file = join(this.deps.tempFolder, `oryn-print-${randomUUID()}.pdf`);
    await writeFile(file, parsed.data.data);
    const window = this.deps.createPrintWindow();
    try {
      await window.loadURL(pathToFileURL(file).href);
      const printed = await new Promise<{ ok: boolean; reason: string }>((resolve) =>
        window.webContents.print({ silent: false, printBackground: true }, (ok, reason) =>
          resolve({ ok, reason }),
        ),
      );
      if (printed.ok) return { ok: true, value: { printed: true } };
      if (printed.reason === 'cancelled') return { ok: true, value: { printed: false } };
      return { ok: false, error: { code: 'host.printFailed', params: { reason: printed.reason } } };
    } finally {
      window.destroy();
      await rm(file, { force: true });
    }
  }
}
