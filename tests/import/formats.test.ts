/**
 * The seed in every format the importer reads, through `dutyhub import`: the same rows in the
 * database as the text gives, whatever the format, encoding or number of files; formats not read
 * yet are refused with what to save them as, and nothing is written.
 */

import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Knex } from '@mikro-orm/postgresql';
import iconv from 'iconv-lite';
import { ItemKind } from '../../src/modules/common/enums';
import { seedHtmlBytes } from '../support/documents/seed-html';
import type { TestDatabase } from '../support/test-database';
import {
  importWorkspace,
  NO_ROWS,
  rowsWithoutProvenance,
  runCli,
  SEED,
  SEED_LINE,
  SEED_TEXT,
  seedSummary,
  type TemporaryFolder,
  tableCounts,
  temporaryFolder,
} from './helpers';

let database: TestDatabase;
let knex: Knex;
let folder: TemporaryFolder;
importWorkspace((connected, connectedKnex, temporary) => {
  [database, knex, folder] = [connected, connectedKnex, temporary];
});

const cli = (...argv: string[]) => runCli(database, ...argv);

let textRows: Record<string, unknown[]>;

beforeAll(async () => {
  // What the seed's text gives, to hold every other format to.
  const result = await cli('import', SEED);
  expect(result.code).toBe(0);
  textRows = await rowsWithoutProvenance(knex);
});

describe('dutyhub import reads the seed in every format to the text’s rows', () => {
  it('a GBK text file, saying it read GB18030', async () => {
    const file = await folder.write('gbk.txt', iconv.encode(SEED_TEXT.replaceAll('\n', '\r\n'), 'gbk'));
    const result = await cli('import', file);
    expect(result).toEqual({ code: 0, stdout: seedSummary(file, '', 'text, GB18030'), stderr: '' });
    expect(await rowsWithoutProvenance(knex)).toEqual(textRows);
  });

  it.each([
    { name: 'utf8.html', options: { declared: 'utf-8' }, read: 'html, UTF-8' },
    { name: 'gbk-declared.htm', options: { encoding: 'gbk', declared: 'gb2312' }, read: 'html, GB18030' },
    { name: 'gbk-undeclared.html', options: { encoding: 'gbk' }, read: 'html, GB18030' },
  ] as const)('a web page: $name, read as $read', async ({ name, options, read }) => {
    const file = await folder.write(name, seedHtmlBytes(options));
    const result = await cli('import', file);
    expect(result).toEqual({ code: 0, stdout: seedSummary(file, '', read), stderr: '' });
    expect(await rowsWithoutProvenance(knex)).toEqual(textRows);
    const basic1 = await knex('item').select('source_file', 'source_line').where({ kind: 'BASIC', number: 1 }).first();
    expect(basic1).toEqual({ source_file: file, source_line: 2 });
  });

  it('the three lists as three pages in a folder, grouped by the town their titles name', async () => {
    const kinds = [ItemKind.BASIC, ItemKind.COOPERATIVE, ItemKind.RECLAIMED];
    const three = await temporaryFolder();
    try {
      const files = await Promise.all(
        kinds.map((kind, index) => three.write(`${index + 1}.html`, seedHtmlBytes({ kinds: [kind] }))),
      );
      const result = await cli('import', path.dirname(files[0]));
      const read = files.map((file) => `${file} (html, UTF-8)`).join(', ');
      expect(result).toEqual({ code: 0, stdout: seedSummary(files.join(', '), '', read), stderr: '' });
    } finally {
      await three.remove();
    }
    expect(await rowsWithoutProvenance(knex)).toEqual(textRows);
  });
});

describe('dutyhub import groups a town’s lists across files of different formats', () => {
  it('the basic list as a GBK page and the other two as the seed’s text', async () => {
    const page = await folder.write('basic.html', seedHtmlBytes({ encoding: 'gbk', kinds: [ItemKind.BASIC] }));
    const lines = SEED_TEXT.split('\n');
    const rest = await folder.write('rest.txt', lines.slice(SEED_LINE.cooperativeTitle - 1).join('\n'));
    const result = await cli('import', page, rest);
    const read = `${page} (html, GB18030), ${rest} (text, UTF-8)`;
    expect(result).toEqual({ code: 0, stdout: seedSummary(`${page}, ${rest}`, '', read), stderr: '' });
    expect(await rowsWithoutProvenance(knex)).toEqual(textRows);
  });
});

describe('dutyhub import refuses a bad page beside the good seed, naming table and row, and writes nothing', () => {
  it.each([
    {
      name: 'missing-column.html',
      options: { omit: { kind: ItemKind.RECLAIMED, column: '承接部门及工作方式' } },
      reason:
        'table 3, row 1: header of 上级部门收回事项清单 should be 序号 | 事项类别 | 事项名称 | 承接部门及工作方式, found 序号 | 事项类别 | 事项名称',
    },
    {
      name: 'other-town.html',
      options: {
        townOf: (kind: ItemKind) => (kind === ItemKind.BASIC ? '塔城地区托里县托里镇' : '塔城地区托里县铁厂沟镇'),
      },
      reason: 'title of table 2: title names 塔城地区托里县铁厂沟镇, but the document is for 塔城地区托里县托里镇',
    },
  ])('$name', async ({ name, options, reason }) => {
    const file = await folder.write(name, seedHtmlBytes(options));
    const result = await cli('import', SEED, file);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `error: ${file}: ${reason}\nnothing was written\n` });
    expect(await tableCounts(knex)).toEqual(NO_ROWS);
  });
});

describe('dutyhub import refuses what it cannot read yet, and writes nothing', () => {
  it.each([
    {
      name: 'lists.doc',
      bytes: Buffer.from('d0cf11e0a1b11ae1000000', 'hex'),
      reason: 'not supported yet: a Word 97-2003 document (.doc); save it as .docx (Word) and import that',
    },
    {
      name: 'lists.pdf',
      bytes: Buffer.from('%PDF-1.7\n'),
      reason:
        "not supported yet: a PDF; save it as .docx (Word) or .xlsx (Excel), or the web page as .html, and import that (a PDF's tables cannot be read back reliably)",
    },
  ])('$name', async ({ name, bytes, reason }) => {
    const file = await folder.write(name, bytes);
    const result = await cli('import', SEED, file);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `error: ${file}: ${reason}\nnothing was written\n` });
    expect(await tableCounts(knex)).toEqual(NO_ROWS);
  });
});
