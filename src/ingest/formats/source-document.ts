/**
 * A town document as its format holds it, before its rows are checked: each list's title and its
 * table, every row with where it is (a line of a text file, a row of a sheet or of a table). Each
 * format's reader (formats/*.ts) gives this; parse.ts checks every format's the same way, so that
 * one document in any format imports to the same items, links, responsibilities and steps.
 */

/** Where a title or row is, as a person opening the file finds it. */
export interface SourceLocation {
  /** `line 12` (text), `sheet 附件2, row 7` (spreadsheets), `table 2, row 5` (Word, HTML). */
  label: string;
  /** 1-based line or row number within its sheet or table: kept as the item's source line. */
  line: number;
}

export interface SourceRow {
  at: SourceLocation;
  /**
   * The row's cells, as HTML fragments as in the seed's text: readers of other formats escape
   * `&`, `<` and `>` and write a line break or a new paragraph inside a cell as `<br>`. A merged
   * cell's value stands in every row it covers. A row has a cell for each of its table's columns up
   * to the last that holds anything in any row (an empty cell inside is `''`): columns empty in
   * every row are dropped, a row's own empty last cell is not (it would read as a missing column).
   */
  cells: string[];
}

export interface SourceTable {
  /** The list's title as the document states it (…配合履责事项清单). */
  title: string;
  titleAt: SourceLocation;
  /** The rows after the title: header rows (序号 …) and item rows, note rows (注：…) left out. */
  rows: SourceRow[];
}

export interface SourceDocument {
  file: string;
  /** The format read: `text`, `xlsx`, `xls`, `docx`, `html`. */
  format: string;
  /** The text encoding read (`UTF-8`, `GB18030`, …), for formats that are text; stated in the report. */
  encoding?: string;
  /** Where the document begins: errors about the whole document (an empty one) name it if given. */
  start?: SourceLocation;
  /** The lists in document order; one file may hold one, two or all three lists of a town. */
  tables: SourceTable[];
}
