/**
 * The seed's text format: a title line per list, TAB-separated rows, header rows repeated after
 * page breaks (blank lines). A line is a title when it is one cell that does not start with a
 * digit (a line holding only a number is a row short of columns).
 */
import { IngestError } from '../ingest-error';
import type { SourceDocument, SourceLocation, SourceTable } from './source-document';

export function textLine(line: number): SourceLocation {
  return { label: `line ${line}`, line };
}

/** Lines → titles and rows; `text` is decoded already (a leading BOM is dropped here). */
export function readTextSource(text: string, file: string, encoding = 'UTF-8'): SourceDocument {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const tables: SourceTable[] = [];
  lines.forEach((raw, index) => {
    const at = textLine(index + 1);
    if (raw.trim() === '') return;
    const cells = raw.split('\t');
    if (cells.length === 1 && !/^\s*\d/.test(raw)) {
      tables.push({ title: raw.trim(), titleAt: at, rows: [] });
      return;
    }
    const table = tables.at(-1);
    if (!table) throw new IngestError(file, at, 'expected a list title (…清单) before any row');
    table.rows.push({ at, cells });
  });
  return { file, format: 'text', encoding, start: textLine(1), tables };
}
