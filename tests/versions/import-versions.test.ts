/**
 * How imports number versions: a town imported before versions existed gets its version 1 on its
 * next import, and a version's 施行 date is the one given or the one its titles state.
 */
import { describe, expect, it } from '@jest/globals';
import type { Knex } from '@mikro-orm/postgresql';
import { importDocument } from '../../src/ingest/import';
import { importFiles, statedDate } from '../../src/ingest/import-files';
import { documentOf, emptiedDatabase, SEED_TEXT, temporaryFolder } from '../import/helpers';
import { seedHtmlBytes } from '../support/documents/seed-html';
import { revisedSeed, truncated } from './revisions';

let knex: Knex;
emptiedDatabase((_database, connected) => {
  knex = connected;
});

/** Number, sources' names, added, removed and changed of each version, oldest first. */
async function versions() {
  const rows = await knex('town_version').select('number', 'sources', 'added', 'removed', 'changed').orderBy('number');
  return rows.map((row) => [
    row.number,
    row.sources.map((source: { name: string }) => source.name),
    row.added,
    row.removed,
    row.changed,
  ]);
}

describe('a town imported before versions existed', () => {
  it('gets version 1 from a document of the same content, writing no item', async () => {
    await importDocument(knex, documentOf(SEED_TEXT));
    await knex('town_version').delete();
    const items = (await knex.raw('select xmin::text from item order by 1')).rows;
    await importDocument(knex, documentOf(SEED_TEXT), {
      sources: [{ name: 'seed.txt', format: 'TEXT' as never, sha256: 'x', bytes: 1 }],
    });
    expect(await versions()).toEqual([[1, ['seed.txt'], 255, 0, 0]]);
    expect((await knex.raw('select xmin::text from item order by 1')).rows).toEqual(items);
  });

  it('keeps its rows as version 1 when the document changes them', async () => {
    await importDocument(knex, documentOf(SEED_TEXT));
    await knex('town_version').delete();
    await importDocument(knex, documentOf(revisedSeed()));
    expect(await versions()).toEqual([
      [1, [], 255, 0, 0],
      [2, [], 1, 1, 7],
    ]);
    const { rows } = await knex.raw('select count(*)::int as n from item_history');
    expect(rows).toEqual([{ n: 8 }]);
  });
});

describe('the effective date', () => {
  it('is read where a title states it, else none', () => {
    expect(statedDate(['塔城地区托里县托里镇基本履职事项清单（2024年3月1日起施行）'])).toBe('2024-03-01');
    expect(statedDate(['清单', '2023年12月5日发布'])).toBe('2023-12-05');
    expect(statedDate(['发布时间：2024-06-01　来源：托里县人民政府办公室'])).toBe('2024-06-01');
    expect(statedDate(['塔城地区托里县托里镇基本履职事项清单'])).toBeNull();
    expect(statedDate(['2024年2月30日起施行'])).toBeNull();
  });

  it('is what a page states above its lists, unless given at import', async () => {
    const folder = await temporaryFolder();
    try {
      // The notice page says 发布时间：2024-06-01 above its lists.
      await importFiles(knex, [await folder.write('notice.html', seedHtmlBytes({ declared: 'utf-8' }))]);
      await importFiles(knex, [await folder.write('b.txt', revisedSeed())], { effectiveDate: '2025-01-01' });
      await importFiles(knex, [await folder.write('c.txt', truncated(revisedSeed(), 39))]);
      const rows = await knex('town_version').select('number', knex.raw('effective_date::text')).orderBy('number');
      expect(rows).toEqual([
        { number: 1, effective_date: '2024-06-01' },
        { number: 2, effective_date: '2025-01-01' },
        { number: 3, effective_date: null },
      ]);
    } finally {
      await folder.remove();
    }
  });
});
