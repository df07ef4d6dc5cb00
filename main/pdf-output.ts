import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow, Dialog } from 'electron';
import { type HostResult, invalidInput, pdfDocumentInput } from './host-contract';

/** Saving and printing referral and contract PDFs (seed: "Скачивание направления"). */
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
    },
  ) {}

  async save(input: unknown): Promise<HostResult<{ saved: boolean }>> {
    const parsed = pdfDocumentInput.safeParse(input);
    if (!parsed.success) return invalidInput('pdf');
    const parent = this.deps.parentWindow();
    const options = {
      defaultPath: join(this.deps.documentsFolder, parsed.data.fileName),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    };
    const choice = parent
      ? await this.deps.dialog.showSaveDialog(parent, options)
      : await this.deps.dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { ok: true, value: { saved: false } };
    try {
      await writeFile(choice.filePath, parsed.data.data);
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
