import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexKeyText } from '../../../sync-server/storage/index-key';

// PostgreSQL compares `COLLATE "C"` text by UTF-8 bytes; rxdb compares index strings as JS strings.
const jsOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const postgresOrder = (a: string, b: string) =>
  Math.sign(Buffer.compare(Buffer.from(indexKeyText(a), 'utf8'), Buffer.from(indexKeyText(b), 'utf8')));

// Strings mixing the characters where UTF-16 and UTF-8 orders part ways: emoji (surrogate pairs),
// full-width forms and rxdb's INDEX_MAX (U+FFFF), Kazakh letters and plain ASCII.
const tricky = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    ' ',
    'ә',
    'қ',
    'Ү',
    '😀',
    '🧒',
    '\uFF21',
    '\uFFFF',
    '\uE000',
    '\uD7FF',
    '0',
    '9',
  ),
  maxLength: 8,
});

describe('index keys in PostgreSQL', () => {
  it('sort exactly as rxdb sorts JS strings, emoji and U+FFFF included', () => {
    fc.assert(
      fc.property(tricky, tricky, (a, b) => {
        expect(postgresOrder(a, b)).toBe(jsOrder(a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it('puts "😀" below the full-width "Ａ" and below rxdb\'s INDEX_MAX, as UTF-16 does', () => {
    expect(postgresOrder('😀', '\uFF21')).toBe(-1);
    expect(postgresOrder('😀', '\uFFFF')).toBe(-1);
    // Plain UTF-8 would say the opposite: that is the trap this encoding avoids.
    expect(Math.sign(Buffer.compare(Buffer.from('😀'), Buffer.from('\uFF21')))).toBe(1);
  });

  it('leaves ordinary keys, Kazakh letters included, unchanged', () => {
    expect(indexKeyText('0queued   0000402aruzhan')).toBe('0queued   0000402aruzhan');
    expect(indexKeyText('Әлия Қасымқызы')).toBe('Әлия Қасымқызы');
  });
});
