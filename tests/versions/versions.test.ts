/**
 * Versions of a town's lists: a revision is a new version reported exactly (townDiff, `diff`,
 * TownVersion.changes), continuing duties keep their ids, identical content makes no version and
 * writes no row, a document cut short is refused unless --allow-removals, and every version stays
 * answerable with the filter, order and paging rules of Town.items.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Knex } from '@mikro-orm/postgresql';
import { importFiles } from '../../src/ingest/import-files';
import { ItemKind } from '../../src/modules/common/enums';
import { stableId } from '../../src/modules/common/stable-id';
import { Department } from '../../src/modules/department/department.entity';
import { Item } from '../../src/modules/item/item.entity';
import { Town } from '../../src/modules/town/town.entity';
import { TownVersion } from '../../src/modules/version/town-version.entity';
import {
  expectCountsKeptAhead,
  runCli,
  SEED_LINE,
  SEED_TEXT,
  type TemporaryFolder,
  temporaryFolder,
} from '../import/helpers';
import { seedHtmlBytes } from '../support/documents/seed-html';
import { useHub } from '../support/hub';
import { COOPERATIVE_2_LINE, INSERTED_NAME, renamed, revisedSeed, seedName, truncated } from './revisions';

const hub = useHub({ empty: true });
const TOWN = Town.idFor('塔城地区', '托里县', '托里镇');
const UNION = Department.idFor('托里县总工会');
const basicId = (number: number) => Item.idFor(TOWN, ItemKind.BASIC, number);
const cooperativeId = (number: number) => Item.idFor(TOWN, ItemKind.COOPERATIVE, number);

let knex: Knex;
let folder: TemporaryFolder;

/** Town.items and TownVersion.items take the same arguments; each answer is compared whole. */
const PAGE = 'totalCount nodes { id kind number name category { name } } pageInfo { hasNextPage endCursor }';
const ITEM_QUERIES: { name: string; args: string }[] = [
  { name: 'the first page in the default order', args: 'first: 7' },
  {
    name: 'a kind by name, descending',
    args: 'filter: { kinds: [BASIC] }, orderBy: [{ field: NAME, direction: DESC }], first: 4',
  },
  { name: 'a search', args: 'filter: { search: "党建" }, first: 20' },
  { name: "a department's items", args: `filter: { departmentIds: ["${UNION}"] }, first: 5` },
  {
    name: 'or/not with a number order',
    args: 'filter: { or: [{ numbers: [5, 6, 10] }, { not: { kinds: [BASIC, COOPERATIVE] } }] }, orderBy: [{ field: NUMBER }, { field: KIND, direction: DESC }], first: 6',
  },
];

async function townItems(args: string) {
  const { data, errors } = await hub.query(`{ town(id: "${TOWN}") { items(${args}) { ${PAGE} } } }`);
  expect(errors).toBeUndefined();
  return data?.town.items;
}

async function versionItems(number: number, args: string) {
  const { data, errors } = await hub.query(
    `{ town(id: "${TOWN}") { version(number: ${number}) { items(${args}) { ${PAGE} } } } }`,
  );
  expect(errors).toBeUndefined();
  return data?.town.version.items;
}

/** What Town.items answered for each query, with the page after each first page. */
const beforeRevision = new Map<string, unknown>();

async function answers(read: (args: string) => Promise<any>): Promise<Map<string, unknown>> {
  const found = new Map<string, unknown>();
  for (const query of ITEM_QUERIES) {
    const first = await read(query.args);
    found.set(query.name, first);
    if (first.pageInfo.hasNextPage) {
      found.set(`${query.name}, next page`, await read(`${query.args}, after: "${first.pageInfo.endCursor}"`));
    }
  }
  return found;
}

/** Every row's transaction id, per table: equal when no row was written. */
async function rowVersions(): Promise<unknown[]> {
  const tables = ['town', 'category', 'department', 'item', 'link', 'town_version', 'item_history', 'link_history'];
  return Promise.all(tables.map(async (table) => (await knex.raw(`select xmin::text from ${table} order by 1`)).rows));
}

let ids: Record<string, string>;

beforeAll(async () => {
  knex = hub.database.orm.em.getKnex();
  folder = await temporaryFolder();
  await importFiles(knex, [await folder.write('托里镇.txt', SEED_TEXT)], { effectiveDate: '2024-03-01' });
  for (const [name, answer] of await answers(townItems)) beforeRevision.set(name, answer);
  const before: { id: string; kind: string; number: number }[] = await knex('item').select('id', 'kind', 'number');
  ids = Object.fromEntries(before.map((row) => [`${row.kind} ${row.number}`, row.id]));
});

