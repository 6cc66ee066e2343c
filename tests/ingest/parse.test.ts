import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { readTextSource } from '../../src/ingest/formats/text';
import { IngestError } from '../../src/ingest/ingest-error';
import { type ParsedDocument, parseDocument, parseSources } from '../../src/ingest/parse';
import { ItemKind } from '../../src/modules/common/enums';
import {
  BASIC_HEADER,
  BASIC_ROW,
  BASIC_TITLE,
  basicList,
  COOPERATIVE_HEADER,
  COOPERATIVE_ROW,
  COOPERATIVE_TITLE,
  cooperativeList,
  documentText,
  RECLAIMED_HEADER,
  RECLAIMED_ROW,
  RECLAIMED_TITLE,
  reclaimedList,
  row,
} from './documents';

const FILE = 'town.txt';

/** All three lists, pages separated by blank lines, the header repeated after each page break. */
const VALID = documentText(
  BASIC_TITLE, // 1
  '', // 2
  BASIC_HEADER, // 3
  row(1, '党的建设', '加强党的建设'), // 4
  row(2, '民生服务', '开展养老服务'), // 5
  '', // 6
  BASIC_HEADER, // 7
  row(3, '综合政务', '档案管理工作'), // 8
  '', // 9
  COOPERATIVE_TITLE, // 10
  COOPERATIVE_HEADER, // 11
  row(1, '党的建设', '党内统计工作', '托里县委组织部', '<p>1. 组织审核汇总；</p>', '<p>1. 报送统计数据。</p>'), // 12
  '', // 13
  '', // 14
  COOPERATIVE_HEADER, // 15
  row(
    2,
    '市场监管',
    '打击传销工作',
    '托里县市场监督管理局、托里县公安局',
    '依法查处传销。',
    '1.开展宣传； 2.及时上报。',
  ), // 16
  '', // 17
  RECLAIMED_TITLE, // 18
  RECLAIMED_HEADER, // 19
  row(1, '民生服务', '收养登记', '托里县民政局 工作方式：县民政局负责收养登记。'), // 20
  row(2, '民生服务', '出具婚姻状况证明', '不再开展此项工作'), // 21
);

/** kind, number and line of each row, in document order. */
function outline(document: ParsedDocument): [ItemKind, number, number][] {
  return document.rows.map((parsed) => [parsed.kind, parsed.number, parsed.line]);
}

const VALID_OUTLINE: [ItemKind, number, number][] = [
  [ItemKind.BASIC, 1, 4],
  [ItemKind.BASIC, 2, 5],
  [ItemKind.BASIC, 3, 8],
  [ItemKind.COOPERATIVE, 1, 12],
  [ItemKind.COOPERATIVE, 2, 16],
  [ItemKind.RECLAIMED, 1, 20],
  [ItemKind.RECLAIMED, 2, 21],
];

