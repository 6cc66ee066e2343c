/**
 * The seed as workbooks and Word documents, imported by importFiles as `dutyhub import` does: the
 * same rows in the database as the text gives, whether the three lists are one file or three.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Knex } from '@mikro-orm/postgresql';
import { importFiles } from '../../src/ingest/import-files';
import { emptiedDatabase, NO_ROWS, rowsWithoutProvenance, SEED, tableCounts, temporaryFolder } from '../import/helpers';
import {
  type GeneratedFile,
  passwordProtectedWorkbook,
  seedDocx,
  seedXls,
  seedXlsx,
} from '../support/documents/seed-documents';
import { seedLists } from '../support/documents/seed-lists';

let knex: Knex;
let folder: Awaited<ReturnType<typeof temporaryFolder>>;

emptiedDatabase((_database, connectedKnex) => {
  knex = connectedKnex;
});
beforeAll(async () => {
  folder = await temporaryFolder();
});
afterAll(async () => {
  await folder.remove();
});

let textRows: Record<string, unknown[]>;

beforeAll(async () => {
  await importFiles(knex, [SEED]);
  textRows = await rowsWithoutProvenance(knex);
});

const lists = seedLists();

const documents: { name: string; files: () => Promise<GeneratedFile[]>; formats: string[]; basic1Line: number }[] = [
  {
    name: 'one .xlsx, a sheet per list, two header rows',
    files: () => seedXlsx(lists, 'sheet-per-list', { twoHeaderRows: true }),
    formats: ['xlsx'],
    basic1Line: 4,
  },
  {
    name: 'one .xls, all lists in one sheet, the header repeated',
    files: async () => seedXls(lists, 'one-sheet', { repeatHeaderEvery: 40 }),
    formats: ['xls'],
    basic1Line: 4,
  },
  {
    name: 'three .xlsx workbooks',
    files: () => seedXlsx(lists, 'workbook-per-list'),
    formats: ['xlsx', 'xlsx', 'xlsx'],
    basic1Line: 4,
  },
  { name: 'one .docx', files: () => seedDocx(lists, 'one-file'), formats: ['docx'], basic1Line: 2 },
  {
    name: 'three .docx documents',
    files: () => seedDocx(lists, 'file-per-list'),
    formats: ['docx', 'docx', 'docx'],
    basic1Line: 2,
  },
];

describe.each(documents)('the seed as $name', ({ files, formats, basic1Line }) => {
  it('imports to exactly the rows the text gives, one town, each item at its row', async () => {
    const paths = await Promise.all((await files()).map((file) => folder.write(file.name, file.bytes)));
    const reports = await importFiles(knex, paths);
    expect(reports.map((report) => report.read.map((read) => read.format))).toEqual([formats]);
    expect(await rowsWithoutProvenance(knex)).toEqual(textRows);
    const basic1 = await knex('item').select('source_file', 'source_line').where({ kind: 'BASIC', number: 1 }).first();
    // A town read from three files names all three as the source of each of its items.
    expect(basic1).toEqual({ source_file: paths.join(', '), source_line: basic1Line });
  });
});

describe('a workbook or Word document the importer cannot read stops the import, nothing written', () => {
  it.each([
    {
      name: 'secret.xlsx',
      bytes: passwordProtectedWorkbook,
      reason: 'the workbook is password-protected: save it without a password',
    },
    {
      name: 'old.docx',
      bytes: () => seedXls(lists, 'one-sheet')[0].bytes,
      reason: 'a Word 97-2003 .doc is not supported yet: open it in Word or WPS and save it as .docx',
    },
  ])('$name, beside the seed', async ({ name, bytes, reason }) => {
    const file = await folder.write(name, bytes());
    await expect(importFiles(knex, [SEED, file])).rejects.toThrow(`${file}: ${reason}`);
    expect(await tableCounts(knex)).toEqual(NO_ROWS);
  });
});
