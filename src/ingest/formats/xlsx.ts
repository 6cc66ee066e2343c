/**
 * Workbooks, .xlsx and Excel 97-2003 .xls alike, read by SheetJS (@e965/xlsx): one sheet per list,
 * all lists in one sheet, or one workbook per list. A merged cell's value (a title across the
 * columns, 事项类别 down a category's rows) stands in every cell it covers; numbers read as the
 * digits they are; line breaks inside a cell become `<br>`.
 */
import * as XLSX from '@e965/xlsx';
import { IngestError } from '../ingest-error';
import { cellHtml, isBlank, TableCollector } from './grid-tables';
import type { SourceDocument, SourceLocation } from './source-document';

const ZIP = Buffer.from('504b0304', 'hex');
/** Compound File Binary: .xls, .doc, and an .xlsx saved with a password (its package encrypted). */
const CFB = Buffer.from('d0cf11e0a1b11ae1', 'hex');

export function sheetRow(sheet: string, row: number): SourceLocation {
  return { label: `sheet ${sheet}, row ${row}`, line: row };
}

/** The text a person sees in a cell, as an HTML fragment. */
function cellValue(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  // 序号 as a number reads as its digits, whatever format the sheet gives it (`1`, not `1.0`).
  if (cell.t === 'n' && Number.isInteger(cell.v)) return String(cell.v);
  return cellHtml(cell.t === 's' ? String(cell.v) : (cell.w ?? String(cell.v)));
}

function openWorkbook(bytes: Buffer, file: string): XLSX.WorkBook {
  const zip = bytes.subarray(0, ZIP.length).equals(ZIP);
  const cfb = bytes.subarray(0, CFB.length).equals(CFB);
  // SheetJS reads any bytes as CSV text: only the two workbook containers are workbooks here.
  if (!zip && !cfb) throw new IngestError(file, undefined, 'not a readable .xlsx or .xls workbook');
  try {
    // cellDates: a date reads as the sheet shows it (2025-03-01), not as its serial number.
    return XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      cellDates: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
    });
  } catch (error) {
    if (/password/iu.test((error as Error).message)) {
      throw new IngestError(file, undefined, 'the workbook is password-protected: save it without a password');
    }
    if (cfb && /workbook/iu.test((error as Error).message)) {
      throw new IngestError(file, undefined, 'not a readable .xls workbook (a Word .doc? save it as .docx)');
    }
    throw new IngestError(file, undefined, `not a readable .xlsx workbook (${(error as Error).message})`);
  }
}

/**
 * A sheet's rows as HTML cells, merged values filled in, from its first used column. Only the
 * cells that hold something bound it: a sheet's stated range or a merge may run far past them.
 */
function sheetGrid(sheet: XLSX.WorkSheet): string[][] {
  const grid: string[][] = Array.from(sheet['!data'] ?? [], (row) => Array.from(row ?? [], cellValue));
  let height = 0;
  let width = 0;
  let firstColumn = Number.POSITIVE_INFINITY;
  grid.forEach((row, r) => {
    const first = row.findIndex((cell) => !isBlank(cell));
    if (first < 0) return;
    height = r + 1;
    width = Math.max(width, row.findLastIndex((cell) => !isBlank(cell)) + 1);
    firstColumn = Math.min(firstColumn, first);
  });
  grid.length = height;
  for (const { s, e } of sheet['!merges'] ?? []) {
    const value = grid[s.r]?.[s.c] ?? '';
    if (value === '') continue;
    for (let r = s.r; r <= Math.min(e.r, height - 1); r++) {
      for (let c = s.c; c <= Math.min(e.c, width - 1); c++) grid[r][c] = value;
    }
  }
  // A table placed from column B: the empty columns before it are no cells of it.
  return grid.map((row) => Array.from(row.slice(firstColumn), (cell) => cell ?? ''));
}

/** Reads a workbook's lists; `file` names it in errors. */
export function readWorkbook(bytes: Buffer, file: string): SourceDocument {
  const workbook = openWorkbook(bytes, file);
  const collector = new TableCollector(file);
  for (const [index, name] of workbook.SheetNames.entries()) {
    // A hidden sheet (often an earlier copy of a list) is not what a person opening the file reads.
    if (workbook.Workbook?.Sheets?.[index]?.Hidden) continue;
    collector.newPart();
    for (const [index, cells] of sheetGrid(workbook.Sheets[name]).entries()) {
      collector.row(cells, sheetRow(name, index + 1));
    }
  }
  const format = bytes.subarray(0, ZIP.length).equals(ZIP) ? 'xlsx' : 'xls';
  return { file, format, tables: collector.result() };
}
