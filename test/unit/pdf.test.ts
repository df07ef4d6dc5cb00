import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ReferralPdfData, renderReferralPdf } from '../../src/pdf';
import { qrCodesOfPdf } from '../support/pdf-qr';

// The seed's example: a referral to «Балапан», group "Жұлдыз санаторлық тобы", activated on
// Thu 19.03.2026 and valid to the end of 31.03.2026 (docs/domain.md, Referrals).
const referral: ReferralPdfData = {
  id: 'ref-1',
  kindergartenName: 'ГККП «Балапан» ясли - детский сад',
  kindergartenAddress: 'Түркістан облысы, Арыс қаласы, Сәлікбай көшесі, 33а',
  groupName: 'Жұлдыз санаторлық тобы',
  childName: 'ҚАМЕНОВА ӘЙГЕРІМ ЕРМЕКҚЫЗЫ',
  childIin: '170720600126',
  childBirthDate: '2017-07-20',
  parentName: 'КАМЕНОВ ЕРМЕК АХМЕТОВИЧ',
  // 20:30 UTC is already 20.03 in Asia/Almaty: the issue date must follow the local day.
  activatedAt: '2026-03-19T20:30:00Z',
  validUntil: '2026-03-31',
  verificationCode: 'K7Q2-9XPM-4HNW',
  publicUrl: 'https://oryn.example.kz',
};

const dir = mkdtempSync(join(tmpdir(), 'oryn-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text poppler reads back from the PDF, in its layout: a label and its value share a line. */
async function pdfLines(data: ReferralPdfData, lng: 'kk' | 'ru' | 'en'): Promise<string[]> {
  const file = join(dir, `${data.id}-${lng}.pdf`);
  writeFileSync(file, await renderReferralPdf(data, lng));
  const layout = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return layout.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
}

/** The whole text with whitespace collapsed, for sentences that wrap over lines. */
async function pdfText(data: ReferralPdfData, lng: 'kk' | 'ru' | 'en'): Promise<string> {
  return (await pdfLines(data, lng)).join(' ');
}

/** The value printed on the line that starts with the label (a long label wraps after its first words). */
function printedValue(lines: string[], labelStart: string): string | undefined {
  return lines
    .find((line) => line.startsWith(labelStart))
    ?.slice(labelStart.length)
    .trim();
}

describe('referral PDF', () => {
  it('prints the referral in Kazakh with Kazakh letters intact', async () => {
    const text = await pdfText(referral, 'kk');
    expect(text).toContain('ЖОЛДАМА');
    expect(text).toContain('Жарамдылық мерзімі (қоса 31.03.2026');
    expect(text).toContain('ГККП «Балапан» ясли - детский сад');
    expect(text).toContain('Жұлдыз санаторлық тобы');
    expect(text).toContain('ҚАМЕНОВА ӘЙГЕРІМ ЕРМЕКҚЫЗЫ');
    expect(text).toContain('Сәлікбай көшесі, 33а');
    expect(text).toContain('170720600126');
    expect(text).toContain('20.07.2017');
    expect(text).toContain('КАМЕНОВ ЕРМЕК АХМЕТОВИЧ');
    expect(text).toContain('K7Q2-9XPM-4HNW');
    expect(text).toContain('5 жұмыс күні ішінде');
    expect(text).toContain('10 жұмыс күніне стоп-параққа');
  });

  it('prints the referral in Russian with the issue date in Asia/Almaty and the last valid day', async () => {
    const lines = await pdfLines(referral, 'ru');
    const text = lines.join(' ');
    expect(text).toContain('НАПРАВЛЕНИЕ');
    expect(printedValue(lines, 'Дата выдачи')).toBe('20.03.2026');
    expect(printedValue(lines, 'Действительно до')).toBe('31.03.2026');
    expect(printedValue(lines, 'ИИН ребенка')).toBe('170720600126');
    expect(text).toContain('ҚАМЕНОВА ӘЙГЕРІМ ЕРМЕКҚЫЗЫ');
    expect(text).toContain('В течение 5-ти рабочих дней');
    expect(text).toContain('в стоп-лист на 10 рабочих дней');
    expect(text).not.toContain('Продлено до');
  });

  it('prints the extended last day once the referral has been extended', async () => {
    const lines = await pdfLines({ ...referral, id: 'ref-2', extendedUntil: '2026-04-30' }, 'ru');
    expect(printedValue(lines, 'Продлено до (включительно)')).toBe('30.04.2026');
    expect(printedValue(lines, 'Действительно до')).toBe('31.03.2026');
  });

  it('prints the referral in English', async () => {
    const lines = await pdfLines(referral, 'en');
    expect(lines).toContain('REFERRAL');
    expect(printedValue(lines, 'Valid until (inclusive)')).toBe('31.03.2026');
  });

  it('leaves out the parent row when the referral has no parent name', async () => {
    const text = await pdfText({ ...referral, id: 'ref-3', parentName: undefined }, 'ru');
    expect(text).not.toContain('ФИО родителя');
    expect(text).toContain('ҚАМЕНОВА ӘЙГЕРІМ');
  });

  it('carries a QR code that opens the public check page with the referral’s code, next to the printed code', async () => {
    const pdf = await renderReferralPdf(referral, 'ru');
    expect(qrCodesOfPdf(pdf)).toEqual(['https://oryn.example.kz/#/verify/K7Q2-9XPM-4HNW']);
    const lines = await pdfLines({ ...referral, id: 'ref-qr' }, 'ru');
    expect(lines.join(' ')).toContain('K7Q2-9XPM-4HNW');
    expect(lines.join(' ')).toContain('https://oryn.example.kz/#/verify');
    // An older 8-character code, a server behind a path prefix and a trailing slash: still one QR code.
    const older = await renderReferralPdf(
      { ...referral, verificationCode: 'JM5N-WW2G', publicUrl: 'https://e.gov.kz/oryn/' },
      'kk',
    );
    expect(qrCodesOfPdf(older)).toEqual(['https://e.gov.kz/oryn/#/verify/JM5N-WW2G']);
  });

  it('renders the same referral to the same bytes every time', async () => {
    const [a, b] = await Promise.all([renderReferralPdf(referral, 'kk'), renderReferralPdf(referral, 'kk')]);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
  });

  it('refuses a referral whose activation time is not a timestamp', async () => {
    await expect(renderReferralPdf({ ...referral, activatedAt: 'yesterday' }, 'ru')).rejects.toThrow(
      RangeError,
    );
  });
});
