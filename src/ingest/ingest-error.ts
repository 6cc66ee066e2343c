import type { SourceLocation } from './formats/source-document';

/**
 * A document the importer refuses: names the file, where in it (a line of a text file, a sheet's
 * or a table's row) and the reason. Nothing is written.
 *
 * A line of a text file reads `file:12: reason`, the form editors and terminals link to; other
 * places read `file: sheet 附件2, row 7: reason`, and what concerns the whole file `file: reason`.
 */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly at: SourceLocation | undefined,
    readonly reason: string,
  ) {
    super(`${file}${where(at)}: ${reason}`);
    this.name = 'IngestError';
  }

  /** The line or row number, where the error has a place. */
  get line(): number | undefined {
    return this.at?.line;
  }
}

function where(at: SourceLocation | undefined): string {
  if (at === undefined) return '';
  const place = placeOf(at);
  return place === undefined ? `:${at.line}` : `: ${place}`;
}

/** The label of a place that is no line of a text file (`sheet 附件2, row 7`); undefined for a line. */
export function placeOf(at: SourceLocation): string | undefined {
  return at.label === `line ${at.line}` ? undefined : at.label;
}