/** The IngestError a document is rejected with. */
function rejection(input: string | Buffer, file = FILE): IngestError {
  try {
    parseDocument(input, file);
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
  throw new Error('the document was accepted');
}

function expectRejection(input: string | Buffer, line: number, reason: string): void {
  const error = rejection(input);
  expect(error.file).toBe(FILE);
  expect(error.line).toBe(line);
  expect(error.reason).toBe(reason);
  expect(error.message).toBe(`${FILE}:${line}: ${reason}`);
}

/** `text` as bytes, with every `东` written in GBK (B6 AB) instead of UTF-8. */
function gbkBytes(text: string): Buffer {
  const parts = text.split('东').map((part) => Buffer.from(part, 'utf8'));
  const gbk = Buffer.from([0xb6, 0xab]);
  return Buffer.concat(parts.flatMap((part, index) => (index === 0 ? [part] : [gbk, part])));
}

/** A file pieced together from UTF-8 and GBK: its first line, the title, is UTF-8 Chinese. */
const MIXED = 'not valid UTF-8 text, though line 1 is: a file holds one encoding (save it all as UTF-8)';

const crlf = (text: string): string => text.replace(/\n/g, '\r\n');

describe('parseDocument: a valid document', () => {
  it('names the town from the titles', () => {
    expect(parseDocument(VALID, FILE).town).toEqual({ prefecture: '塔城地区', county: '托里县', name: '托里镇' });
  });

  it('keeps the file name', () => {
    expect(parseDocument(VALID, 'docs/托里镇.txt').file).toBe('docs/托里镇.txt');
  });

  it('reads every row of the three lists with its own line, skipping titles, headers and blank lines', () => {
    expect(outline(parseDocument(VALID, FILE))).toEqual(VALID_OUTLINE);
  });

  it('keeps the raw cells of a row, HTML included', () => {
    const cooperative = parseDocument(VALID, FILE).rows[3];
    expect(cooperative.cells).toEqual([
      '1',
      '党的建设',
      '党内统计工作',
      '托里县委组织部',
      '<p>1. 组织审核汇总；</p>',
      '<p>1. 报送统计数据。</p>',
    ]);
  });

  it('gives basic rows 3 cells, cooperative rows 6 and reclaimed rows 4', () => {
    expect(parseDocument(VALID, FILE).rows.map((parsed) => parsed.cells.length)).toEqual([3, 3, 3, 6, 6, 4, 4]);
  });

  it('reads the same rows from bytes as from text', () => {
    expect(parseDocument(Buffer.from(VALID, 'utf8'), FILE)).toEqual(parseDocument(VALID, FILE));
  });

  it('reads a document that does not end with a line break', () => {
    expect(outline(parseDocument(VALID.trimEnd(), FILE))).toEqual(VALID_OUTLINE);
  });

  it('accepts the lists in any order', () => {
    const text = documentText(
      ...reclaimedList(RECLAIMED_ROW),
      ...basicList(BASIC_ROW),
      ...cooperativeList(COOPERATIVE_ROW),
    );
    expect(outline(parseDocument(text, FILE))).toEqual([
      [ItemKind.RECLAIMED, 1, 3],
      [ItemKind.BASIC, 1, 6],
      [ItemKind.COOPERATIVE, 1, 9],
    ]);
  });

  it('reads a title with white space in it', () => {
    const text = documentText(
      '塔城地区 托里县 托里镇基本履职事项清单',
      BASIC_HEADER,
      BASIC_ROW,
      ...cooperativeList(COOPERATIVE_ROW),
      ...reclaimedList(RECLAIMED_ROW),
    );
    expect(parseDocument(text, FILE).town).toEqual({ prefecture: '塔城地区', county: '托里县', name: '托里镇' });
  });

  it('reads the titles of a township (乡)', () => {
    const town = '塔城地区托里县乌雪特乡';
    const text = documentText(
      `${town}基本履职事项清单`,
      BASIC_HEADER,
      BASIC_ROW,
      `${town}配合履责事项清单`,
      COOPERATIVE_HEADER,
      COOPERATIVE_ROW,
      `${town}上级部门收回事项清单`,
      RECLAIMED_HEADER,
      RECLAIMED_ROW,
    );
    expect(parseDocument(text, FILE).town).toEqual({ prefecture: '塔城地区', county: '托里县', name: '乌雪特乡' });
  });

  it('reads the titles of a street office (街道办事处)', () => {
    const town = '塔城地区塔城市和平街道办事处';
    const text = documentText(
      `${town}基本履职事项清单`,
      BASIC_HEADER,
      BASIC_ROW,
      `${town}配合履责事项清单`,
      COOPERATIVE_HEADER,
      COOPERATIVE_ROW,
      `${town}上级部门收回事项清单`,
      RECLAIMED_HEADER,
      RECLAIMED_ROW,
    );
    expect(parseDocument(text, FILE).town).toEqual({
      prefecture: '塔城地区',
      county: '塔城市',
      name: '和平街道办事处',
    });
  });
});

describe('parseDocument: byte order mark and line ends', () => {
  it('drops a UTF-8 BOM at the start of bytes', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(VALID, 'utf8')]);
    const parsed = parseDocument(bytes, FILE);
    expect(parsed.town.prefecture).toBe('塔城地区');
    expect(outline(parsed)).toEqual(VALID_OUTLINE);
  });

  it('drops a BOM at the start of text', () => {
    const parsed = parseDocument(`\uFEFF${VALID}`, FILE);
    expect(parsed.town.prefecture).toBe('塔城地区');
    expect(outline(parsed)).toEqual(VALID_OUTLINE);
  });

  it('reads CRLF line ends as the same rows, on the same lines, as LF', () => {
    const parsed = parseDocument(crlf(VALID), FILE);
    expect(outline(parsed)).toEqual(VALID_OUTLINE);
    expect(parsed.rows).toEqual(parseDocument(VALID, FILE).rows);
  });

  it('reads a document saved in GBK as the same rows as its UTF-8 twin', () => {
    const gbk = iconv.encode(crlf(VALID), 'gbk');
    expect(gbk.includes(Buffer.from('托里镇'))).toBe(false);
    expect(parseDocument(gbk, FILE)).toEqual(parseDocument(VALID, FILE));
  });

  it('leaves no carriage return in the last cell of a CRLF row', () => {
    const parsed = parseDocument(Buffer.from(crlf(VALID), 'utf8'), FILE);
    expect(parsed.rows[6].cells[3]).toBe('不再开展此项工作');
  });

  it('reports a CRLF document at the same line as its LF twin', () => {
    const text = documentText(...basicList(BASIC_ROW, row(1, '党的建设', '重复的事项')));
    expect(rejection(text).line).toBe(4);
    expectRejection(crlf(text), 4, 'number 1 repeated (first at line 3)');
  });
});

