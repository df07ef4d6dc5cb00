import QRCode from 'qrcode';

/** The white margin a scanner needs around the symbol, in modules (ISO/IEC 18004: 4). */
const QUIET_ZONE = 4;

/**
 * Draws `text` as a QR code with its quiet zone into the square at (x, y) of side `size` points: the
 * dark modules as vector rectangles, one per horizontal run (no raster, and no hairline seams between
 * neighbouring modules when a viewer anti-aliases). Error correction M: a crease or a stamp over a
 * printed referral still scans. The same text always draws the same symbol, so the PDF stays
 * byte-for-byte reproducible.
 */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const module = size / (n + 2 * QUIET_ZONE);
  const left = x + QUIET_ZONE * module;
  const top = y + QUIET_ZONE * module;
  doc.save();
  doc.rect(x, y, size, size).fill('white');
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      doc.rect(left + start * module, top + row * module, (col - start) * module, module);
    }
  }
  doc.fill('black');
  doc.restore();
}
