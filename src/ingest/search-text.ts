/**
 * What `search` looks in, and how the index finds it. Search is a case-insensitive substring match;
 * every substring of two characters or more has all its character bigrams in the text, so the
 * bigram set narrows the candidates and `ilike` decides.
 */

/** The searchable text of an item, one piece a line. */
export function searchText(pieces: readonly (string | null | undefined)[]): string {
  return pieces.filter((piece): piece is string => !!piece).join('\n');
}

/** Distinct, sorted bigrams of the lower-cased text, by code point; none spans a line or a space. */
export function bigrams(text: string): string[] {
  const found = new Set<string>();
  for (const line of text.toLowerCase().split(/\s+/u)) {
    const chars = Array.from(line);
    for (let i = 0; i + 1 < chars.length; i++) found.add(chars[i] + chars[i + 1]);
  }
  return [...found].sort();
}