describe('parseDocument: rejected rows', () => {
  it('rejects a row missing a column', () => {
    const text = documentText(...basicList(BASIC_ROW, row(2, '民生服务')), ...cooperativeList(COOPERATIVE_ROW));
    expectRejection(
      text,
      4,
      'missing column: 基本履职事项清单 rows have 3 columns (序号, 事项类别, 事项名称), found 2',
    );
  });

  it('rejects a cooperative row missing a column', () => {
    const text = documentText(
      ...basicList(BASIC_ROW),
      ...cooperativeList(row(1, '党的建设', '党内统计工作', '托里县委组织部', '组织审核汇总。')),
    );
    expectRejection(
      text,
      6,
      'missing column: 配合履责事项清单 rows have 6 columns (序号, 事项类别, 事项名称, 对应上级部门, 上级部门职责, 乡镇（街道）配合职责), found 5',
    );
  });

  it('reads a line holding only a number as a row short of columns, not as a title', () => {
    const text = documentText(...basicList(BASIC_ROW, '2'));
    expectRejection(
      text,
      4,
      'missing column: 基本履职事项清单 rows have 3 columns (序号, 事项类别, 事项名称), found 1',
    );
  });

  it('rejects a row with an extra column', () => {
    const text = documentText(
      ...basicList(BASIC_ROW),
      ...cooperativeList(COOPERATIVE_ROW),
      ...reclaimedList(row(1, '民生服务', '收养登记', '托里县民政局', '工作方式：县民政局负责收养登记。')),
    );
    expectRejection(
      text,
      9,
      'extra column: 上级部门收回事项清单 rows have 4 columns (序号, 事项类别, 事项名称, 承接部门及工作方式), found 5',
    );
  });

  it('rejects a number used twice and names the line of its first use', () => {
    const text = documentText(
      BASIC_TITLE, // 1
      BASIC_HEADER, // 2
      row(1, '党的建设', '加强党的建设'), // 3
      row(2, '民生服务', '开展养老服务'), // 4
      '', // 5
      BASIC_HEADER, // 6
      row(2, '综合政务', '档案管理工作'), // 7
    );
    expectRejection(text, 7, 'number 2 repeated (first at line 4)');
  });

  it('rejects a number that goes back to an earlier one', () => {
    const text = documentText(
      ...basicList(
        row(1, '党的建设', '甲'),
        row(2, '党的建设', '乙'),
        row(3, '党的建设', '丙'),
        row(1, '党的建设', '丁'),
      ),
    );
    expectRejection(text, 6, 'number 1 repeated (first at line 3)');
  });

  it('rejects a missing number', () => {
    const text = documentText(...basicList(row(1, '党的建设', '甲'), row(3, '党的建设', '丙')));
    expectRejection(text, 4, 'missing number 2 in 基本履职事项清单 (found 3)');
  });

  it('rejects a list that does not start at 1', () => {
    const text = documentText(...basicList(row(2, '党的建设', '乙')));
    expectRejection(text, 3, 'missing number 1 in 基本履职事项清单 (found 2)');
  });

  it('rejects a 序号 that is not a whole number', () => {
    const text = documentText(...basicList(row('一', '党的建设', '甲')));
    expectRejection(text, 3, '序号 "一" is not a whole number');
  });

  it('rejects a row without 事项名称', () => {
    const text = documentText(...basicList(row(1, '党的建设', ' ')));
    expectRejection(text, 3, 'empty 事项名称');
  });

  it('rejects a row without 事项类别', () => {
    const text = documentText(...basicList(row(1, '', '加强党的建设')));
    expectRejection(text, 3, 'empty 事项类别');
  });

  it('rejects a row between the title and the header', () => {
    const text = documentText(BASIC_TITLE, BASIC_ROW, BASIC_HEADER);
    expectRejection(text, 2, 'row before the header of 基本履职事项清单');
  });

  it('rejects a header of another list', () => {
    const text = documentText(BASIC_TITLE, COOPERATIVE_HEADER, BASIC_ROW);
    expectRejection(
      text,
      2,
      'header of 基本履职事项清单 should be 序号 | 事项类别 | 事项名称, found 序号 | 事项类别 | 事项名称 | 对应上级部门 | 上级部门职责 | 乡镇（街道）配合职责',
    );
  });
});

