import { describe, expect, it } from 'vitest';
import {
  checkExtensionDocuments,
  contentMatchesType,
  EXTENSION_DOCUMENTS,
  extensionDocumentId,
  parseExtensionDocumentId,
  sniffDocumentType,
} from '../../../src/domain';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (t: string) => new TextEncoder().encode(t);
const PDF = text('%PDF-1.4\n%%EOF');
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0);
const WEBP = text('RIFF\0\0\0\0WEBPVP8 ');

describe('supporting documents', () => {
  it('recognises PDF, JPEG and PNG by their first bytes, whatever the name says', () => {
    expect(sniffDocumentType(PDF)).toBe('application/pdf');
    expect(sniffDocumentType(JPEG)).toBe('image/jpeg');
    expect(sniffDocumentType(PNG)).toBe('image/png');
    expect(sniffDocumentType(text('<svg onload="x()">'))).toBeNull();
    expect(sniffDocumentType(text('%PD'))).toBeNull();
    expect(sniffDocumentType(new Uint8Array())).toBeNull();
    // WebP is a photo type (profile photos), not a supporting document.
    expect(contentMatchesType('image/webp', WEBP)).toBe(true);
    expect(sniffDocumentType(WEBP)).toBeNull();
    expect(contentMatchesType('image/png', JPEG)).toBe(false);
    expect(contentMatchesType('text/html', text('<html>'))).toBe(false);
  });

  it('refuses too many files, a file over 5 MB and a file of another type, naming it', () => {
    const ok = { name: 'a.pdf', size: PDF.length, content: PDF };
    expect(checkExtensionDocuments([ok, { name: 'b.png', size: PNG.length, content: PNG }])).toBeNull();
    expect(checkExtensionDocuments(Array.from({ length: 6 }, () => ok))).toEqual({
      code: 'tooManyFiles',
      params: { max: 5 },
    });
    expect(
      checkExtensionDocuments([
        ok,
        { name: 'big.pdf', size: EXTENSION_DOCUMENTS.maxBytes + 1, content: PDF },
      ]),
    ).toEqual({ code: 'payloadTooLarge', params: { name: 'big.pdf', maxMb: 5 } });
    expect(checkExtensionDocuments([{ name: 'page.html', size: 6, content: text('<html>') }])).toMatchObject({
      code: 'unsupportedFileType',
      params: { name: 'page.html' },
    });
  });

  it('names a document after its action and position, and reads the name back', () => {
    const id = extensionDocumentId('0b6f1d3c-93c2-4f38-9a51-2a7f0f3b1c11', 3);
    expect(parseExtensionDocumentId(id)).toEqual({
      actionId: '0b6f1d3c-93c2-4f38-9a51-2a7f0f3b1c11',
      index: 3,
    });
    expect(parseExtensionDocumentId('doc_x_5')).toBeNull();
    expect(parseExtensionDocumentId('doc__1')).toBeNull();
    expect(parseExtensionDocumentId('doc_a/b_1')).toBeNull();
    expect(parseExtensionDocumentId('photo_1')).toBeNull();
  });
});
