import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentFileName, savedDocumentInput } from '../../../src/host/host-contract';
import { EXTENSION_DOCUMENTS, type ExtensionDocumentType } from '../../../src/domain/documents';

// Supporting documents of an extension saved back to disk (docs/domain.md, Extension): PDF, JPEG or PNG by
// their first bytes, at most 5 MB, under a plain file name whose extension says the same type.
const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const pdf = bytes('%PDF-1.4\n% справка о болезни\n%%EOF');
const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF\0');
const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR');
const html = bytes('<!doctype html><script>alert(1)</script>');
const sample: Record<ExtensionDocumentType, Uint8Array> = {
  'application/pdf': pdf,
  'image/jpeg': jpeg,
  'image/png': png,
};

describe('a supporting document to save', () => {
  it.each([
    ['a PDF named .pdf', 'Справка 075у.pdf', pdf, 'application/pdf'],
    ['a JPEG named .jpg', 'IMG_2041.jpg', jpeg, 'image/jpeg'],
    ['a JPEG named .JPEG (any case)', 'Анықтама.JPEG', jpeg, 'image/jpeg'],
    ['a PNG named .png', 'скан.png', png, 'image/png'],
  ])('is accepted: %s, with the type its bytes say', (_what, fileName, data, type) => {
    const parsed = savedDocumentInput.safeParse({ fileName, data });
    expect(parsed.success && parsed.data).toEqual({ fileName, data, type });
  });

  it('is accepted at exactly 5 MB and refused one byte over', () => {
    const at = new Uint8Array(EXTENSION_DOCUMENTS.maxBytes);
    at.set(pdf);
    expect(savedDocumentInput.safeParse({ fileName: 'big.pdf', data: at }).success).toBe(true);
    const over = new Uint8Array(EXTENSION_DOCUMENTS.maxBytes + 1);
    over.set(pdf);
    expect(savedDocumentInput.safeParse({ fileName: 'big.pdf', data: over }).success).toBe(false);
  });

  it.each([
    ['a PNG named .pdf', { fileName: 'photo.pdf', data: png }],
    ['a PDF named .jpg', { fileName: 'справка.jpg', data: pdf }],
    ['a JPEG named .png', { fileName: 'photo.png', data: jpeg }],
    ['HTML named .png', { fileName: 'photo.png', data: html }],
    ['HTML named .html', { fileName: 'page.html', data: html }],
    ['a PDF with no extension', { fileName: 'справка', data: pdf }],
    ['a path instead of a name', { fileName: '..\\..\\Windows\\справка.pdf', data: pdf }],
    ['a folder in the name', { fileName: 'docs/справка.pdf', data: pdf }],
    ['a hidden name', { fileName: '.справка.pdf', data: pdf }],
    ['an extension alone', { fileName: '.pdf', data: pdf }],
    ['a character Windows forbids', { fileName: 'справка?.pdf', data: pdf }],
    ['a Windows device name', { fileName: 'CON.pdf', data: pdf }],
    ['a name over 120 characters', { fileName: `${'а'.repeat(117)}.pdf`, data: pdf }],
    ['a string instead of bytes', { fileName: 'справка.pdf', data: '%PDF-1.4' }],
    ['empty bytes', { fileName: 'справка.pdf', data: new Uint8Array() }],
  ])('is refused: %s', (_what, input) => {
    expect(savedDocumentInput.safeParse(input).success).toBe(false);
  });

  it('allows a name of exactly 120 characters', () => {
    expect(savedDocumentInput.safeParse({ fileName: `${'а'.repeat(116)}.pdf`, data: pdf }).success).toBe(
      true,
    );
  });
});

describe('the file name a document is saved under', () => {
  it.each([
    ['keeps a Cyrillic or Kazakh name', 'Справка Әлихан.pdf', 'application/pdf', 'Справка Әлихан.pdf'],
    ['drops the folders of a path', 'a/b\\c.txt', 'application/pdf', 'c.pdf'],
    ['replaces an extension of another type', 'scan.png', 'image/jpeg', 'scan.jpg'],
    ['keeps an extension that fits, in its case', 'IMG_2041.JPEG', 'image/jpeg', 'IMG_2041.JPEG'],
    ['adds the extension to a name without one', 'Анықтама', 'image/png', 'Анықтама.png'],
    ['keeps a dot that is not an extension', 'Иванов А.Б.', 'application/pdf', 'Иванов А.Б.pdf'],
    ['strips what Windows forbids', 'справка: "итог" <1>|*?.pdf', 'application/pdf', 'справка итог 1.pdf'],
    ['strips control characters', 'a\u0000b\u001fc.png', 'image/png', 'abc.png'],
    ['strips marks that reverse text on screen', 'photo\u202egnp.exe', 'image/png', 'photognp.png'],
    ['unhides a hidden name', '..hidden.jpg', 'image/jpeg', 'hidden.jpg'],
    ['renames a Windows device name', 'con.txt', 'application/pdf', '_con.pdf'],
    ['falls back for an empty name', '', 'application/pdf', 'document.pdf'],
    ['falls back for a name that is only an extension', '.png', 'image/png', 'document.png'],
    ['falls back for a name of forbidden characters', '???', 'image/jpeg', 'document.jpg'],
    ['falls back for a path ending in a folder', 'C:\\Users\\staff\\', 'image/png', 'document.png'],
  ] as const)('%s', (_what, name, type, expected) => {
    expect(documentFileName(name, type)).toBe(expected);
  });

  it('joins letters decomposed by macOS into one (NFC)', () => {
    expect(documentFileName('Анықтама'.normalize('NFD'), 'image/png')).toBe('Анықтама.png');
  });

  it('cuts a long name to 120 characters without splitting a character', () => {
    const name = documentFileName(`${'😀'.repeat(100)}.jpeg`, 'image/jpeg');
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name).toBe(`${'😀'.repeat(57)}.jpeg`);
    expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('always gives a name the validator accepts for that type', () => {
    const type = fc.constantFrom(...EXTENSION_DOCUMENTS.types);
    const tricky = fc.constantFrom('con', 'NUL.txt', 'lpt1.tar.gz', ' . ', '...', 'a\\', '\u202e', '. .jpg');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), tricky), type, (name, t) => {
        const fileName = documentFileName(name, t);
        expect(savedDocumentInput.safeParse({ fileName, data: sample[t] }).success).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
