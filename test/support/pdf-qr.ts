import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The QR codes a phone would read off a printed PDF: its first page rasterised by poppler's pdftoppm
 * (150 dpi, a cheap office printer's) and decoded by zbar's zbarimg, both Debian's. One text per symbol.
 */
export function qrCodesOfPdf(pdf: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'oryn-qr-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', '-png', '-singlefile', 'doc.pdf', 'page'], {
      cwd: dir,
    });
    const out = execFileSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', 'page.png'], {
      cwd: dir,
      encoding: 'utf8',
      // zbar looks for D-Bus, absent in a container, and says so on stderr.
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.split('\n').filter((line) => line.length > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
