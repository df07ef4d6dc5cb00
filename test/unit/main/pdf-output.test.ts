import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { PdfOutput } = await import('../../../main/pdf-output');
const { bundledFonts, renderReferralPdf } = await import('../../../src/pdf');
const { qrCodesOfPdf } = await import('../../support/pdf-qr');

const referralPdf = new Uint8Array([...Buffer.from('%PDF-1.7\n% referral N-402\n%%EOF')]);
let folder: string;
let printResult: { ok: boolean; reason: string };
const printWindow = {
  loadURL: vi.fn(async (_url: string) => {}),
  webContents: {
    print: vi.fn((_opts: unknown, cb: (ok: boolean, reason: string) => void) =>
      cb(printResult.ok, printResult.reason),
    ),
  },
  destroy: vi.fn(),
};
const dialog = { showSaveDialog: vi.fn() };

function output() {
  return new PdfOutput({
    dialog: dialog as never,
    documentsFolder: '/home/staff/Documents',
    tempFolder: folder,
    parentWindow: () => null,
    createPrintWindow: () => printWindow as never,
    renderReferral,
    fonts: () => ({ regular: new Uint8Array([1]), bold: new Uint8Array([2]) }),
  });
}
const renderReferral = vi.fn(
  async (_data: unknown, _lng: string, _fonts: unknown) => new Uint8Array(referralPdf),
);

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'oryn-pdf-'));
  vi.clearAllMocks();
  printResult = { ok: true, reason: '' };
});

