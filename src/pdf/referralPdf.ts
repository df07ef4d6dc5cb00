import { referralCheckPage, referralCheckUrl } from '../domain/verification-code';
import { createI18n, DEFAULT_TIME_ZONE, formatDate, type Language } from '../i18n';
import type { Referral } from '../schema';
import { bundledFonts } from './node/bundledFonts';
import type { PdfFonts } from './pdfFonts';
import { drawQrCode } from './qr';

/**
 * What the printed referral (направление / жолдама) shows (docs/domain.md, Referrals): the referral's own
 * fields plus the names the referral document only refers to by id.
 */
export type ReferralPdfData = Pick<
  Referral,
  | 'id'
  | 'childIin'
  | 'childName'
  | 'parentName'
  | 'activatedAt'
  | 'validUntil'
  | 'extendedUntil'
  | 'verificationCode'
> & {
  /** In the language of the document (the kindergarten's nameKk for kk, nameRu otherwise). */
  kindergartenName: string;
  kindergartenAddress: string;
  groupName: string;
  /** 'YYYY-MM-DD', as derived from the child's IIN. */
  childBirthDate: string;
  /**
   * The deployment's public address (the server's PUBLIC_URL): the QR code next to the printed code
   * opens `<publicUrl>/#/verify/<code>`, the page where anyone checks the referral (issue 17).
   */
  publicUrl: string;
};

export interface ReferralPdfOptions {
  /** Region zone for the issue date; Asia/Almaty by default (docs/domain.md: deadlines in Asia/Almaty). */
  timeZone?: string;
  /** Fonts with Cyrillic and Kazakh letters; the bundled DejaVu Sans by default. */
  fonts?: PdfFonts;
}

const PAGE_MARGIN = 56;
/** The QR code's side with its quiet zone: about 37 mm, a module of about 1 mm for a 45-character URL. */
const QR_SIZE = 104;
const LABEL_WIDTH = 190;
const GREY = '#555555';

/**
 * Renders the referral as an A4 PDF. The document's creation date is the activation time, so the same
 * referral always renders to the same bytes (a re-download is identical to the first one).
 */
export async function renderReferralPdf(
  data: ReferralPdfData,
  lng: Language,
  options: ReferralPdfOptions = {},
): Promise<Buffer> {
  // pdfkit loads on the first referral rendered, not when the server starts (issue 16, item 6).
  const { default: PDFDocument } = await import('pdfkit');
  const t = createI18n(lng).getFixedT(lng, null, 'referralPdf');
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const fonts = options.fonts ?? bundledFonts();
  const issuedAt = new Date(data.activatedAt);
  if (Number.isNaN(issuedAt.getTime())) {
    return Promise.reject(new RangeError(`referral ${data.id}: activatedAt is not a timestamp`));
  }

  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE_MARGIN,
    info: {
      Title: `${t('title')} ${data.verificationCode}`,
      Author: 'Oryn',
      Creator: 'Oryn',
      Producer: 'Oryn',
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
    lang: lng,
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = PAGE_MARGIN;
  const width = doc.page.width - 2 * PAGE_MARGIN;

  doc.font('bold').fontSize(22).text(t('title'), left, PAGE_MARGIN, { width, align: 'center' });
  doc.font('regular').fontSize(12).fillColor(GREY).text(t('subtitle'), { width, align: 'center' });
  doc.fillColor('black').moveDown(2);

  const rows: Array<[string, string]> = [
    [t('kindergarten'), data.kindergartenName],
    [t('address'), data.kindergartenAddress],
    [t('group'), data.groupName],
    [t('child'), data.childName],
    [t('childIin'), data.childIin],
    [t('birthDate'), formatDate(data.childBirthDate)],
  ];
  if (data.parentName) rows.push([t('parent'), data.parentName]);
  rows.push([t('issuedAt'), formatDate(issuedAt, timeZone)], [t('validUntil'), formatDate(data.validUntil)]);
  if (data.extendedUntil) rows.push([t('extendedUntil'), formatDate(data.extendedUntil)]);

  const valueLeft = left + LABEL_WIDTH;
  const valueWidth = width - LABEL_WIDTH;
  for (const [label, value] of rows) {
    const y = doc.y;
    doc
      .font('regular')
      .fontSize(10)
      .fillColor(GREY)
      .text(label, left, y, { width: LABEL_WIDTH - 12 });
    const labelBottom = doc.y;
    doc.font('bold').fontSize(12).fillColor('black').text(value, valueLeft, y, { width: valueWidth });
    doc.y = Math.max(labelBottom, doc.y) + 8;
  }

  // The check (issue 17): the QR code, and next to it the code and where to type it without a phone.
  const blockTop = doc.y + 4;
  drawQrCode(doc, referralCheckUrl(data.publicUrl, data.verificationCode), left, blockTop, QR_SIZE);
  const textLeft = left + QR_SIZE + 16;
  const textWidth = width - QR_SIZE - 16;
  doc
    .font('regular')
    .fontSize(10)
    .fillColor(GREY)
    .text(t('verificationCode'), textLeft, blockTop + 10, { width: textWidth });
  doc.font('bold').fontSize(16).fillColor('black').text(data.verificationCode, { width: textWidth });
  doc.moveDown(0.3);
  doc
    .font('regular')
    .fontSize(10)
    .fillColor('black')
    .text(t('checkHint', { url: referralCheckPage(data.publicUrl) }), { width: textWidth });
  doc.y = Math.max(doc.y, blockTop + QR_SIZE) + 8;

  // The parent's obligations, as the seed states them: documents within 5 working days, or the
  // application goes to the stop-list for 10 working days; one extension of up to 30 calendar days.
  doc.moveDown(1);
  doc.font('regular').fontSize(11).fillColor('black').text(t('instruction'), left, doc.y, { width });
  doc.moveDown(0.8);
  doc.fontSize(10).fillColor(GREY).text(t('extensionNote'), { width });

  doc.end();
  return done;
}
