/** TrueType fonts with Cyrillic and Kazakh letters: regular for labels and text, bold for values. */
export interface PdfFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}
