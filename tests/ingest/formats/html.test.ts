import { describe, expect, it } from '@jest/globals';
import { readHtmlSource } from '../../../src/ingest/formats/html';
import { IngestError } from '../../../src/ingest/ingest-error';
import { parseSources } from '../../../src/ingest/parse';
import { ItemKind } from '../../../src/modules/common/enums';
import { readContent, seedContent } from '../../support/documents/same-as-seed';
import { NOTE, seedHtmlBytes, seedRows } from '../../support/documents/seed-html';
import { COOPERATIVE_HEADER } from '../documents';

const FILE = 'notice.html';
const seed = seedRows();

describe.each([
  { encoding: 'utf-8', declared: 'utf-8', titleAs: 'paragraph', read: 'UTF-8' },
  { encoding: 'utf-8', declared: undefined, titleAs: 'caption', read: 'UTF-8' },
  { encoding: 'gbk', declared: 'gb2312', titleAs: 'paragraph', read: 'GB18030' },
  { encoding: 'gbk', declared: undefined, titleAs: 'row', read: 'GB18030', twoHeaderRows: true },
] as const)('the seed as a page in $encoding, charset $declared, titles as $titleAs', (shape) => {
  const source = readHtmlSource(seedHtmlBytes({ ...shape }), FILE);

  it('says which encoding it read', () => {
    expect([source.format, source.encoding]).toEqual(['html', shape.read]);
  });

  it('gives each list its title and exactly the seed’s cells: 事项类别 filled down, no note, nothing empty after', () => {
    expect(source.tables.map((table) => table.title)).toEqual([
      '塔城地区托里县托里镇基本履职事项清单',
      '塔城地区托里县托里镇配合履责事项清单',
      '塔城地区托里县托里镇上级部门收回事项清单',
    ]);
    const rows = source.tables.flatMap((table) => table.rows.filter((row) => row.cells[0] !== '序号'));
    expect(rows.map((row) => row.cells)).toEqual(seed.rows.map((row) => row.cells.map((cell) => cell.trim())));
    expect(rows.filter((row) => row.cells.some((cell) => cell.includes(NOTE)))).toEqual([]);
  });

  it('reads the cooperative list’s header as one row of its six columns, one row or two in the page', () => {
    const headers = source.tables[1].rows.filter((row) => row.cells[0] === '序号');
    expect(headers.map((row) => row.cells)).toEqual([COOPERATIVE_HEADER.split('\t')]);
  });

  it('locates rows by list table (tables of the page’s layout are not counted) and row', () => {
    const [basic] = source.tables;
    const offset = shape.titleAs === 'row' ? 1 : 0;
    expect(basic.rows.slice(0, 2).map((row) => row.at)).toEqual([
      { label: `table 1, row ${1 + offset}`, line: 1 + offset },
      { label: `table 1, row ${2 + offset}`, line: 2 + offset },
    ]);
  });

  it('imports to exactly the text’s items, links, responsibilities and steps', () => {
    expect(readContent([source])).toEqual(seedContent());
  });
});

/** The message a page is refused with. */
function refusal(bytes: Buffer): string {
  try {
    parseSources([readHtmlSource(bytes, FILE)]);
  } catch (error) {
    if (error instanceof IngestError) return error.message;
    throw error;
  }
  throw new Error('the page was accepted');
}

describe('a bad page is refused with the file, the table and row, and the reason', () => {
  it('a table missing a column', () => {
    const bytes = seedHtmlBytes({ omit: { kind: ItemKind.COOPERATIVE, column: '上级部门职责' } });
    expect(refusal(bytes)).toBe(
      `${FILE}: table 2, row 1: header of 配合履责事项清单 should be 序号 | 事项类别 | 事项名称 | 对应上级部门 | 上级部门职责 | 乡镇（街道）配合职责, found 序号 | 事项类别 | 事项名称 | 对应上级部门 | 乡镇（街道）配合职责`,
    );
  });

  it('a list whose title names another town than its siblings, naming both', () => {
    const bytes = seedHtmlBytes({
      townOf: (kind) => (kind === ItemKind.RECLAIMED ? '塔城地区托里县铁厂沟镇' : '塔城地区托里县托里镇'),
    });
    expect(refusal(bytes)).toBe(
      `${FILE}: title of table 3: title names 塔城地区托里县铁厂沟镇, but the document is for 塔城地区托里县托里镇`,
    );
  });

  it('a page without one of the lists, at the end of the last', () => {
    const bytes = seedHtmlBytes({ kinds: [ItemKind.BASIC, ItemKind.COOPERATIVE] });
    const lastRow = seed.rows.filter((row) => row.kind === ItemKind.COOPERATIVE).length + 1;
    expect(refusal(bytes)).toBe(
      `${FILE}: table 2, row ${lastRow}: missing list 上级部门收回事项清单: a document holds all three lists`,
    );
  });

  it('a page in an encoding it does not read', () => {
    expect(refusal(seedHtmlBytes({ declared: 'big5' }))).toBe(
      `${FILE}: declares the encoding big5: only UTF-8 and GB2312/GBK/GB18030 are read; save it as UTF-8`,
    );
  });
});
