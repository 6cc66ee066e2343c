/**
 * Word documents (.docx): a heading paragraph per list, then its table. The main part's XML is read
 * directly, as a stream: a vertically merged cell (w:vMerge) continues the value of the cell above
 * it, one spanning columns (w:gridSpan) stands in each, a cell's paragraphs and line breaks become
 * lines (`<br>`). mammoth reads the same tables (vertical merges as rowspan) at a sixth of the speed
 * (232 ms against 38 ms for the seed) and only asynchronously.
 */
import * as XLSX from '@e965/xlsx';
import { Parser } from 'htmlparser2';
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
 * A paragraph outside the tables, named by the table it comes before, as Word numbers no
 * paragraphs. Its line is its place among the body's paragraphs, empty ones too.
 */
export function paragraphAbove(table: number, index: number): SourceLocation {
  return { label: `title above table ${table}`, line: index };
}

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

/** The document's main part, as its package's relationships name it (`word/document.xml`). */
function mainPart(container: ReturnType<typeof XLSX.CFB.read>, file: string): string {
  const relationships = XLSX.CFB.find(container, '/_rels/.rels');
  let target = 'word/document.xml';
  if (relationships) {
    const xml = Buffer.from(relationships.content as Uint8Array).toString('utf8');
    const declared = /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/u.exec(xml)?.[0];
    target = /Target="\/?([^"]+)"/u.exec(declared ?? '')?.[1] ?? target;
  }
  const part = XLSX.CFB.find(container, `/${target}`);
  if (!part) throw new IngestError(file, undefined, 'not a readable .docx document (it holds no Word document part)');
  return Buffer.from(part.content as Uint8Array).toString('utf8');
}

/** A table cell being read: its lines so far, the columns it spans, and whether it merges with the one above. */
interface OpenCell {
  lines: string[];
  span: number;
  continuesAbove: boolean;
}

/**
 * The body's paragraphs outside tables go to the collector as lines (titles, 附件N, notes), each
 * table row as a row of cells, one per grid column. A table inside a cell is read as that cell's
 * lines. Only w:t holds text: deleted text (w:delText) and field codes (w:instrText) are not read,
 * nor the fallback copy of content that also comes in a newer form (mc:Fallback).
 */
function collectBody(xml: string, collector: TableCollector): void {
  let depth = 0;
  let tableIndex = 0;
  let rowIndex = 0;
  let paragraphIndex = 0;
  let inText = false;
  let fallback = 0;
  let line = '';
  let cell: OpenCell | undefined;
  let row: string[] = [];
  /** The row above, per grid column: where a vertically merged cell takes its value from. */
  let above: string[] = [];

  const endLine = () => {
    if (cell && line.trim() !== '') cell.lines.push(line.trim());
    line = '';
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'mc:Fallback') fallback++;
        if (fallback > 0) return;
        const value = attributes['w:val'];
        switch (name) {
          case 'w:t':
            inText = true;
            break;
          case 'w:tab':
            line += ' ';
            break;
          case 'w:br':
          case 'w:cr':
            if (depth > 0) endLine();
            else line += '\n';
            break;
          case 'w:p':
            if (depth === 0) line = '';
            break;
          case 'w:tbl':
            depth++;
            if (depth === 1) {
              tableIndex++;
              rowIndex = 0;
              above = [];
            }
            break;
          case 'w:tr':
            if (depth === 1) row = [];
            break;
          case 'w:gridBefore':
            // Columns a row leaves out before its first cell.
            if (depth === 1 && !cell) row.push(...Array<string>(Number(value ?? 1)).fill(''));
            break;
          case 'w:tc':
            if (depth === 1) cell = { lines: [], span: 1, continuesAbove: false };
            break;
          case 'w:gridSpan':
            if (depth === 1 && cell) cell.span = Number(value ?? 1);
            break;
          case 'w:vMerge':
            // `restart` opens a merge; no value, or `continue`, carries on the one above.
            if (depth === 1 && cell) cell.continuesAbove = value !== 'restart';
            break;
        }
      },
      onclosetag(name) {
        if (name === 'mc:Fallback') fallback--;
        if (fallback > 0) return;
        switch (name) {
          case 'w:t':
            inText = false;
            break;
          case 'w:p':
            if (depth > 0) endLine();
            else {
              paragraphIndex++;
              collector.line(cellHtml(line.trim()), paragraphAbove(tableIndex + 1, paragraphIndex));
              line = '';
            }
            break;
          case 'w:tc':
            if (depth === 1 && cell) {
              endLine();
              const open = cell;
              const start = row.length;
              for (let column = start; column < start + open.span; column++) {
                row.push(open.continuesAbove ? (above[column] ?? '') : cellHtml(open.lines.join('\n')));
              }
              cell = undefined;
            }
            break;
          case 'w:tr':
            if (depth === 1) {
              above = row;
              rowIndex++;
              collector.row(row, tableRow(tableIndex, rowIndex));
            }
            break;
          case 'w:tbl':
            depth--;
            break;
        }
      },
      ontext(text) {
        if (inText && fallback === 0) line += text;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
}

/** Reads a Word document's lists; `file` names it in errors. */
export function readWordDocument(bytes: Buffer, file: string): SourceDocument {
  refuseOtherFormats(bytes, file);
  let xml: string;
  try {
    xml = mainPart(XLSX.CFB.read(bytes, { type: 'buffer' }), file);
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw new IngestError(file, undefined, `not a readable .docx document (${(error as Error).message})`);
  }
  const collector = new TableCollector(file);
  collectBody(xml, collector);
  return { file, format: 'docx', tables: collector.result() };
}