describe('saving a referral PDF', () => {
  it('writes the PDF where the staff member chose, offering the referral file name in Documents', async () => {
    const target = join(folder, 'napravlenie.pdf');
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const result = await output().save({ fileName: 'Направление N-402.pdf', data: referralPdf });
    expect(result).toEqual({ ok: true, value: { saved: true } });
    expect(await readFile(target)).toEqual(Buffer.from(referralPdf));
    expect(dialog.showSaveDialog.mock.calls[0]![0].defaultPath).toBe(
      join('/home/staff/Documents', 'Направление N-402.pdf'),
    );
  });

  it('writes nothing when the staff member cancels the dialog', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await output().save({ fileName: 'referral.pdf', data: referralPdf })).toEqual({
      ok: true,
      value: { saved: false },
    });
  });

  it('reports a failed write as a code, e.g. a folder that does not exist', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: join(folder, 'missing', 'r.pdf') });
    expect(await output().save({ fileName: 'referral.pdf', data: referralPdf })).toEqual({
      ok: false,
      error: { code: 'host.fileWriteFailed', params: { reason: 'ENOENT' } },
    });
  });

  it.each([
    ['bytes that are not a PDF', { fileName: 'r.pdf', data: new Uint8Array([1, 2, 3, 4, 5, 6]) }],
    ['a path instead of a file name', { fileName: '..\\..\\Windows\\r.pdf', data: referralPdf }],
    ['a name without .pdf', { fileName: 'referral.exe', data: referralPdf }],
    ['a string instead of bytes', { fileName: 'r.pdf', data: '%PDF-1.7' }],
  ])('refuses %s without opening a dialog', async (_what, input) => {
    expect(await output().save(input)).toEqual({
      ok: false,
      error: { code: 'host.invalidInput', params: { field: 'pdf' } },
    });
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('saving a supporting document of an extension', () => {
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0')]);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const oversizedPdf = () => {
    const bytes = new Uint8Array(5 * 1024 * 1024 + 1);
    bytes.set(referralPdf);
    return bytes;
  };

  it.each([
    ['a parent’s photo (JPEG)', 'Анықтама.jpeg', jpeg, { name: 'JPEG', extensions: ['jpg', 'jpeg'] }],
    ['a scan (PNG)', 'скан.png', png, { name: 'PNG', extensions: ['png'] }],
    ['a certificate (PDF)', 'Справка 075у.pdf', referralPdf, { name: 'PDF', extensions: ['pdf'] }],
  ])('writes %s where chosen, the dialog filtered to its type', async (_what, fileName, data, filter) => {
    const target = join(folder, 'saved');
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    expect(await output().saveDocument({ fileName, data })).toEqual({ ok: true, value: { saved: true } });
    expect(await readFile(target)).toEqual(Buffer.from(data));
    const options = dialog.showSaveDialog.mock.calls[0]![0];
    expect(options.filters).toEqual([filter]);
    expect(options.defaultPath).toBe(join('/home/staff/Documents', fileName));
  });

  it('keeps the referral PDF under the PDF filter', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    await output().save({ fileName: 'referral.pdf', data: referralPdf });
    expect(dialog.showSaveDialog.mock.calls[0]![0].filters).toEqual([{ name: 'PDF', extensions: ['pdf'] }]);
  });

  it('opens the dialog over the staff window when there is one', async () => {
    const staffWindow = { id: 1 };
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    await new PdfOutput({
      dialog: dialog as never,
      documentsFolder: '/home/staff/Documents',
      tempFolder: folder,
      parentWindow: () => staffWindow as never,
      createPrintWindow: () => printWindow as never,
      renderReferral,
      fonts: () => ({ regular: new Uint8Array([1]), bold: new Uint8Array([2]) }),
    }).saveDocument({ fileName: 'скан.png', data: png });
    expect(dialog.showSaveDialog.mock.calls[0]![0]).toBe(staffWindow);
    expect(dialog.showSaveDialog.mock.calls[0]![1].filters).toEqual([{ name: 'PNG', extensions: ['png'] }]);
  });

  it('writes nothing when the staff member cancels the dialog', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: join(folder, 'x.png') });
    expect(await output().saveDocument({ fileName: 'скан.png', data: png })).toEqual({
      ok: true,
      value: { saved: false },
    });
    expect(await readdir(folder)).toEqual([]);
  });

  it('reports a failed write as a code, e.g. a path that is a folder', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: folder });
    expect(await output().saveDocument({ fileName: 'скан.png', data: png })).toEqual({
      ok: false,
      error: { code: 'host.fileWriteFailed', params: { reason: 'EISDIR' } },
    });
  });

  it.each([
    ['a PNG offered as .pdf', { fileName: 'photo.pdf', data: png }],
    ['HTML offered as a picture', { fileName: 'photo.png', data: new Uint8Array(Buffer.from('<html>')) }],
    ['a path instead of a file name', { fileName: '..\\..\\Windows\\скан.png', data: png }],
    ['a PDF of more than 5 MB', { fileName: 'big.pdf', data: oversizedPdf() }],
  ])('refuses %s without opening a dialog', async (_what, input) => {
    expect(await output().saveDocument(input)).toEqual({
      ok: false,
      error: { code: 'host.invalidInput', params: { field: 'document' } },
    });
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('printing a referral PDF', () => {
  it('prints from a hidden viewer window and removes the temporary file', async () => {
    expect(await output().print({ fileName: 'referral.pdf', data: referralPdf })).toEqual({
      ok: true,
      value: { printed: true },
    });
    expect(printWindow.loadURL.mock.calls[0]![0]).toMatch(/^file:\/\/.*oryn-print-.*\.pdf$/);
    expect(printWindow.destroy).toHaveBeenCalled();
    expect(await readdir(folder)).toEqual([]);
  });

  it('treats a cancelled print dialog as not printed, not as an error', async () => {
    printResult = { ok: false, reason: 'cancelled' };
    expect(await output().print({ fileName: 'referral.pdf', data: referralPdf })).toEqual({
      ok: true,
      value: { printed: false },
    });
  });

  it('reports a printer failure with its reason', async () => {
    printResult = { ok: false, reason: 'failed' };
    expect(await output().print({ fileName: 'referral.pdf', data: referralPdf })).toEqual({
      ok: false,
      error: { code: 'host.printFailed', params: { reason: 'failed' } },
    });
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('rendering the referral PDF on the workstation (works offline)', () => {
  const request = {
    data: {
      id: 'ref_1',
      childIin: '170720600126',
      childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
      parentName: 'КАМЕНОВ ЕРМЕК АХМЕТОВИЧ',
      activatedAt: '2026-03-19T10:42:00+05:00',
      validUntil: '2026-03-31',
      verificationCode: 'K7Q2-9XPM-4HNW',
      kindergartenName: 'ГККП «Балапан» ясли - детский сад',
      kindergartenAddress: 'Туркестанская область, город Арыс, Саликбайы №33а',
      groupName: '"Жиды" Санаторных тобы',
      childBirthDate: '2017-07-20',
      publicUrl: 'https://oryn.example.kz',
    },
    language: 'kk',
  };

  it('renders with the bundled fonts in the language asked for', async () => {
    const result = await output().referral(request);
    expect(result.ok && result.value[0]).toBe(0x25);
    expect(renderReferral.mock.calls[0]![1]).toBe('kk');
    expect(renderReferral.mock.calls[0]![2]).toEqual({
      regular: new Uint8Array([1]),
      bold: new Uint8Array([2]),
    });
  });

  it('prints the QR code of the public check page, as the server’s PDF does, with the real renderer', async () => {
    const real = new PdfOutput({
      dialog: dialog as never,
      documentsFolder: folder,
      tempFolder: folder,
      parentWindow: () => null,
      createPrintWindow: () => printWindow as never,
      renderReferral: (data, lng, fonts) => renderReferralPdf(data, lng, { fonts }), // as main.ts wires it
      fonts: bundledFonts,
    });
    const result = await real.referral(request);
    expect(result.ok).toBe(true);
    expect(qrCodesOfPdf(result.ok ? result.value : new Uint8Array())).toEqual([
      'https://oryn.example.kz/#/verify/K7Q2-9XPM-4HNW',
    ]);
  });

  it('refuses a malformed IIN, an unknown language or a public address that is no web address before rendering anything', async () => {
    const bad = { ...request, data: { ...request.data, childIin: '17072060012' } };
    expect(await output().referral(bad)).toEqual({
      ok: false,
      error: { code: 'host.invalidInput', params: { field: 'referral' } },
    });
    for (const publicUrl of ['javascript:alert(1)', 'https://oryn.example.kz/#/evil', '']) {
      expect(await output().referral({ ...request, data: { ...request.data, publicUrl } })).toMatchObject({
        ok: false,
      });
    }
    expect(await output().referral({ ...request, language: 'de' })).toMatchObject({ ok: false });
    expect(renderReferral).not.toHaveBeenCalled();
  });

  it('reports a rendering failure as a code naming the referral', async () => {
    renderReferral.mockRejectedValueOnce(new RangeError('activatedAt is not a timestamp'));
    expect(await output().referral(request)).toEqual({
      ok: false,
      error: { code: 'host.pdfFailed', params: { referralId: 'ref_1' } },
    });
  });
});
