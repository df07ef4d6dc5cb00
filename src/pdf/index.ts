// Node-only (pdfkit, fs): used by the sync server (parent download) and the Electron main process
// (staff print/save), never by a renderer bundle.
export { bundledFonts, type PdfFonts } from './fonts';
export { type ReferralPdfData, type ReferralPdfOptions, renderReferralPdf } from './referralPdf';
