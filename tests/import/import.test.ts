import { describe, expect, it } from '@jest/globals';
import type { Knex } from '@mikro-orm/postgresql';
import { importDocument } from '../../src/ingest/import';
import { importFiles } from '../../src/ingest/import-files';
import {
  allRows,
  correctedSeed,
  counts,
  documentOf,
  emptiedDatabase,
  expectCountsKeptAhead,
  idsOf,
  itemAt,
  linksByRelation,
  NO_ROWS,
  RENAMED_BASIC_1,
  SEED,
  SEED_COUNTS,
  SEED_CREATED,
  SEED_LINE,
  SEED_TEXT,
  SEED_UNCHANGED,
  seedOfTown,
  tableCounts,
  townRows,
} from './helpers';

let knex: Knex;
emptiedDatabase((_, connected) => {
  knex = connected;
});

async function importSeed() {
  const [report] = await importFiles(knex, [SEED]);
  return report;
}

/** What the corrected seed changes: two items updated, one removed with its link, one link moved. */
const CORRECTED_CHANGES = {
  towns: counts({ unchanged: 1 }),
  categories: counts({ unchanged: 21 }),
  // 托里县总工会 is on no row now, but version 1 keeps it (its links in link_history).
  departments: counts({ unchanged: 39 }),
  items: counts({ updated: 2, removed: 1, unchanged: 252 }),
  links: counts({ created: 1, removed: 2, unchanged: 215 }),
};

describe('importing the seed into an empty database', () => {
  it('reports 1 town, 21 categories, 40 departments, 255 items and 217 links created, and no warnings', async () => {
    const report = await importSeed();
    expect(report).toEqual({
      file: SEED,
      town: { id: expect.any(String), name: '托里镇', county: '托里县', prefecture: '塔城地区' },
      dryRun: false,
      changes: SEED_CREATED,
      warnings: [],
      read: [{ file: SEED, format: 'text', encoding: 'UTF-8' }],
    });
  });

  it('writes exactly those rows: 166 SHARED and 51 RECLAIMED links, 1 discontinued item', async () => {
    await importSeed();
    expect(await tableCounts(knex)).toEqual(SEED_COUNTS);
    expect(await linksByRelation(knex)).toEqual({ SHARED: 166, RECLAIMED: 51 });
    const discontinued = await knex('item').select('kind', 'number').where('discontinued', true);
    expect(discontinued).toEqual([{ kind: 'RECLAIMED', number: 5 }]);
  });

  it('keeps where each item came from: file, line and raw cells', async () => {
    await importSeed();
    const provenance = (kind: string, number: number) =>
      knex('item').select('source_file', 'source_line', 'source_cells').where({ kind, number }).first();

    expect(await provenance('BASIC', 1)).toEqual({
      source_file: SEED,
      source_line: SEED_LINE.basic1,
      source_cells: SEED_TEXT.split('\n')[SEED_LINE.basic1 - 1].split('\t'),
    });
    const cooperative = await provenance('COOPERATIVE', 43);
    expect(cooperative?.source_line).toBe(SEED_LINE.cooperative43);
    expect(cooperative?.source_cells).toHaveLength(6);
    expect(cooperative?.source_cells[4]).toMatch(
      /^<ol style="list-style-type: none"> 组织开展在职职工医疗互助保障活动/,
    );
  });
});

describe('importing the same document again', () => {
  it('reports everything unchanged and keeps the ids of every item and department', async () => {
    await importSeed();
    const before = { items: await idsOf(knex, 'item'), departments: await idsOf(knex, 'department') };

    const again = await importSeed();

    expect(again.changes).toEqual(SEED_UNCHANGED);
    expect(again.warnings).toEqual([]);
    expect({ items: await idsOf(knex, 'item'), departments: await idsOf(knex, 'department') }).toEqual(before);
    expect(await tableCounts(knex)).toEqual(SEED_COUNTS);
  });
});

