/**
 * Shared by the import tests: the seed and edited copies of it, the counts the importer reports,
 * and SQL views of what the database holds.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, jest } from '@jest/globals';
import type { Knex } from '@mikro-orm/postgresql';
import { run } from '../../src/cli/commands';
import { type ChangeCounts, emptyDataset, type ImportReport } from '../../src/ingest/import';
import { type NormalizedDocument, normalizeDocument } from '../../src/ingest/normalize';
import { parseDocument } from '../../src/ingest/parse';
import { type TestDatabase, useDatabase } from '../support/test-database';

export const SEED = path.resolve(__dirname, '../../seeds/000_6f0578919a8dbf5e.txt');
export const SEED_TEXT = readFileSync(SEED, 'utf8');

/** Lines of the seed the tests edit or look at. */
export const SEED_LINE = {
  cooperativeTitle: 127,
  basic1: 6,
  basic2: 7,
  /** 职工医疗互助保障, whose only department, 托里县总工会, appears on no other row. */
  cooperative43: 200,
  /** The last row of the file: 对从事无照经营的处罚, reclaimed by 托里县市场监督管理局. */
  reclaimed40: 348,
} as const;

const TOWN_PREFIX = '塔城地区托里县托里镇';

/** Replaces the TAB-separated cells of one line; `undefined` drops the line. */
export function editLine(text: string, line: number, edit: (cells: string[]) => string[] | undefined): string {
  const lines = text.split('\n');
  const edited = edit(lines[line - 1].split('\t'));
  if (edited === undefined) lines.splice(line - 1, 1);
  else lines[line - 1] = edited.join('\t');
  return lines.join('\n');
}

/** Sets one cell (0-based column) of one line. */
export function setCell(text: string, line: number, column: number, value: string): string {
  return editLine(text, line, (cells) => cells.map((cell, index) => (index === column ? value : cell)));
}

/**
 * BASIC 1 reworded, most of its text kept: the same duty, renamed (duty-state.ts). Without
 * 新时代, which tests/hardening/caching.test.ts searches.
 */
const BASIC_1_NAME = SEED_TEXT.split('\n')[SEED_LINE.basic1 - 1].split('\t')[2];
export const RENAMED_BASIC_1 = BASIC_1_NAME.replace('开展党内集中教育', '开展主题教育').replaceAll('新时代', '');

/**
 * The seed as its town might correct it: BASIC 1 renamed, the last reclaimed row dropped, and
 * COOPERATIVE 43 given to 托里县医疗保障局 instead of 托里县总工会 (which is then on no row).
 */
export function correctedSeed(): string {
  let text = setCell(SEED_TEXT, SEED_LINE.basic1, 2, RENAMED_BASIC_1);
  text = setCell(text, SEED_LINE.cooperative43, 3, '托里县医疗保障局');
  return editLine(text, SEED_LINE.reclaimed40, () => undefined);
}

/** The seed with another town of the same county in its three titles. */
export function seedOfTown(name: string): string {
  return SEED_TEXT.replaceAll(TOWN_PREFIX, `塔城地区托里县${name}`);
}

/** Parses and normalises a text as the importer would read it from `file`. */
export function documentOf(text: string, file = SEED): NormalizedDocument {
  return normalizeDocument(parseDocument(text, file));
}

type Entity = keyof ImportReport['changes'];

/** Change counts; what is not given is 0. */
export function counts(partial: Partial<ChangeCounts>): ChangeCounts {
  return { created: 0, updated: 0, removed: 0, unchanged: 0, ...partial };
}

export const SEED_COUNTS: Record<Entity, number> = {
  towns: 1,
  categories: 21,
  departments: 40,
  items: 255,
  links: 217,
};

/** A report's changes made from each entity's count in the seed. */
function perEntity(make: (seedCount: number) => ChangeCounts): ImportReport['changes'] {
  return {
    towns: make(SEED_COUNTS.towns),
    categories: make(SEED_COUNTS.categories),
    departments: make(SEED_COUNTS.departments),
    items: make(SEED_COUNTS.items),
    links: make(SEED_COUNTS.links),
  };
}

/** Table counts of an empty database. */
export const NO_ROWS: Record<Entity, number> = { towns: 0, categories: 0, departments: 0, items: 0, links: 0 };

export const SEED_CREATED = perEntity((n) => counts({ created: n }));
export const SEED_UNCHANGED = perEntity((n) => counts({ unchanged: n }));

/** Rows per table, counted with SQL. */
export async function tableCounts(knex: Knex): Promise<Record<Entity, number>> {
  const { rows } = await knex.raw(`select
    (select count(*) from town)::int as towns,
    (select count(*) from category)::int as categories,
    (select count(*) from department)::int as departments,
    (select count(*) from item)::int as items,
    (select count(*) from link)::int as links`);
  return rows[0];
}

