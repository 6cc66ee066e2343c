/**
 * What `search` looks in, and how the index finds it. Search is a case-insensitive substring match;
 * every substring of two characters or more has all its character bigrams in the text, so the
 * bigram set narrows the candidates and `ilike` decides.
 */

/** The searchable text of an item, one piece a line. */
export function searchText(pieces: readonly (string | null | undefined)[]): string {
  return pieces.filter((piece): piece is string => !!piece).join('\n');
}

/** Distinct bigrams of the lower-cased text, sorted by code points; none spans a line or a space. */
export function bigrams(text: string): string[] {
  return bigramCodes(text).map(bigramOfCode);
}

/**
 * The same bigrams as numbers (first code point × 0x110000 + second): this runs for every item of
 * every import, and numbers hash and sort several times faster than two-character strings.
 */
export function bigramCodes(text: string): number[] {
  const found = new Set<number>();
  let previous = -1;
  const lower = text.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const code = lower.codePointAt(i) as number;
    if (code > 0xffff) i++;
    if (WHITE_SPACE.has(code)) previous = -1;
    else {
      if (previous >= 0) found.add(previous * CODE_POINTS + code);
      previous = code;
    }
  }
  return Array.from(found).sort((a, b) => a - b);
}

export function bigramOfCode(code: number): string {
  return String.fromCodePoint(Math.floor(code / CODE_POINTS), code % CODE_POINTS);
}

const CODE_POINTS = 0x110000;
/** What `\s` matches in a JavaScript regular expression. */
const WHITE_SPACE = new Set(
  [...'\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff'].map((c) => c.codePointAt(0)),
);
for (let code = 0x2000; code <= 0x200a; code++) WHITE_SPACE.add(code);
