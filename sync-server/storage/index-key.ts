/**
 * rxdb orders index strings as JS strings: by UTF-16 code unit (`getSortComparator`, the memory
 * storage's binary search). PostgreSQL's `COLLATE "C"` orders text by UTF-8 code point instead, and
 * the two disagree as soon as a character lies outside the BMP (an emoji sorts above U+FFFF, rxdb's
 * INDEX_MAX, in UTF-8, but below it in UTF-16). So index keys are stored as UTF-16BE `bytea`, whose
 * byte order is exactly rxdb's order (stack.md, "RxStorage on PostgreSQL").
 *
 * Keys travel to SQL as hex text (`decode($n, 'hex')`), which both drivers bind the same way.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function indexKeyHex(indexString: string): string {
  let out = '';
  for (let i = 0; i < indexString.length; i++) {
    const unit = indexString.charCodeAt(i);
    out += HEX[unit >> 8] + HEX[unit & 0xff];
  }
  return out;
}