/** Links per relation, e.g. `{ SHARED: 166, RECLAIMED: 51 }`. */
export async function linksByRelation(knex: Knex): Promise<Record<string, number>> {
  const rows: { relation: string; count: number }[] = await knex('link')
    .select('relation')
    .count({ count: '*' })
    .groupBy('relation');
  return Object.fromEntries(rows.map((row) => [row.relation, Number(row.count)]));
}

/** The sorted ids of a table. */
export async function idsOf(knex: Knex, table: 'department' | 'category' | 'item'): Promise<string[]> {
  const rows: { id: string }[] = await knex(table).select('id').orderBy('id');
  return rows.map((row) => row.id);
}

/** Every row of one town's items and of their links, in id order: to show they were not touched. */
export async function townRows(knex: Knex, townId: string): Promise<{ items: unknown[]; links: unknown[] }> {
  const items = await knex('item').where('town_id', townId).orderBy('id');
  const links = await knex('link')
    .select('link.*')
    .join('item', 'item.id', 'link.item_id')
    .where('item.town_id', townId)
    .orderBy('link.id');
  return { items, links };
}

/** Every row of every table, in id order. */
export async function allRows(knex: Knex): Promise<Record<string, unknown[]>> {
  const tables = ['town', 'category', 'department', 'item', 'link'];
  const rows = await Promise.all(tables.map((table) => knex(table).orderBy('id')));
  return Object.fromEntries(tables.map((table, index) => [table, rows[index]]));
}

/** One item by its list and number, with the names of its departments in link order. */
export async function itemAt(
  knex: Knex,
  town: string,
  kind: string,
  number: number,
): Promise<{ id: string; name: string; departments: string[] } | undefined> {
  const item = await knex('item')
    .select('item.id', 'item.name')
    .join('town', 'town.id', 'item.town_id')
    .where({ 'town.name': town, kind, number })
    .first();
  if (!item) return undefined;
  const departments: { name: string }[] = await knex('link')
    .select('department.name')
    .join('department', 'department.id', 'link.department_id')
    .where('link.item_id', item.id)
    .orderBy('link.position');
  return { id: item.id, name: item.name, departments: departments.map((row) => row.name) };
}

/**
 * A migrated database of the calling test file's own, without rows, emptied again before each
 * test, dropped after the file; `connected` receives it once it exists.
 */
export function emptiedDatabase(connected: (database: TestDatabase, knex: Knex) => void): void {
  const database = useDatabase({ empty: true });
  beforeAll(() => {
    connected(database, database.orm.em.getKnex());
  });
  beforeEach(async () => {
    await emptyDataset(database.orm.em.getKnex());
  });
}

export type TemporaryFolder = Awaited<ReturnType<typeof temporaryFolder>>;

/**
 * What the CLI's import tests work with: a database emptied before each test (emptiedDatabase)
 * and a temporary folder for the documents they write, removed after the file's tests.
 */
export function importWorkspace(ready: (database: TestDatabase, knex: Knex, folder: TemporaryFolder) => void): void {
  let connected: [TestDatabase, Knex] | undefined;
  let folder: TemporaryFolder | undefined;
  emptiedDatabase((database, knex) => {
    connected = [database, knex];
  });
  beforeAll(async () => {
    folder = await temporaryFolder();
    if (connected) ready(...connected, folder);
  });
  afterAll(async () => {
    await folder?.remove();
  });
}

