/** Small text normalisations shared by the parsers, the value grammar and the dialog. */

/** Full-width ASCII (digits, letters, punctuation) to half-width; the ideographic space to a space. */
export function toHalfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** Remove every kind of whitespace, as when a cell's text was broken over lines. */
export function squeeze(s: string): string {
  return s.replace(/[\s\u3000\u00a0]+/g, '');
}
