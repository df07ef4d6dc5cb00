// Node-only (pdfkit, fs): used by the sync server (parent download) and the Electron main process
// (staff print/save), never by a renderer bundle.
export { bundledFonts } from './node/bundledFonts';
export type { PdfFonts } from './pdfFonts';
export { type ReferralPdfData, type ReferralPdfOptions, renderReferralPdf } from './referralPdf';