/** A temporary folder for documents written by a test file; `remove` deletes it. */
export async function temporaryFolder(): Promise<{
  write(name: string, content: string | Buffer): Promise<string>;
  remove(): Promise<void>;
}> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dutyhub-import-'));
  return {
    async write(name, content) {
      const file = path.join(dir, name);
      await writeFile(file, content);
      return file;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * The counts imports keep ahead (per town and over all towns), as kept and as counted afresh from
 * the items and links: equal when imports keep them right. Totals are the number of items (and of
 * links, for the departments' counts).
 */
async function countsKeptAhead(knex: Knex) {
  const ITEM_LINKS =
    '(select i.town_id, i.category_id, i.kind, l.department_id, l.relation from item i join link l on l.item_id = i.id) x';
  const tables = {
    itemCount: { kept: 'item_count', columns: 'town_id, category_id, kind::text', from: 'item' },
    departmentItemCount: {
      kept: 'department_item_count',
      columns: 'town_id, category_id, kind::text, department_id, relation::text',
      from: ITEM_LINKS,
    },
    itemTotal: { kept: 'item_total', columns: 'category_id, kind::text', from: 'item' },
    departmentItemTotal: {
      kept: 'department_item_total',
      columns: 'category_id, kind::text, department_id, relation::text',
      from: ITEM_LINKS,
    },
    // Items per two departments linked to them (the smaller id first) and their relations.
    departmentPairTotal: {
      kept: 'department_pair_total',
      columns: 'category_id, kind::text, source_id, target_id, source_relation::text, target_relation::text',
      from: `(select i.category_id, i.kind, a.department_id as source_id, b.department_id as target_id,
          a.relation as source_relation, b.relation as target_relation
        from item i join link a on a.item_id = i.id join link b on b.item_id = i.id and b.department_id > a.department_id) x`,
    },
    // The totals and the changes not folded yet, as a two-character search's count reads them.
    searchBigramCount: {
      kept: `(select bigram, category_id, kind, sum(items)::int as items from (
          select bigram, category_id, kind, items from search_bigram_total
          union all
          select e.bigram, c.categories[e.category], e.kind, e.items
          from search_bigram_change as c,
            unnest(c.bigrams, c.entry_categories, c.kinds, c.items) as e(bigram, category, kind, items)
        ) s group by 1, 2, 3 having sum(items) <> 0) as kept`,
      columns: 'bigram collate "C", category_id, kind::text',
      from: '(select b as bigram, category_id, kind from item, unnest(search_bigrams) as b) as x',
    },
  };
  const kept: Record<string, unknown[]> = {};
  const counted: Record<string, unknown[]> = {};
  const totals: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const order = `order by ${table.columns.replaceAll('::text', '')}`;
    kept[name] = (await knex.raw(`select ${table.columns}, items from ${table.kept} ${order}`)).rows;
    counted[name] = (
      await knex.raw(
        `select ${table.columns}, count(*)::int as items from ${table.from} group by ${table.columns.replaceAll('::text', '')} ${order}`,
      )
    ).rows;
    totals[name] = (kept[name] as { items: number }[]).reduce((sum, row) => sum + row.items, 0);
  }
  return { kept, counted, totals };
}

/**
 * The counts imports keep ahead equal those counted afresh, and sum to `items` items (and `links`
 * links, for the departments' counts), per town and over all towns.
 */
export async function expectCountsKeptAhead(knex: Knex, { items, links }: { items: number; links: number }) {
  const keptAhead = await countsKeptAhead(knex);
  expect(keptAhead.kept).toEqual(keptAhead.counted);
  // Each item counts once per bigram in the search counts, and once per pair of its departments
  // in the pairs' counts: their sums are no number of items.
  const { searchBigramCount: _, departmentPairTotal: __, ...totals } = keptAhead.totals;
  expect(totals).toEqual({
    itemCount: items,
    departmentItemCount: links,
    itemTotal: items,
    departmentItemTotal: links,
  });
}

/** Runs the CLI against `database`, capturing what it writes to stdout and stderr. */
export async function runCli(
  database: TestDatabase,
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: process.env.LOG_LEVEL };
  // pino's JSON logs go to file descriptor 2 directly; they are not part of what is asserted.
  Object.assign(process.env, { DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
  const output = { stdout: '', stderr: '' };
  const capture = (stream: 'stdout' | 'stderr') =>
    jest.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => {
      output[stream] += chunk.toString();
      return true;
    });
  const spies = [capture('stdout'), capture('stderr')];
  try {
    const code = await run(argv);
    return { code, ...output };
  } finally {
    for (const spy of spies) spy.mockRestore();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** The summary `import` prints for the seed into an empty database, its files read as `read` says. */
export function seedSummary(file: string, prefix = '', read = 'text, UTF-8'): string {
  return [
    `${prefix}${file}: 塔城地区托里县托里镇`,
    `  read         ${read}`,
    '  towns        created 1  updated 0  removed 0  unchanged 0',
    '  categories   created 21  updated 0  removed 0  unchanged 0',
    '  departments  created 40  updated 0  removed 0  unchanged 0',
    '  items        created 255  updated 0  removed 0  unchanged 0',
    '  links        created 217  updated 0  removed 0  unchanged 0',
    '  warnings     0',
    '',
  ].join('\n');
}

/** Every row of every table, without the items' provenance (file, row, raw cells): what a format must not change. */
export async function rowsWithoutProvenance(knex: Knex): Promise<Record<string, unknown[]>> {
  const rows = await allRows(knex);
  rows.item = rows.item.map((item) => {
    const { source_file: _file, source_line: _line, source_cells: _cells, ...rest } = item as Record<string, unknown>;
    return rest;
  });
  return rows;
}
