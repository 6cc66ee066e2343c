/**
 * The seed written as counties publish it (domain.md, "The documents as counties publish them"):
 * .xlsx by exceljs, .xls by SheetJS, .docx by docx, never edited by hand. Every document holds the
 * seed's lists with what real files add around them: an `附件N` line, a title merged across the
 * columns, one or two header rows, 事项类别 merged down over a category's rows, multi-line cells,
 * 序号 as numbers, a `注：…` note after the table, empty rows and columns after it.
 */
import * as XLSX from '@e965/xlsx';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { ItemKind } from '../../../src/modules/common/enums';
import type { SeedList } from './seed-lists';

export const NOTE = '注：本清单实行动态调整，由县委机构编制委员会办公室负责解释。';

export interface GeneratedFile {
  name: string;
  bytes: Buffer;
}

type SheetValue = string | number | null;

interface Merge {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

/** A sheet as rows of values (0-based) and merged ranges, for either spreadsheet writer. */
export interface SheetPlan {
  name: string;
  rows: SheetValue[][];
  merges: Merge[];
  /** Hidden from a person opening the workbook (Excel's Hide sheet). */
  hidden?: boolean;
}

export interface SheetOptions {
  /** The cooperative list's header on two rows: 上级部门职责 and 乡镇（街道）配合职责 under 职责分工. */
  twoHeaderRows?: boolean;
  /** The header again before every this many items, as a sheet laid out for printing repeats it. */
  repeatHeaderEvery?: number;
}

/** Rows of one category in a row, from `from`: how many share its 事项类别. */
function categoryRun(list: SeedList, from: number): number {
  const category = list.rows[from].cells[0].join('\n');
  let end = from;
  while (end < list.rows.length && list.rows[end].cells[0].join('\n') === category) end++;
  return end - from;
}

/** Appends one list to a sheet's rows: 附件N, title, header(s), items, note. */
function planList(plan: SheetPlan, list: SeedList, attachment: number, options: SheetOptions): void {
  const columns = list.header.length;
  const at = () => plan.rows.length;
  const acrossRow = (r: number) => plan.merges.push({ s: { r, c: 0 }, e: { r, c: columns - 1 } });

  plan.rows.push([`附件${attachment}`]);
  acrossRow(at());
  plan.rows.push([list.title]);

  if (options.twoHeaderRows && list.kind === ItemKind.COOPERATIVE) {
    const top = at();
    plan.rows.push([...list.header.slice(0, 4), '职责分工', null]);
    plan.rows.push([null, null, null, null, ...list.header.slice(4)]);
    for (let c = 0; c < 4; c++) plan.merges.push({ s: { r: top, c }, e: { r: top + 1, c } });
    plan.merges.push({ s: { r: top, c: 4 }, e: { r: top, c: 5 } });
  } else {
    plan.rows.push([...list.header]);
  }

  for (let i = 0; i < list.rows.length; ) {
    const run = categoryRun(list, i);
    if (run > 1) plan.merges.push({ s: { r: at(), c: 1 }, e: { r: at() + run - 1, c: 1 } });
    for (let j = 0; j < run; j++) {
      const row = list.rows[i + j];
      const [category, ...rest] = row.cells.map((lines) => lines.join('\n'));
      plan.rows.push([row.number, j === 0 ? category : null, ...rest]);
    }
    i += run;
  }
  if (options.repeatHeaderEvery) repeatHeader(plan, list, options.repeatHeaderEvery);

  acrossRow(at());
  plan.rows.push([NOTE]);
}

/**
 * Inserts the header before every `every` items of the list just planned, at category boundaries
 * too: a merged 事项类别 is cut there and starts again under the header, as Excel prints it.
 */
function repeatHeader(plan: SheetPlan, list: SeedList, every: number): void {
  const firstItem = plan.rows.length - list.rows.length;
  for (let item = list.rows.length - (list.rows.length % every || every); item > 0; item -= every) {
    const r = firstItem + item;
    plan.rows.splice(r, 0, [...list.header]);
    const below: Merge[] = [];
    for (const merge of plan.merges) {
      if (merge.s.r >= r) {
        merge.s.r++;
        merge.e.r++;
      } else if (merge.e.r >= r) {
        // A category running across the inserted header: its rows below start a merge of their own.
        below.push({ s: { r: r + 1, c: merge.s.c }, e: { r: merge.e.r + 1, c: merge.e.c } });
        plan.rows[r + 1][merge.s.c] = plan.rows[merge.s.r][merge.s.c];
        merge.e.r = r - 1;
      }
    }
    plan.merges.push(...below);
  }
}

/** One sheet holding `lists`, two blank rows between them, and blank rows and a column after. */
export function sheetPlan(name: string, lists: { list: SeedList; attachment: number }[], options: SheetOptions = {}) {
  const plan: SheetPlan = { name, rows: [], merges: [] };
  lists.forEach(({ list, attachment }, index) => {
    if (index > 0) plan.rows.push([], []);
    planList(plan, list, attachment, options);
  });
  // What an edited sheet keeps after its table: cells once used, now blank, below and to the right.
  plan.rows.push([], [], [null, null, null, null, null, null, null, ' ']);
  return plan;
}

export type WorkbookLayout = 'sheet-per-list' | 'one-sheet' | 'workbook-per-list';

/** The workbooks of a layout, as sheet plans: one workbook, or three. */
export function workbookPlans(lists: SeedList[], layout: WorkbookLayout, options: SheetOptions = {}): SheetPlan[][] {
  const numbered = lists.map((list, index) => ({ list, attachment: index + 1 }));
  switch (layout) {
    case 'sheet-per-list':
      return [numbered.map((entry) => sheetPlan(`附件${entry.attachment}`, [entry], options))];
    case 'one-sheet':
      return [[sheetPlan('托里镇', numbered, options)]];
    case 'workbook-per-list':
      return numbered.map((entry) => [sheetPlan(`附件${entry.attachment}`, [entry], options)]);
  }
}

/** A workbook as Excel writes it (exceljs): wrapped multi-line cells, merged ranges, a bold title. */
export async function xlsxWorkbook(plans: SheetPlan[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const plan of plans) {
    const sheet = workbook.addWorksheet(plan.name, { state: plan.hidden ? 'hidden' : 'visible' });
    plan.rows.forEach((values, r) => {
      values.forEach((value, c) => {
        if (value === null) return;
        const cell = sheet.getCell(r + 1, c + 1);
        cell.value = value;
        if (typeof value === 'string' && value.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
      });
    });
    for (const { s, e } of plan.merges) sheet.mergeCells(s.r + 1, s.c + 1, e.r + 1, e.c + 1);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A workbook in the Excel 97-2003 format (BIFF8), written by SheetJS. */
export function xlsWorkbook(plans: SheetPlan[]): Buffer {
  const workbook = XLSX.utils.book_new();
  for (const plan of plans) {
    const sheet = XLSX.utils.aoa_to_sheet(plan.rows);
    sheet['!merges'] = plan.merges;
    XLSX.utils.book_append_sheet(workbook, sheet, plan.name);
  }
  // Strings in the shared string table, as Excel writes them: without it SheetJS writes each cell
  // as a LABEL record, which cuts text at 255 characters.
  return XLSX.write(workbook, { type: 'buffer', bookType: 'biff8', bookSST: true });
}

export async function seedXlsx(
  lists: SeedList[],
  layout: WorkbookLayout,
  options: SheetOptions = {},
): Promise<GeneratedFile[]> {
  const plans = workbookPlans(lists, layout, options);
  return Promise.all(
    plans.map(async (plan, index) => ({ name: `托里镇-${layout}-${index + 1}.xlsx`, bytes: await xlsxWorkbook(plan) })),
  );
}

export function seedXls(lists: SeedList[], layout: WorkbookLayout, options: SheetOptions = {}): GeneratedFile[] {
  return workbookPlans(lists, layout, options).map((plan, index) => ({
    name: `托里镇-${layout}-${index + 1}.xls`,
    bytes: xlsWorkbook(plan),
  }));
}

/** A cell's lines as paragraphs: Word keeps each step of a cell as a paragraph of its own. */
function wordCell(lines: string[], options: { rowSpan?: number; bold?: boolean } = {}): TableCell {
  return new TableCell({
    rowSpan: options.rowSpan,
    children: (lines.length > 0 ? lines : ['']).map(
      (line) => new Paragraph({ children: [new TextRun({ text: line, bold: options.bold })] }),
    ),
  });
}

/** One list: `附件N`, the title as a heading, the table, the note under it. */
function wordList(list: SeedList, attachment: number): (Paragraph | Table)[] {
  const rows = [
    new TableRow({ tableHeader: true, children: list.header.map((name) => wordCell([name], { bold: true })) }),
  ];
  for (let i = 0; i < list.rows.length; ) {
    const run = categoryRun(list, i);
    for (let j = 0; j < run; j++) {
      const row = list.rows[i + j];
      const [category, ...rest] = row.cells;
      // docx writes the vertical merge's continuation cells (w:vMerge) into the rows below itself.
      const cells = [wordCell([String(row.number)])];
      if (j === 0) cells.push(wordCell(category, { rowSpan: run }));
      cells.push(...rest.map((lines) => wordCell(lines)));
      rows.push(new TableRow({ children: cells }));
    }
    i += run;
  }
  return [
    new Paragraph({ text: `附件${attachment}` }),
    new Paragraph({ text: list.title, heading: HeadingLevel.HEADING_2, alignment: AlignmentType.CENTER }),
    new Table({ rows }),
    new Paragraph({ text: NOTE }),
    new Paragraph({ text: '' }),
  ];
}

export type WordLayout = 'one-file' | 'file-per-list';

export async function seedDocx(lists: SeedList[], layout: WordLayout): Promise<GeneratedFile[]> {
  const numbered = lists.map((list, index) => ({ list, attachment: index + 1 }));
  const files = layout === 'one-file' ? [numbered] : numbered.map((entry) => [entry]);
  return Promise.all(
    files.map(async (entries, index) => {
      const document = new Document({
        sections: [{ children: entries.flatMap(({ list, attachment }) => wordList(list, attachment)) }],
      });
      return { name: `托里镇-${layout}-${index + 1}.docx`, bytes: await Packer.toBuffer(document) };
    }),
  );
}

/**
 * What Excel saves when a workbook has a password to open: not a zip but a compound file holding
 * the encryption's description and the encrypted package (the bytes here are no real cipher text).
 */
export function passwordProtectedWorkbook(): Buffer {
  const container = XLSX.CFB.utils.cfb_new();
  // EncryptionInfo of agile encryption: version 4.4, flags 0x40.
  XLSX.CFB.utils.cfb_add(container, 'EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
  XLSX.CFB.utils.cfb_add(container, 'EncryptedPackage', Buffer.alloc(4096, 0x5a));
  return Buffer.from(XLSX.CFB.write(container, { type: 'buffer' }) as Uint8Array);
}
