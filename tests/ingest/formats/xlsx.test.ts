import { beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { SourceDocument } from '../../../src/ingest/formats/source-document';
import { readWorkbook } from '../../../src/ingest/formats/xlsx';
import { parseSources } from '../../../src/ingest/parse';
import { readContent, seedContent } from '../../support/documents/same-as-seed';
import {
  type GeneratedFile,
  NOTE,
  passwordProtectedWorkbook,
  seedXls,
  seedXlsx,
  type WorkbookLayout,
  workbookPlans,
  xlsxWorkbook,
} from '../../support/documents/seed-documents';
import { linesAsHtml, type SeedList, seedLists } from '../../support/documents/seed-lists';

const lists = seedLists();

/** The rows a reader must give for a seed list: its header, then each item's cells as HTML. */
function expectedRows(list: SeedList, repeatHeaderEvery = 0): string[][] {
  return [
    list.header,
    ...list.rows.flatMap((row, index) => [
      ...(repeatHeaderEvery && index > 0 && index % repeatHeaderEvery === 0 ? [list.header] : []),
      [String(row.number), ...row.cells.map(linesAsHtml)],
    ]),
  ];
}

function read(files: GeneratedFile[]): SourceDocument[] {
  return files.map((file) => readWorkbook(file.bytes, file.name));
}

const layouts: { format: string; layout: WorkbookLayout; twoHeaderRows: boolean; repeatHeaderEvery: number }[] = [
  { format: 'xlsx', layout: 'sheet-per-list', twoHeaderRows: true, repeatHeaderEvery: 0 },
  { format: 'xlsx', layout: 'one-sheet', twoHeaderRows: false, repeatHeaderEvery: 40 },
  { format: 'xlsx', layout: 'workbook-per-list', twoHeaderRows: true, repeatHeaderEvery: 0 },
  { format: 'xls', layout: 'sheet-per-list', twoHeaderRows: false, repeatHeaderEvery: 0 },
  { format: 'xls', layout: 'one-sheet', twoHeaderRows: true, repeatHeaderEvery: 0 },
  { format: 'xls', layout: 'workbook-per-list', twoHeaderRows: false, repeatHeaderEvery: 30 },
];

describe.each(layouts)(
  'the seed as .$format, $layout, two header rows: $twoHeaderRows, header repeated every $repeatHeaderEvery items',
  (shape) => {
    let documents: SourceDocument[];
    beforeAll(async () => {
      const options = { twoHeaderRows: shape.twoHeaderRows, repeatHeaderEvery: shape.repeatHeaderEvery };
      const files =
        shape.format === 'xlsx' ? await seedXlsx(lists, shape.layout, options) : seedXls(lists, shape.layout, options);
      documents = read(files);
    });

    it('gives each list its title and exactly its rows: merged 事项类别 filled, lines as <br>, no note', () => {
      expect(documents.map((document) => document.format)).toEqual(documents.map(() => shape.format));
      const tables = documents.flatMap((document) => document.tables);
      expect(tables.map((table) => table.title)).toEqual(lists.map((list) => list.title));
      tables.forEach((table, index) => {
        expect(table.rows.map((row) => row.cells)).toEqual(expectedRows(lists[index], shape.repeatHeaderEvery));
      });
      const cells = tables.flatMap((table) => table.rows.flatMap((row) => row.cells));
      expect(cells.filter((cell) => cell.includes('注：'))).toEqual([]);
    });

    it('imports to exactly the text’s items, links, responsibilities and steps', () => {
      expect(readContent(documents)).toEqual(seedContent());
    });
  },
);

describe('where a workbook’s rows are', () => {
  it('names the sheet and the row a person finds them at', async () => {
    const [file] = await seedXlsx(lists, 'sheet-per-list', { twoHeaderRows: true });
    const cooperative = readWorkbook(file.bytes, file.name).tables[1];
    // Row 1 附件2, row 2 the title, rows 3-4 the header, row 5 the first item.
    expect(cooperative.titleAt).toEqual({ label: 'sheet 附件2, row 2', line: 2 });
    expect(cooperative.rows[0].at.label).toBe('sheet 附件2, row 3');
    expect(cooperative.rows[1].at).toEqual({ label: 'sheet 附件2, row 5', line: 5 });
    expect(cooperative.rows.at(-1)?.at.label).toBe(`sheet 附件2, row ${4 + lists[1].rows.length}`);
  });
});

describe('what a person opening the workbook sees', () => {
  it('a hidden sheet, an earlier copy of a list, is not read', async () => {
    const [sheets] = workbookPlans(lists, 'sheet-per-list');
    const earlier = { ...sheets[2], name: '附件3（旧）', hidden: true };
    const bytes = await xlsxWorkbook([...sheets, earlier]);
    expect(readWorkbook(bytes, 'town.xlsx').tables.map((table) => table.titleAt.label)).toEqual([
      'sheet 附件1, row 2',
      'sheet 附件2, row 2',
      'sheet 附件3, row 2',
    ]);
  });

  it('a date reads as the sheet shows it, a number formatted 000 as its digits', async () => {
    const row = [1, '党的建设', new Date(Date.UTC(2025, 2, 1))];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('附件1');
    sheet.addRows([[lists[0].title], lists[0].header, row]);
    sheet.getCell('A3').numFmt = '000';
    sheet.getCell('C3').numFmt = 'yyyy-mm-dd';
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(readWorkbook(bytes, 'dated.xlsx').tables[0].rows[1].cells).toEqual(['1', '党的建设', '2025-03-01']);
  });
});

describe('workbooks the importer refuses', () => {
  it('a password-protected workbook: save it without a password', () => {
    expect(() => readWorkbook(passwordProtectedWorkbook(), 'town.xlsx')).toThrow(
      'town.xlsx: the workbook is password-protected: save it without a password',
    );
  });

  it('a workbook cut short, and a text file named .xlsx: not a readable workbook', async () => {
    const whole = await xlsxWorkbook([{ name: 'Sheet1', rows: [[lists[0].title], lists[0].header], merges: [] }]);
    expect(() => readWorkbook(whole.subarray(0, whole.length - 200), 'cut.xlsx')).toThrow(
      /^cut\.xlsx: not a readable \.xlsx workbook/,
    );
    expect(() => readWorkbook(Buffer.from(`${lists[0].title}\n序号\t事项类别\t事项名称\n`), 'text.xlsx')).toThrow(
      'text.xlsx: not a readable .xlsx or .xls workbook',
    );
  });

  it('rows before any list title, at their sheet and row: a list does not run on into the next sheet', async () => {
    const row = [1, '党的建设', '加强党的建设'];
    const untitled = await xlsxWorkbook([{ name: '附件1', rows: [['附件1'], lists[0].header, row], merges: [] }]);
    expect(() => readWorkbook(untitled, 'untitled.xlsx')).toThrow(
      'untitled.xlsx: sheet 附件1, row 2: expected a list title (…清单) before any row',
    );
    const secondUntitled = await xlsxWorkbook([
      { name: '附件1', rows: [[lists[0].title], lists[0].header, row], merges: [] },
      { name: '附件2', rows: [lists[0].header, row], merges: [] },
    ]);
    expect(() => readWorkbook(secondUntitled, 'town.xlsx')).toThrow(
      'town.xlsx: sheet 附件2, row 1: expected a list title (…清单) before any row',
    );
  });

  it('three workbooks, one of whose titles names another town', async () => {
    const stray = lists.map((list, index) =>
      index === 2 ? { ...list, title: list.title.replace('托里镇', '铁厂沟镇') } : list,
    );
    const documents = (await seedXlsx(stray, 'workbook-per-list')).map((file) => readWorkbook(file.bytes, file.name));
    // The town's two workbooks are missing the list the third gave to 铁厂沟镇.
    expect(() => parseSources(documents)).toThrow(
      /^托里镇-workbook-per-list-2\.xlsx: sheet 附件2, row \d+: missing list 上级部门收回事项清单 of 塔城地区托里县托里镇/,
    );
  });

  it('a list missing a column, at its header’s sheet and row', async () => {
    const header = ['序号', '事项类别', '事项名称', '对应上级部门', '乡镇（街道）配合职责'];
    const bytes = await xlsxWorkbook([
      {
        name: '附件2',
        rows: [[lists[1].title], header, [1, '党的建设', '党内统计工作', '托里县委组织部', '报送统计数据'], [NOTE]],
        merges: [],
      },
    ]);
    expect(() => parseSources([readWorkbook(bytes, 'short.xlsx')])).toThrow(
      'short.xlsx: sheet 附件2, row 2: header of 配合履责事项清单 should be 序号 | 事项类别 | 事项名称 | 对应上级部门 | 上级部门职责 | 乡镇（街道）配合职责, found 序号 | 事项类别 | 事项名称 | 对应上级部门 | 乡镇（街道）配合职责',
    );
  });
});
