import { beforeAll, describe, expect, it } from '@jest/globals';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { readWordDocument } from '../../../src/ingest/formats/docx';
import type { SourceDocument } from '../../../src/ingest/formats/source-document';
import { parseSources } from '../../../src/ingest/parse';
import { readContent, seedContent } from '../../support/documents/same-as-seed';
import {
  passwordProtectedWorkbook,
  seedDocx,
  type WordLayout,
  xlsWorkbook,
} from '../../support/documents/seed-documents';
import { linesAsHtml, type SeedList, seedLists } from '../../support/documents/seed-lists';

const lists = seedLists();

function expectedRows(list: SeedList): string[][] {
  return [list.header, ...list.rows.map((row) => [String(row.number), ...row.cells.map(linesAsHtml)])];
}

describe.each(['one-file', 'file-per-list'] as WordLayout[])('the seed as .docx, %s', (layout) => {
  let documents: SourceDocument[];
  beforeAll(async () => {
    const files = await seedDocx(lists, layout);
    documents = files.map((file) => readWordDocument(file.bytes, file.name));
  });

  it('gives each list its heading as title and exactly its rows: 事项类别 merged down filled in, paragraphs as <br>', () => {
    const tables = documents.flatMap((document) => document.tables);
    expect(tables.map((table) => table.title)).toEqual(lists.map((list) => list.title));
    tables.forEach((table, index) => {
      expect(table.rows.map((row) => row.cells)).toEqual(expectedRows(lists[index]));
    });
  });

  it('imports to exactly the text’s items, links, responsibilities and steps', () => {
    expect(readContent(documents)).toEqual(seedContent());
  });
});

describe('where a Word document’s rows are', () => {
  it('names the table and its row', async () => {
    const [file] = await seedDocx(lists, 'one-file');
    const { tables } = readWordDocument(file.bytes, file.name);
    // Paragraphs: 附件1, title, (table 1), note, an empty one, 附件2, title.
    expect(tables[1].titleAt).toEqual({ label: 'title above table 2', line: 6 });
    expect(tables[1].rows[0].at).toEqual({ label: 'table 2, row 1', line: 1 });
    expect(tables[1].rows.at(-1)?.at.label).toBe(`table 2, row ${lists[1].rows.length + 1}`);
  });

  it('a cell merged across two columns and down two rows stands in all four places; line breaks are <br>', async () => {
    const cell = (text: string, span: { rowSpan?: number; columnSpan?: number } = {}) =>
      new TableCell({ ...span, children: [new Paragraph(text)] });
    const [town, list] = [lists[2].title.slice(0, 10), lists[2].title.slice(10)];
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun(town), new TextRun({ text: list, break: 1 })] }),
            new Table({
              rows: [
                new TableRow({ children: lists[2].header.map((name) => cell(name)) }),
                new TableRow({
                  children: [
                    cell('1'),
                    cell('民生服务', { rowSpan: 2, columnSpan: 2 }),
                    new TableCell({
                      children: [
                        new Paragraph({
                          children: [
                            new TextRun('托里县民政局 工作方式：'),
                            new TextRun({ text: '1. 登记', break: 1 }),
                          ],
                        }),
                      ],
                    }),
                  ],
                }),
                new TableRow({ children: [cell('2'), cell('托里县民政局 工作方式：审核')] }),
              ],
            }),
          ],
        },
      ],
    });
    const { tables } = readWordDocument(await Packer.toBuffer(document), 'merged.docx');
    expect(tables[0].title).toBe(`${town} ${list}`);
    expect(tables[0].rows.slice(1).map((row) => row.cells)).toEqual([
      ['1', '民生服务', '民生服务', '托里县民政局 工作方式：<br>1. 登记'],
      ['2', '民生服务', '民生服务', '托里县民政局 工作方式：审核'],
    ]);
  });
});

describe('a Word table that holds its own title and a header on two rows', () => {
  it('reads the title from the row across the table, and the two header rows as one', async () => {
    const cell = (text: string, span: { rowSpan?: number; columnSpan?: number } = {}) =>
      new TableCell({ ...span, children: [new Paragraph(text)] });
    const list = lists[1];
    const item = ['1', '党的建设', '党内统计工作', '托里县委组织部', '1. 组织审核汇总；', '1. 报送统计数据。'];
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph('附件2'),
            new Table({
              rows: [
                new TableRow({ children: [cell(list.title, { columnSpan: 6 })] }),
                new TableRow({
                  children: [
                    ...list.header.slice(0, 4).map((name) => cell(name, { rowSpan: 2 })),
                    cell('职责分工', { columnSpan: 2 }),
                  ],
                }),
                new TableRow({ children: list.header.slice(4).map((name) => cell(name)) }),
                new TableRow({ children: item.map((text) => cell(text)) }),
              ],
            }),
          ],
        },
      ],
    });
    const [table] = readWordDocument(await Packer.toBuffer(document), 'titled.docx').tables;
    expect({ title: table.title, at: table.titleAt.label }).toEqual({ title: list.title, at: 'table 1, row 1' });
    expect(table.rows.map((row) => [row.at.label, row.cells])).toEqual([
      ['table 1, row 2', list.header],
      ['table 1, row 4', item],
    ]);
  });
});

describe('documents the importer refuses, saying what to do', () => {
  it('a table missing a column, at its table and row', async () => {
    const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
    const table = (list: SeedList, drop: number) =>
      new Table({
        rows: expectedRows(list)
          .slice(0, 3)
          .map((cells) => new TableRow({ children: cells.filter((_, c) => c !== drop).map(cell) })),
      });
    const document = new Document({
      sections: [
        {
          children: lists.flatMap((list, index) => [new Paragraph(list.title), table(list, index === 2 ? 3 : -1)]),
        },
      ],
    });
    const bytes = await Packer.toBuffer(document);
    expect(() => parseSources([readWordDocument(bytes, 'short.docx')])).toThrow(
      'short.docx: table 3, row 1: header of 上级部门收回事项清单 should be 序号 | 事项类别 | 事项名称 | 承接部门及工作方式, found 序号 | 事项类别 | 事项名称',
    );
  });

  it('a Word 97-2003 .doc saved under a .docx name', async () => {
    // A compound file that is no encrypted package, as a .doc is (an .xls stands in for one).
    const doc = xlsWorkbook([{ name: 'Sheet1', rows: [['x']], merges: [] }]);
    expect(() => readWordDocument(doc, 'town.docx')).toThrow(
      'town.docx: a Word 97-2003 .doc is not supported yet: open it in Word or WPS and save it as .docx',
    );
  });

  it('a password-protected document, a PDF, a corrupt file', async () => {
    expect(() => readWordDocument(passwordProtectedWorkbook(), 'secret.docx')).toThrow(
      'secret.docx: the document is password-protected: save it without a password',
    );
    expect(() => readWordDocument(Buffer.from('%PDF-1.7\n'), 'town.docx')).toThrow(
      'town.docx: a PDF is not supported yet: save the document as .docx or .xlsx',
    );
    const [file] = await seedDocx(lists, 'one-file');
    expect(() => readWordDocument(file.bytes.subarray(0, 4000), 'cut.docx')).toThrow(
      /^cut\.docx: not a readable \.docx document/,
    );
  });
});
