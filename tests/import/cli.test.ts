import { describe, expect, it } from '@jest/globals';
import type { Knex } from '@mikro-orm/postgresql';
import type { TestDatabase } from '../support/test-database';
import {
  editLine,
  importWorkspace,
  NO_ROWS,
  runCli,
  SEED,
  SEED_COUNTS,
  SEED_LINE,
  SEED_TEXT,
  seedSummary,
  setCell,
  type TemporaryFolder,
  tableCounts,
} from './helpers';

let database: TestDatabase;
let knex: Knex;
let folder: TemporaryFolder;
importWorkspace((connected, connectedKnex, temporary) => {
  [database, knex, folder] = [connected, connectedKnex, temporary];
});

/** Runs the CLI against the test database, capturing what it writes to stdout and stderr. */
const cli = (...argv: string[]) => runCli(database, ...argv);

describe('dutyhub import', () => {
  it('imports the seed and prints what it created', async () => {
    const result = await cli('import', SEED);
    expect(result).toEqual({ code: 0, stdout: seedSummary(SEED), stderr: '' });
    expect(await tableCounts(knex)).toEqual(SEED_COUNTS);
  });

  it('prints unchanged counts when the seed is imported again', async () => {
    await cli('import', SEED);
    const { code, stdout } = await cli('import', SEED);
    expect(code).toBe(0);
    expect(stdout).toContain('  items        created 0  updated 0  removed 0  unchanged 255\n');
    expect(stdout).toContain('  links        created 0  updated 0  removed 0  unchanged 217\n');
  });

  it('with --dry-run prints the same summary, marked, and writes nothing', async () => {
    const result = await cli('import', '--dry-run', SEED);
    expect(result).toEqual({ code: 0, stdout: seedSummary(SEED, '[dry run, nothing written] '), stderr: '' });
    expect(await tableCounts(knex)).toEqual(NO_ROWS);
  });

  it('accepts a document with a BOM and CRLF line ends', async () => {
    const file = await folder.write('crlf-bom.txt', `\uFEFF${SEED_TEXT.replaceAll('\n', '\r\n')}`);
    const result = await cli('import', file);
    expect(result).toEqual({ code: 0, stdout: seedSummary(file), stderr: '' });
    const basic1 = await knex('item').select('source_line', 'source_cells').where({ kind: 'BASIC', number: 1 }).first();
    expect(basic1?.source_line).toBe(SEED_LINE.basic1);
    expect(basic1?.source_cells.join('')).not.toMatch(/[\r\uFEFF]/);
  });

  it('without files prints the usage and exits with 2', async () => {
    const result = await cli('import');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^usage: dutyhub <command>\n/);
  });
});

/** `塔城地区托里县托里镇基本履职事项清单` encoded in GBK, as a document saved on a Chinese Windows would be. */
const GBK_TITLE = Buffer.from('cbfeb3c7b5d8c7f8cdd0c0efcfd8cdd0c0efd5f2bbf9b1bec2c4d6b0cac2cfeec7e5b5a5', 'hex');

describe('dutyhub import of a bad document beside the good seed', () => {
  const COOPERATIVE_COLUMNS = '序号, 事项类别, 事项名称, 对应上级部门, 上级部门职责, 乡镇（街道）配合职责';
  const BAD_DOCUMENTS: { name: string; content: () => string | Buffer; line: number; reason: string }[] = [
    {
      name: 'missing-column.txt',
      content: () => editLine(SEED_TEXT, SEED_LINE.cooperative43, (cells) => cells.slice(0, 5)),
      line: SEED_LINE.cooperative43,
      reason: `missing column: 配合履责事项清单 rows have 6 columns (${COOPERATIVE_COLUMNS}), found 5`,
    },
    {
      name: 'repeated-number.txt',
      content: () => setCell(SEED_TEXT, SEED_LINE.basic2, 0, '1'),
      line: SEED_LINE.basic2,
      reason: `number 1 repeated (first at line ${SEED_LINE.basic1})`,
    },
    {
      name: 'unknown-title.txt',
      content: () => setCell(SEED_TEXT, SEED_LINE.cooperativeTitle, 0, '塔城地区托里县托里镇配合事项清单'),
      line: SEED_LINE.cooperativeTitle,
      reason:
        'unknown title "塔城地区托里县托里镇配合事项清单": expected <地区><县><镇> followed by one of …基本履职事项清单, …配合履责事项清单, …上级部门收回事项清单',
    },
    { name: 'empty.txt', content: () => '', line: 1, reason: 'empty document: no list title found' },
    {
      name: 'gbk.txt',
      content: () => {
        const lines = SEED_TEXT.split('\n');
        const utf8 = (from: number, to?: number) => Buffer.from(lines.slice(from, to).join('\n'));
        // Line 3, the first title, in GBK; the lines around it in UTF-8 (line 5: the header).
        return Buffer.concat([utf8(0, 2), Buffer.from('\n'), GBK_TITLE, Buffer.from('\n'), utf8(3)]);
      },
      line: 3,
      reason: 'not valid UTF-8 text, though line 5 is: a file holds one encoding (save it all as UTF-8)',
    },
  ];

  it('has GBK bytes that really are the title in GBK', () => {
    expect(new TextDecoder('gbk').decode(GBK_TITLE)).toBe(SEED_TEXT.split('\n')[2]);
  });

  it.each(BAD_DOCUMENTS)('$name: names the file, line and reason, exits with 1, writes nothing', async (bad) => {
    const file = await folder.write(bad.name, bad.content());
    const result = await cli('import', SEED, file);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `error: ${file}:${bad.line}: ${bad.reason}\nnothing was written\n`,
    });
    expect(await tableCounts(knex)).toEqual(NO_ROWS);
  });
});

describe('dutyhub migrate', () => {
  it('says an up-to-date database is up to date', async () => {
    expect(await cli('migrate')).toEqual({ code: 0, stdout: 'the database is up to date\n', stderr: '' });
  });
});
