import { readFileSync } from 'node:fs';
import type { PdfFonts } from '../pdfFonts';

// DejaVu Sans ships inside the repository (fonts/LICENSE) because the referral must show Kazakh
// letters (ә ғ қ ң ө ұ ү һ і) and pdfkit's built-in Helvetica has no Cyrillic at all; the operating
// system's fonts differ between the server and the Windows desktop, so none is relied upon.
// Node-only (docs/architecture.md: Node APIs live in a node/ folder).

let bundled: PdfFonts | undefined;

/** The bundled fonts, read once. A packager must keep src/pdf/fonts/ at ../fonts from the built module. */
export function bundledFonts(): PdfFonts {
  bundled ??= {
    regular: readFileSync(new URL('../fonts/DejaVuSans.ttf', import.meta.url)),
    bold: readFileSync(new URL('../fonts/DejaVuSans-Bold.ttf', import.meta.url)),
  };
  return bundled;
}