describe('parseDocument: rejected titles and lists', () => {
  it('rejects an unknown title', () => {
    const text = documentText(...basicList(BASIC_ROW), '塔城地区托里县托里镇配合履职事项清单', COOPERATIVE_HEADER);
    expectRejection(
      text,
      4,
      'unknown title "塔城地区托里县托里镇配合履职事项清单": expected <地区><县><镇> followed by one of …基本履职事项清单, …配合履责事项清单, …上级部门收回事项清单',
    );
  });

  it('rejects a title that names no town', () => {
    const text = documentText('基本履职事项清单', BASIC_HEADER, BASIC_ROW);
    expectRejection(
      text,
      1,
      'unknown title "基本履职事项清单": expected <地区><县><镇> followed by one of …基本履职事项清单, …配合履责事项清单, …上级部门收回事项清单',
    );
  });

  it('rejects an empty document', () => {
    expectRejection('', 1, 'empty document: no list title found');
  });

  it('rejects empty bytes', () => {
    expectRejection(Buffer.alloc(0), 1, 'empty document: no list title found');
  });

  it('rejects a document of blank lines', () => {
    expectRejection('\n  \n\t\n', 1, 'empty document: no list title found');
  });

  it('rejects GBK bytes among UTF-8 lines at the line that holds them', () => {
    const text = documentText(
      ...basicList(BASIC_ROW, row(2, '民生服务', '东城社区养老服务')), // the row is line 4
      ...cooperativeList(COOPERATIVE_ROW),
      ...reclaimedList(RECLAIMED_ROW),
    );
    expectRejection(gbkBytes(text), 4, MIXED);
  });

  it('rejects GBK bytes among UTF-8 lines at the same line with CRLF line ends', () => {
    const text = documentText(...basicList(BASIC_ROW), ...cooperativeList(COOPERATIVE_ROW), '', '东');
    expectRejection(gbkBytes(crlf(text)), 8, MIXED);
  });

  it('rejects GBK bytes among UTF-8 lines in the last line when it has no line break', () => {
    const text = `${documentText(...basicList(BASIC_ROW))}4\t民生服务\t东`;
    expectRejection(gbkBytes(text), 4, MIXED);
  });

  it('rejects a row before any title', () => {
    const text = documentText('', BASIC_HEADER, BASIC_ROW, BASIC_TITLE);
    expectRejection(text, 2, 'expected a list title (…清单) before any row');
  });

  it('rejects a numbered row before any title', () => {
    const text = documentText(BASIC_ROW, ...basicList(BASIC_ROW));
    expectRejection(text, 1, 'expected a list title (…清单) before any row');
  });

  it('rejects a title for another town in the middle of the document', () => {
    const text = documentText(
      ...basicList(BASIC_ROW),
      '塔城地区托里县铁厂沟镇配合履责事项清单', // 4
      COOPERATIVE_HEADER,
      COOPERATIVE_ROW,
    );
    expectRejection(text, 4, 'title names 塔城地区托里县铁厂沟镇, but the document is for 塔城地区托里县托里镇');
  });

  it('rejects a title for another county', () => {
    const text = documentText(...basicList(BASIC_ROW), '塔城地区额敏县托里镇配合履责事项清单');
    expectRejection(text, 4, 'title names 塔城地区额敏县托里镇, but the document is for 塔城地区托里县托里镇');
  });

  it('rejects a list that appears twice and names its first title', () => {
    const text = documentText(
      ...basicList(BASIC_ROW), // 1-3
      ...cooperativeList(COOPERATIVE_ROW), // 4-6
      ...basicList(BASIC_ROW), // 7-9
      ...reclaimedList(RECLAIMED_ROW),
    );
    expectRejection(text, 7, 'list 基本履职事项清单 appears twice (first at line 1)');
  });

  it('rejects a document missing one of the three lists, at its last line', () => {
    const text = documentText(...basicList(BASIC_ROW), ...cooperativeList(COOPERATIVE_ROW)); // 6 lines
    expectRejection(text, 6, 'missing list 上级部门收回事项清单: a document holds all three lists');
  });

  it('reports a missing list at the last line whether or not the file ends with a line break', () => {
    const text = [...basicList(BASIC_ROW), ...cooperativeList(COOPERATIVE_ROW)].join('\n');
    expectRejection(text, 6, 'missing list 上级部门收回事项清单: a document holds all three lists');
  });

  it('rejects a document holding only the basic list', () => {
    const text = documentText(...basicList(BASIC_ROW));
    expectRejection(text, 3, 'missing list 配合履责事项清单: a document holds all three lists');
  });

  it('rejects a list with no rows where the next list begins', () => {
    const text = documentText(
      BASIC_TITLE, // 1
      BASIC_HEADER, // 2
      '', // 3
      ...cooperativeList(COOPERATIVE_ROW), // 4-6
      ...reclaimedList(RECLAIMED_ROW),
    );
    expectRejection(text, 4, 'list 基本履职事项清单 has no rows');
  });

  it('rejects a last list with no rows at the end of the document', () => {
    const text = documentText(
      ...basicList(BASIC_ROW), // 1-3
      ...cooperativeList(COOPERATIVE_ROW), // 4-6
      RECLAIMED_TITLE, // 7
      RECLAIMED_HEADER, // 8
    );
    expectRejection(text, 8, 'list 上级部门收回事项清单 has no rows');
  });

  it('rejects a title with no header and no rows', () => {
    const text = documentText(BASIC_TITLE, ...cooperativeList(COOPERATIVE_ROW), ...reclaimedList(RECLAIMED_ROW));
    expectRejection(text, 2, 'list 基本履职事项清单 has no rows');
  });
});

