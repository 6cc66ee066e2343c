/**
 * What spreadsheets and Word files share once their cells are read: lines of text (paragraphs, or
 * rows holding one value, such as a title merged across the columns) and table rows, to be sorted
 * into lists. A list opens at its title, the last such line before its rows; `附件N` lines and
 * `注：…` notes are neither titles nor rows; two header rows (a grouped header) become one.
 */
import { IngestError } from '../ingest-error';
import type { SourceLocation, SourceRow, SourceTable } from './source-document';

/** `&`, `<`, `>` escaped and line breaks as `<br>`: a cell as the seed's HTML fragments hold it. */
export function cellHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** A cell's text back from `cellHtml`, its lines joined by a space (titles are one line). */
function cellText(html: string): string {
  return html.replace(/<br>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function isBlank(text: string): boolean {
  return /^[\s\u00a0\u3000]*$/u.test(text);
}

/** `附件2`, `附件 3：`: which attachment of the notice this is, above a list's title. */
const ATTACHMENT = /^附件\s*[\d一二三四五六七八九十]*\s*[：:]?$/u;
/** `注：本清单…`: a note under a table. */
const NOTE = /^注\s*[：:]/u;
const HEADER_FIRST_CELL = '序号';

export class TableCollector {
  private readonly tables: SourceTable[] = [];
  /** The list rows go to; none at the start and after `newPart`. */
  private current: SourceTable | undefined;
  private title: { text: string; at: SourceLocation } | undefined;
  /** The header row just added, while no item row has followed it. */
  private header: SourceRow | undefined;

  constructor(private readonly file: string) {}

  /**
   * A new sheet: a list does not run on from one sheet into the next, so its rows need a title of
   * their own (an untitled sheet's rows are refused, not added to the list before).
   */
  newPart(): void {
    this.current = undefined;
    this.title = undefined;
    this.header = undefined;
  }

  /** A paragraph, or a row whose cells all hold one value: a title, unless it is 附件N or a note. */
  line(html: string, at: SourceLocation): void {
    const text = cellText(html).trim();
    if (isBlank(text) || ATTACHMENT.test(text) || NOTE.test(text)) return;
    this.title = { text, at };
    this.header = undefined;
  }

  /** A row of a table; `cells` are HTML fragments, merged values filled in. */
  row(cells: string[], at: SourceLocation): void {
    const first = cellText(cells[0] ?? '').replace(/[\s\u00a0\u3000]+/gu, '');
    if (cells.every(isBlank) || NOTE.test(first)) return;
    // The same rule as the text's: a row of one value that is no number is a title.
    const values = new Set(cells.filter((cell) => !isBlank(cell)));
    if (values.size === 1 && !/^\s*\d/u.test(first) && first !== HEADER_FIRST_CELL) {
      this.line([...values][0], at);
      return;
    }
    if (this.title) {
      this.current = { title: this.title.text, titleAt: this.title.at, rows: [] };
      this.tables.push(this.current);
      this.title = undefined;
    }
    const table = this.current;
    if (!table) throw new IngestError(this.file, at, 'expected a list title (…清单) before any row');

    // A header's second row (上级部门职责 under 职责分工) holds no 序号 of its own, or the 序号 of
    // a cell merged down over both rows: its names replace the first row's where it has them.
    if (this.header && (first === '' || first === HEADER_FIRST_CELL)) {
      const header = this.header;
      header.cells = Array.from({ length: Math.max(header.cells.length, cells.length) }, (_, c) =>
        isBlank(cells[c] ?? '') ? (header.cells[c] ?? '') : cells[c],
      );
      return;
    }
    const row: SourceRow = { at, cells };
    this.header = first === HEADER_FIRST_CELL ? row : undefined;
    table.rows.push(row);
  }

  /**
   * The lists found. Each table's rows are as wide as its widest row once empty trailing cells are
   * dropped: a row's empty last cell inside that width stays (`''`), an empty cell rather than a
   * missing column.
   */
  result(): SourceTable[] {
    for (const table of this.tables) {
      const width = Math.max(0, ...table.rows.map((row) => row.cells.findLastIndex((cell) => !isBlank(cell)) + 1));
      for (const row of table.rows) {
        row.cells = Array.from({ length: width }, (_, c) => row.cells[c] ?? '');
      }
    }
    return this.tables;
  }
}
