/**
 * Word documents (.docx): a heading paragraph per list, then its table. mammoth turns the document
 * into HTML, vertical merges (w:vMerge) into `rowspan`; here a merged cell's value is copied into
 * every row it covers, and a cell's paragraphs become lines (`<br>`).
 */
import * as XLSX from '@e965/xlsx';
import { Parser } from 'htmlparser2';
import mammoth from 'mammoth';
import { IngestError } from '../ingest-error';
import { cellHtml, TableCollector } from './grid-tables';
import type { SourceDocument, SourceLocation } from './source-document';

const ZIP = Buffer.from('504b0304', 'hex');
/** Compound File Binary: a Word 97-2003 .doc, or a .docx saved with a password. */
const CFB = Buffer.from('d0cf11e0a1b11ae1', 'hex');
const PDF = Buffer.from('%PDF');

export function tableRow(table: number, row: number): SourceLocation {
  return { label: `table ${table}, row ${row}`, line: row };
}

/**
 * A paragraph outside the tables, named by the table it comes before: Word numbers no paragraphs,
 * and mammoth drops the empty ones. Its line is its place among the paragraphs mammoth kept.
 */
export function paragraphAbove(table: number, index: number): SourceLocation {
  return { label: `title above table ${table}`, line: index };
}

/** Tags that end a line of text: paragraphs, headings, list items, line breaks. */
const LINE_TAGS = new Set(['p', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function refuseOtherFormats(bytes: Buffer, file: string): void {
  const starts = (magic: Buffer) => bytes.subarray(0, magic.length).equals(magic);
  if (starts(PDF)) {
    throw new IngestError(file, undefined, 'a PDF is not supported yet: save the document as .docx or .xlsx');
  }
  if (starts(CFB)) {
    const container = XLSX.CFB.read(bytes, { type: 'buffer' });
    if (XLSX.CFB.find(container, 'EncryptedPackage')) {
      throw new IngestError(file, undefined, 'the document is password-protected: save it without a password');
    }
    throw new IngestError(
      file,
      undefined,
      'a Word 97-2003 .doc is not supported yet: open it in Word or WPS and save it as .docx',
    );
  }
  if (!starts(ZIP)) throw new IngestError(file, undefined, 'not a readable .docx document');
}

/** A cell being read: its lines so far, and how many rows and columns it covers. */
interface OpenCell {
  lines: string[];
  line: string;
  rowSpan: number;
  colSpan: number;
}

/**
 * Reads mammoth's HTML: paragraphs outside tables go to the collector as lines (titles, 附件N,
 * notes), table rows as rows with their merged cells filled in. A table inside a cell is read as
 * that cell's lines.
 */
function collectHtml(html: string, collector: TableCollector): void {
  let depth = 0;
  let tableIndex = 0;
  let rowIndex = 0;
  let paragraphIndex = 0;
  let outside = '';
  let cell: OpenCell | undefined;
  let row: OpenCell[] = [];
  /** Per column, a cell merged down from a row above: its value and the rows it still covers. */
  let covering: ({ value: string; rows: number } | undefined)[] = [];

  const endLine = () => {
    if (cell) {
      if (cell.line.trim() !== '') cell.lines.push(cell.line.trim());
      cell.line = '';
    }
  };
  const endRow = () => {
    rowIndex++;
    const cells: string[] = [];
    // Columns a cell above still covers come before this row's next cell of its own.
    const cover = () => {
      for (let merged = covering[cells.length]; merged; merged = covering[cells.length]) {
        merged.rows--;
        if (merged.rows === 0) covering[cells.length] = undefined;
        cells.push(merged.value);
      }
    };
    for (const open of row) {
      cover();
      const value = cellHtml(open.lines.join('\n'));
      for (let span = 0; span < open.colSpan; span++) {
        if (open.rowSpan > 1) covering[cells.length] = { value, rows: open.rowSpan - 1 };
        cells.push(value);
      }
    }
    cover();
    row = [];
    collector.row(cells, tableRow(tableIndex, rowIndex));
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'table') {
          depth++;
          if (depth === 1) {
            tableIndex++;
            rowIndex = 0;
            covering = [];
          }
        }
        if (depth === 1 && (name === 'td' || name === 'th')) {
          cell = {
            lines: [],
            line: '',
            rowSpan: Number(attributes.rowspan ?? 1),
            colSpan: Number(attributes.colspan ?? 1),
          };
        }
        // A line break inside a paragraph outside tables (a title on two lines) stays in it.
        if (depth === 0 && name === 'br') outside += '\n';
        if (depth > 0 && (LINE_TAGS.has(name) || depth > 1)) endLine();
      },
      onclosetag(name) {
        if (depth === 0 && LINE_TAGS.has(name) && name !== 'br') {
          paragraphIndex++;
          collector.line(cellHtml(outside.trim()), paragraphAbove(tableIndex + 1, paragraphIndex));
          outside = '';
        }
        if (depth > 0 && (LINE_TAGS.has(name) || depth > 1)) endLine();
        if (depth === 1 && (name === 'td' || name === 'th') && cell) {
          endLine();
          row.push(cell);
          cell = undefined;
        }
        if (depth === 1 && name === 'tr') endRow();
        if (name === 'table') depth--;
      },
      ontext(text) {
        if (cell) cell.line += text;
        else if (depth === 0) outside += text;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
}

/** Reads a Word document's lists; `file` names it in errors. */
export async function readWordDocument(bytes: Buffer, file: string): Promise<SourceDocument> {
  refuseOtherFormats(bytes, file);
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes })).value;
  } catch (error) {
    throw new IngestError(file, undefined, `not a readable .docx document (${(error as Error).message})`);
  }
  const collector = new TableCollector(file);
  collectHtml(html, collector);
  return { file, format: 'docx', tables: collector.result() };
}