afterAll(async () => {
  await folder.remove();
});

describe('identical content from another file name or format', () => {
  it('makes no version and writes no row', async () => {
    const rows = await rowVersions();
    const generation = await knex('dataset_generation').first();
    const [report] = await importFiles(knex, [await folder.write('notice.html', seedHtmlBytes({ declared: 'utf-8' }))]);
    expect(report.changes.items).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 255 });
    expect(report.changes.links).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 217 });
    expect(await rowVersions()).toEqual(rows);
    expect(await knex('dataset_generation').first()).toEqual(generation);
    expect(await knex('town_version').select('number')).toEqual([{ number: 1 }]);
  });
});

describe('a revision that drops, inserts, renames and moves duties', () => {
  beforeAll(async () => {
    await importFiles(knex, [await folder.write('托里镇-修订.txt', revisedSeed())]);
  });

  it('is version 2, reported exactly by townDiff', async () => {
    const { data, errors } = await hub.query(`{ townDiff(town: "${TOWN}", from: 1, to: 2) {
      added { kind itemId before { number } after { number name } fields }
      removed { kind itemId before { number name } after { number } fields }
      changed { kind itemId before { number name departments } after { number name departments } fields } } }`);
    expect(errors).toBeUndefined();
    const all = [
      'number',
      'name',
      'category',
      'departments',
      'responsibilities',
      'townResponsibilities',
      'workingMethod',
      'discontinued',
    ];
    const inserted = stableId('Item', TOWN, ItemKind.BASIC, 5, 'version 2');
    expect(data?.townDiff).toEqual({
      added: [
        { kind: 'BASIC', itemId: inserted, before: null, after: { number: 5, name: INSERTED_NAME }, fields: all },
      ],
      removed: [
        { kind: 'BASIC', itemId: basicId(10), before: { number: 10, name: seedName(15) }, after: null, fields: all },
      ],
      changed: [
        ...[5, 6, 7, 8, 9].map((number) => ({
          kind: 'BASIC',
          itemId: basicId(number),
          before: { number, name: seedName(number + 5), departments: [] },
          after: { number: number + 1, name: seedName(number + 5), departments: [] },
          fields: ['number'],
        })),
        {
          kind: 'COOPERATIVE',
          itemId: cooperativeId(2),
          before: { number: 2, name: seedName(COOPERATIVE_2_LINE), departments: expect.any(Array) },
          after: { number: 2, name: renamed(seedName(COOPERATIVE_2_LINE)), departments: expect.any(Array) },
          fields: ['name'],
        },
        {
          kind: 'COOPERATIVE',
          itemId: cooperativeId(43),
          before: { number: 43, name: seedName(SEED_LINE.cooperative43), departments: ['托里县总工会'] },
          after: { number: 43, name: seedName(SEED_LINE.cooperative43), departments: ['托里县医疗保障局'] },
          fields: ['departments'],
        },
      ],
    });
    expect(renamed(seedName(COOPERATIVE_2_LINE))).not.toBe(seedName(COOPERATIVE_2_LINE));
  });

  it('keeps the id of every continuing duty', async () => {
    const after: { id: string; kind: string; number: number }[] = await knex('item').select('id', 'kind', 'number');
    const moved = (row: { kind: string; number: number }) =>
      row.kind === 'BASIC' && row.number >= 6 && row.number <= 10
        ? `BASIC ${row.number - 1}`
        : `${row.kind} ${row.number}`;
    const changedIds = after.filter((row) => row.id !== ids[moved(row)]);
    expect(changedIds).toEqual([
      { id: stableId('Item', TOWN, ItemKind.BASIC, 5, 'version 2'), kind: 'BASIC', number: 5 },
    ]);
  });

  it('lists versions newest first with counts and changes, version 1 as it was', async () => {
    const { data, errors } = await hub.query(`{ town(id: "${TOWN}") { versions {
      id number current effectiveDate sources { name format bytes }
      counts { basic cooperative reclaimed links }
      changes { added { itemId } removed { itemId } changed { itemId } } } } }`);
    expect(errors).toBeUndefined();
    const [v2, v1] = data?.town.versions ?? [];
    expect(v2).toMatchObject({
      id: TownVersion.idFor(TOWN, 2),
      number: 2,
      current: true,
      effectiveDate: null,
      sources: [{ name: '托里镇-修订.txt', format: 'TEXT', bytes: Buffer.byteLength(revisedSeed()) }],
      counts: { basic: 104, cooperative: 111, reclaimed: 40, links: 217 },
    });
    expect([v2.changes.added.length, v2.changes.removed.length, v2.changes.changed.length]).toEqual([1, 1, 7]);
    expect(v1).toMatchObject({
      id: TownVersion.idFor(TOWN, 1),
      number: 1,
      current: false,
      effectiveDate: '2024-03-01',
      sources: [{ name: '托里镇.txt', format: 'TEXT', bytes: Buffer.byteLength(SEED_TEXT) }],
      counts: { basic: 104, cooperative: 111, reclaimed: 40, links: 217 },
    });
    expect([v1.changes.added.length, v1.changes.removed.length, v1.changes.changed.length]).toEqual([255, 0, 0]);
  });

  it('answers version(1).items exactly as Town.items answered before the revision', async () => {
    const now = await answers((args) => versionItems(1, args));
    expect(now).toEqual(beforeRevision);
    // And the revision did change what the current version answers.
    expect(await townItems(ITEM_QUERIES[3].args)).not.toEqual(beforeRevision.get(ITEM_QUERIES[3].name));
  });

  it('answers the current version as Town.items does', async () => {
    expect(await answers((args) => versionItems(2, args))).toEqual(await answers(townItems));
  });

  it("gives an earlier version's items the links they had then", async () => {
    const query = (number: number) => `{ town(id: "${TOWN}") { version(number: ${number}) {
      items(filter: { kinds: [COOPERATIVE], numbers: [42, 43] }) { nodes { id number links { relation department { name } } departments { name } } } } } }`;
    const [v1, v2] = await Promise.all([hub.query(query(1)), hub.query(query(2))]);
    const departments = (reply: any) =>
      reply.data.town.version.items.nodes.map((item: any) => [
        item.number,
        item.links.map((link: any) => `${link.relation} ${link.department.name}`),
        item.departments.map((department: any) => department.name),
      ]);
    const cooperative42 = departments(v2)[0];
    expect(departments(v1)).toEqual([cooperative42, [43, ['SHARED 托里县总工会'], ['托里县总工会']]]);
    expect(departments(v2)).toEqual([cooperative42, [43, ['SHARED 托里县医疗保障局'], ['托里县医疗保障局']]]);
  });

  it('keeps the counts right', async () => {
    await expectCountsKeptAhead(knex, { items: 255, links: 217 });
    const { data } = await hub.query(`{ town(id: "${TOWN}") { items(filter: { kinds: [BASIC] }) { totalCount } } }`);
    expect(data?.town.items.totalCount).toBe(104);
  });

  it("tells a duty's history, oldest first", async () => {
    const { data, errors } = await hub.query(
      `{ item(id: "${basicId(5)}") { number history { itemId before { number } after { number } fields } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data?.item).toEqual({
      number: 6,
      history: [
        { itemId: basicId(5), before: null, after: { number: 5 }, fields: expect.arrayContaining(['number', 'name']) },
        { itemId: basicId(5), before: { number: 5 }, after: { number: 6 }, fields: ['number'] },
      ],
    });
  });

  it('is printed by `diff`, in text and as JSON', async () => {
    const text = await runCli(hub.database, 'diff', '托里镇', '1', '2');
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')).toEqual([
      '塔城地区托里县托里镇: version 1 → 2: 1 added, 1 removed, 7 changed',
      'added',
      `  + BASIC 5 ${INSERTED_NAME}`,
      'removed',
      `  - BASIC 10 ${seedName(15)}`,
      'changed',
      ...[5, 6, 7, 8, 9].map((number) => `  ~ BASIC ${number} → ${number + 1} ${seedName(number + 5)}  (number)`),
      `  ~ COOPERATIVE 2 ${renamed(seedName(COOPERATIVE_2_LINE))}  (name)`,
      `      name: ${seedName(COOPERATIVE_2_LINE)} → ${renamed(seedName(COOPERATIVE_2_LINE))}`,
      `  ~ COOPERATIVE 43 ${seedName(SEED_LINE.cooperative43)}  (departments)`,
      '      departments: 托里县总工会 → 托里县医疗保障局',
      '',
    ]);
    const json = await runCli(hub.database, 'diff', '托里县托里镇', '1', '2', '--format', 'json');
    expect(json.code).toBe(0);
    const { data } = await hub.query(`{ townDiff(town: "${TOWN}", from: 1, to: 2) {
      added { kind itemId before { number } after { number name category departments townResponsibilities workingMethod discontinued } fields }
      removed { kind itemId before { number name category departments townResponsibilities workingMethod discontinued } after { number } fields }
      changed { kind itemId before { number name category departments townResponsibilities workingMethod discontinued } after { number name category departments townResponsibilities workingMethod discontinued } fields } } }`);
    expect(JSON.parse(json.stdout)).toEqual(data?.townDiff);
  });

  it('refuses an unknown version', async () => {
    expect(await hub.errorsOf(`{ townDiff(town: "${TOWN}", from: 1, to: 3) { added { itemId } } }`)).toEqual([
      ['BAD_USER_INPUT', '托里镇 has no version 3 (it has 2)'],
    ]);
  });

  it('makes no version when imported again under another name', async () => {
    const rows = await rowVersions();
    await importFiles(knex, [await folder.write('again.txt', revisedSeed().replaceAll('\n', '\r\n'))]);
    expect(await rowVersions()).toEqual(rows);
  });
});

describe('a document cut short in its last list', () => {
  const cut = truncated(revisedSeed(), 10);

  it('is refused without --allow-removals, naming the count and a few items, nothing written', async () => {
    const file = await folder.write('cut.txt', cut);
    const rows = await rowVersions();
    const result = await runCli(hub.database, 'import', file);
    expect(result.code).toBe(1);
    const names = [
      'RECLAIMED 11 农产品质量安全事故处理',
      'RECLAIMED 12 对在动物防疫工作、相关科学研究、动物疫情扑灭中做出贡献的单位和个人的奖励',
      'RECLAIMED 13 地名信息数据核查',
    ];
    expect(result.stderr).toBe(
      `error: ${file}: would remove 30 of the town's 255 items, the RECLAIMED list ending at 10 instead of 40 (${names.join('; ')}; …); nothing written: import with --allow-removals if the document means it\nnothing was written\n`,
    );
    expect(await rowVersions()).toEqual(rows);
  });

  it('is refused when only a few rows are gone, under a tenth of the items', async () => {
    // Cut after RECLAIMED 32: 8 of 255 items (3%) and their links would go.
    const file = await folder.write('cut.txt', truncated(revisedSeed(), 32));
    const rows = await rowVersions();
    const links = await hub.database.orm.em.getKnex()('link').count({ count: '*' });
    const result = await runCli(hub.database, 'import', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: ${file}: would remove 8 of the town's 255 items, the RECLAIMED list ending at 32 instead of 40 (RECLAIMED 33 社会抚养费征收; RECLAIMED 34 办理《流动人口婚育证明》; RECLAIMED 35 再生育审批; …); nothing written: import with --allow-removals if the document means it\nnothing was written\n`,
    );
    expect(await rowVersions()).toEqual(rows);
    expect(await hub.database.orm.em.getKnex()('link').count({ count: '*' })).toEqual(links);
  });

  it('is version 3 with --allow-removals; versions 1 and 2 stay answerable', async () => {
    const file = await folder.write('cut.txt', cut);
    const result = await runCli(hub.database, 'import', '--allow-removals', file);
    expect(result.code).toBe(0);
    const { data } = await hub.query(`{ town(id: "${TOWN}") {
      items { totalCount }
      versions { number counts { reclaimed } items { totalCount } changes { removed { itemId } } } } }`);
    expect(data?.town.items.totalCount).toBe(225);
    expect(
      data?.town.versions.map((v: any) => [v.number, v.counts.reclaimed, v.items.totalCount, v.changes.removed.length]),
    ).toEqual([
      [3, 10, 225, 30],
      [2, 40, 255, 1],
      [1, 40, 255, 0],
    ]);
    expect(await answers((args) => versionItems(1, args))).toEqual(beforeRevision);
    await expectCountsKeptAhead(knex, { items: 225, links: 175 });
  });

  it('is listed by `history`', async () => {
    const result = await runCli(hub.database, 'history', '托里镇');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').filter((line) => !line.includes('imported'));
    expect(lines).toEqual([
      '塔城地区托里县托里镇: 3 versions',
      '    items    basic 104  cooperative 111  reclaimed 10  links 175',
      '    changes  added 0  removed 30  changed 0',
      `    sources  cut.txt (TEXT, ${Buffer.byteLength(cut)} bytes)`,
      '    items    basic 104  cooperative 111  reclaimed 40  links 217',
      '    changes  added 1  removed 1  changed 7',
      `    sources  托里镇-修订.txt (TEXT, ${Buffer.byteLength(revisedSeed())} bytes)`,
      '    items    basic 104  cooperative 111  reclaimed 40  links 217',
      '    changes  added 255  removed 0  changed 0',
      `    sources  托里镇.txt (TEXT, ${Buffer.byteLength(SEED_TEXT)} bytes)`,
      '',
    ]);
  });
});
