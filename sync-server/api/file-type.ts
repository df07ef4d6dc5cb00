/**
 * Uploads are checked by their first bytes, not only by the type the browser declares: a file named
 * photo.png that is really HTML or SVG is refused, so nothing served back can run as a page.
 */
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** Whether the content starts the way files of the declared type do; unknown types never match. */
export function contentMatchesType(type: string, content: Buffer): boolean {
  return MAGIC[type]?.(content) ?? false;
}