describe('parseSources: a town’s lists in several files', () => {
  const source = (file: string, ...lines: string[]) => readTextSource(documentText(...lines), file);

  it('groups the lists of files by the town their titles name, in the order given', () => {
    const towns = parseSources([
      source('basic.txt', ...basicList(BASIC_ROW)),
      source('other.txt', ...basicList(BASIC_ROW).map((line) => line.replace('托里镇', '铁厂沟镇'))),
      source('rest.txt', ...cooperativeList(COOPERATIVE_ROW), ...reclaimedList(RECLAIMED_ROW)),
      source(
        'other-rest.txt',
        ...[...cooperativeList(COOPERATIVE_ROW), ...reclaimedList(RECLAIMED_ROW)].map((line) =>
          line.replace('托里镇', '铁厂沟镇'),
        ),
      ),
    ]);
    expect(towns.map((town) => [town.town.name, town.file, town.rows.map((parsed) => parsed.kind)])).toEqual([
      ['托里镇', 'basic.txt, rest.txt', [ItemKind.BASIC, ItemKind.COOPERATIVE, ItemKind.RECLAIMED]],
      ['铁厂沟镇', 'other.txt, other-rest.txt', [ItemKind.BASIC, ItemKind.COOPERATIVE, ItemKind.RECLAIMED]],
    ]);
  });

  function refusal(...sources: ReturnType<typeof source>[]): string {
    try {
      parseSources(sources);
    } catch (error) {
      if (error instanceof IngestError) return error.message;
      throw error;
    }
    throw new Error('the files were accepted');
  }

  it('refuses a list that two files hold, naming the first', () => {
    expect(
      refusal(
        source('a.txt', ...basicList(BASIC_ROW), ...cooperativeList(COOPERATIVE_ROW)),
        source('b.txt', ...basicList(BASIC_ROW), ...reclaimedList(RECLAIMED_ROW)),
      ),
    ).toBe('b.txt:1: list 基本履职事项清单 appears twice (first in a.txt, line 1)');
  });

  it('refuses a town whose files miss a list, naming the files', () => {
    expect(
      refusal(source('a.txt', ...basicList(BASIC_ROW)), source('b.txt', ...cooperativeList(COOPERATIVE_ROW))),
    ).toBe(
      'b.txt:3: missing list 上级部门收回事项清单 of 塔城地区托里县托里镇: the files imported together (a.txt, b.txt) hold its other lists',
    );
  });
});