describe('a corrected document of the same town', () => {
  it('updates a renamed item in place, removes a dropped item with its link, keeps the department version 1 names', async () => {
    await importSeed();
    const basic1 = await itemAt(knex, '托里镇', 'BASIC', 1);
    expect(await itemAt(knex, '托里镇', 'COOPERATIVE', 43)).toMatchObject({ departments: ['托里县总工会'] });

    const report = await importDocument(knex, documentOf(correctedSeed()));

    expect(report.changes).toEqual(CORRECTED_CHANGES);
    expect(report.warnings).toEqual([]);
    expect(await itemAt(knex, '托里镇', 'BASIC', 1)).toEqual({ ...basic1, name: RENAMED_BASIC_1 });
    expect(await itemAt(knex, '托里镇', 'COOPERATIVE', 43)).toMatchObject({ departments: ['托里县医疗保障局'] });
    expect(await itemAt(knex, '托里镇', 'RECLAIMED', 40)).toBeUndefined();
    expect(await knex('department').where('name', '托里县总工会')).toHaveLength(1);
    expect(await tableCounts(knex)).toEqual({ towns: 1, categories: 21, departments: 40, items: 254, links: 216 });
    expect(await linksByRelation(knex)).toEqual({ SHARED: 166, RECLAIMED: 50 });
    await expectCountsKeptAhead(knex, { items: 254, links: 216 });
  });

  it('goes back to the seed by the same counts the other way', async () => {
    await importSeed();
    await importDocument(knex, documentOf(correctedSeed()));

    const report = await importSeed();

    expect(report.changes).toEqual({
      ...CORRECTED_CHANGES,
      departments: counts({ unchanged: 40 }),
      items: counts({ created: 1, updated: 2, unchanged: 252 }),
      links: counts({ created: 2, removed: 1, unchanged: 215 }),
    });
    expect(await tableCounts(knex)).toEqual(SEED_COUNTS);
  });
});

describe('a second town of the same county', () => {
  const OTHER = '铁厂沟镇';
  const otherDocument = () => documentOf(seedOfTown(OTHER), 'tiechanggou.txt');

  it('shares the departments and categories of the first: none is created twice', async () => {
    await importSeed();
    const departments = await idsOf(knex, 'department');
    const categories = await idsOf(knex, 'category');

    const report = await importDocument(knex, otherDocument());

    expect(report.town).toMatchObject({ name: OTHER, county: '托里县', prefecture: '塔城地区' });
    expect(report.changes).toEqual({
      towns: counts({ created: 1 }),
      categories: counts({ unchanged: 21 }),
      departments: counts({ unchanged: 40 }),
      items: counts({ created: 255 }),
      links: counts({ created: 217 }),
    });
    expect(await idsOf(knex, 'department')).toEqual(departments);
    expect(await idsOf(knex, 'category')).toEqual(categories);
    expect(await tableCounts(knex)).toEqual({ towns: 2, categories: 21, departments: 40, items: 510, links: 434 });
  });

  it('adds the aliases it names to the shared department, which a later import of the first keeps', async () => {
    await importSeed();
    const withAlias = seedOfTown(OTHER).replace(
      '托里县纪律检查委员会（托里县监察委员会）',
      '托里县纪律检查委员会（托里县纪委）',
    );
    const aliasesOf = async () =>
      (await knex('department').where('name', '托里县纪律检查委员会').select('aliases'))[0]?.aliases;

    const report = await importDocument(knex, documentOf(withAlias, 'tiechanggou.txt'));

    expect(report.changes.departments).toEqual(counts({ updated: 1, unchanged: 39 }));
    expect(await aliasesOf()).toEqual(['托里县监察委员会', '托里县纪委']);
    expect((await importSeed()).changes.departments).toEqual(counts({ unchanged: 40 }));
    expect(await aliasesOf()).toEqual(['托里县监察委员会', '托里县纪委']);
  });

  it('is not touched when the first town is imported again or corrected', async () => {
    await importSeed();
    const other = await importDocument(knex, otherDocument());
    const otherRows = await townRows(knex, other.town.id);

    expect((await importSeed()).changes).toEqual(SEED_UNCHANGED);
    const corrected = await importDocument(knex, documentOf(correctedSeed()));

    // 托里县总工会 is still on the second town's row: it stays.
    expect(corrected.changes).toEqual({ ...CORRECTED_CHANGES, departments: counts({ unchanged: 39 }) });
    expect(await townRows(knex, other.town.id)).toEqual(otherRows);
    expect(await itemAt(knex, OTHER, 'COOPERATIVE', 43)).toMatchObject({ departments: ['托里县总工会'] });
    expect(await tableCounts(knex)).toEqual({ towns: 2, categories: 21, departments: 40, items: 509, links: 433 });
    await expectCountsKeptAhead(knex, { items: 509, links: 433 });
  });
});

describe('a dry run', () => {
  it('reports what the import would do and leaves an empty database empty', async () => {
    const dryRun = await importFiles(knex, [SEED], { dryRun: true });
    expect(await tableCounts(knex)).toEqual(NO_ROWS);

    const real = await importFiles(knex, [SEED]);
    expect(dryRun).toEqual(real.map((report) => ({ ...report, dryRun: true })));
  });

  it('reports a correction exactly as the import then does, and changes no row', async () => {
    await importSeed();
    const before = await allRows(knex);

    const dryRun = await importDocument(knex, documentOf(correctedSeed()), { dryRun: true });
    expect(await allRows(knex)).toEqual(before);

    const real = await importDocument(knex, documentOf(correctedSeed()));
    expect(real.changes).toEqual(CORRECTED_CHANGES);
    expect(dryRun).toEqual({ ...real, dryRun: true });
  });
});
