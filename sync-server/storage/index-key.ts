/**
 * rxdb orders index strings as JS strings: by UTF-16 code unit (`getSortComparator`, the memory
 * storage's binary search). PostgreSQL's `COLLATE "C"` orders text by its UTF-8 bytes, which is code
 * point order, and the two disagree once a string mixes characters above the BMP (emoji, stored as
 * surrogates D800–DFFF) with characters in E000–FFFF (full-width forms, rxdb's INDEX_MAX U+FFFF):
 * UTF-16 puts the emoji first, code points put it last (docs/stack.md, "RxStorage on PostgreSQL").
 *
 * So every code unit from D800 up is moved to the supplementary planes (u + 0x10000, i.e. 1D800–1FFFF),
 * one code point per code unit. That map is strictly increasing, so code point order of the result
 * equals code unit order of the original, and the result is valid UTF-8 text PostgreSQL indexes with
 * plain byte comparison. Strings without such characters (nearly all keys) pass through untouched.
 */
const HIGH_UNIT = /[\uD800-\uFFFF]/g;

export function indexKeyText(indexString: string): string {
  HIGH_UNIT.lastIndex = 0;
  if (!HIGH_UNIT.test(indexString)) return indexString;
  return indexString.replace(HIGH_UNIT, (unit) => String.fromCodePoint(unit.charCodeAt(0) + 0x10000));
}
