/**
 * The search counts imports keep (src/modules/aggregates/search-counts.ts): each import's change waits as one
 * row, folds move the waiting changes into the totals, and a two-character search's count (the
 * hub's own statement, count-planner.ts) is the items' count before a fold and after it.
 */
import { describe, expect, it } from '@jest/globals';
import type { Knex } from '@mikro-orm/postgresql';
import { importDocument } from '../../src/ingest/import';
import { importFiles } from '../../src/ingest/import-files';
import { countsByKindSql } from '../../src/modules/aggregates/count-planner';
import { foldSearchCounts } from '../../src/modules/aggregates/search-counts';
import { Category } from '../../src/modules/category/category.entity';
import type { ItemKind } from '../../src/modules/common/enums';
import type { ItemFilter } from '../../src/modules/item/item.inputs';
import { itemConditions } from '../../src/modules/item/item-filter';
import {
  correctedSeed,
  documentOf,
  emptiedDatabase,
  expectCountsKeptAhead,
  SEED,
  SEED_TEXT,
  seedOfTown,
  temporaryFolder,
} from './helpers';

let knex: Knex;
emptiedDatabase((_, connected) => {
  knex = connected;
});

async function waitingChanges(): Promise<number> {
  const { rows } = await knex.raw('select count(*)::int as n from search_bigram_change');
  return rows[0].n;
}

/** Rows of the totals, and how many of them hold zero (none should: they go). */
async function totals(): Promise<{ rows: number; zero: number }> {
  const { rows } = await knex.raw(
    'select count(*)::int as rows, (count(*) filter (where items = 0))::int as zero from search_bigram_total',
  );
  return rows[0];
}

/** A search's count per kind as the hub reads it, and as the items give it. */
async function searchCounts(filter: ItemFilter) {
  const kept = countsByKindSql(filter);
  if (kept.fromItems) throw new Error(`not a kept search: ${JSON.stringify(filter)}`);
  const read = (await knex.raw(`${kept.sql} order by 1`, kept.bindings as Knex.Value[])).rows;
  // The items matching, as every page reads them (the filter compiler's conditions on the items).
  const matching = itemConditions(filter);
  const counted = (
    await knex.raw(
      `select kind, count(*)::int as count from item as i where ${matching.sql} group by 1 order by 1`,
      matching.bindings as Knex.Value[],
    )
  ).rows;
  return { read, counted };
}

const SEARCHES: ItemFilter[] = [
  { search: '防汛' },
  { search: '消防' },
  { search: '消防', kinds: ['COOPERATIVE' as ItemKind] },
  { search: '消防', kinds: ['BASIC', 'RECLAIMED'] as ItemKind[] },
  { search: '监察' },
  { search: '没有' },
  { search: '消防', categoryNames: ['应急管理及消防'] },
  { search: '消防', categoryNames: ['应急管理及消防', '党的建设'], kinds: ['COOPERATIVE' as ItemKind] },
  { search: '防汛', categoryIds: [Category.idFor('应急管理及消防')] },
  { search: '工作', categoryNames: ['党的建设'] },
];

async function expectSearchCountsRight(): Promise<void> {
  for (const filter of SEARCHES) {
    const { read, counted } = await searchCounts(filter);
    expect({ filter, read }).toEqual({ filter, read: counted });
  }
}

describe('search counts', () => {
  it('keep an import’s change waiting, which a fold moves into the totals; the counts are right before and after', async () => {
    await importDocument(knex, documentOf(correctedSeed()));
    expect(await waitingChanges()).toBe(1);
    expect(await totals()).toEqual({ rows: 0, zero: 0 });
    await expectSearchCountsRight();
    await expectCountsKeptAhead(knex, { items: 254, links: 216 });
    // The searches the hub's tests rely on find something: the comparison is not of empty lists.
    expect((await searchCounts({ search: '消防' })).read).toEqual([
      { kind: 'BASIC', count: 4 },
      { kind: 'COOPERATIVE', count: 6 },
      { kind: 'RECLAIMED', count: 1 },
    ]);
    // Within its category: one cooperative item with 消防 is of another category.
    expect((await searchCounts({ search: '消防', categoryNames: ['应急管理及消防'] })).read).toEqual([
      { kind: 'BASIC', count: 4 },
      { kind: 'COOPERATIVE', count: 5 },
      { kind: 'RECLAIMED', count: 1 },
    ]);

    expect(await foldSearchCounts(knex)).toBe(1);
    expect(await waitingChanges()).toBe(0);
    expect(await totals()).toEqual({ rows: await distinctTotalKeys(), zero: 0 });
    await expectSearchCountsRight();
    await expectCountsKeptAhead(knex, { items: 254, links: 216 });
  });

  it('take away the bigrams of items removed or changed, and drop totals that reach zero', async () => {
    await importFiles(knex, [SEED]);
    expect(await waitingChanges()).toBe(0);
    const seeded = await totals();
    // Bigrams no other item of its kind has, in the item the correction removes.
    const removed = "(select category_id from item where kind = 'RECLAIMED' and number = 40)";
    const { rows: removedOnly } = await knex.raw(
      `select array_agg(bigram) as bigrams from search_bigram_total
       where kind = 'RECLAIMED' and category_id = ${removed} and items = 1
       and bigram in (select unnest(search_bigrams) from item where kind = 'RECLAIMED' and number = 40)`,
    );
    expect(removedOnly[0].bigrams.length).toBeGreaterThan(0);

    await importDocument(knex, documentOf(correctedSeed()));
    expect(await waitingChanges()).toBe(1);
    // The bigrams of the three items the correction changes or removes, not the town's.
    const { rows: changed } = await knex.raw('select sum(cardinality(bigrams))::int as n from search_bigram_change');
    expect(changed[0].n).toBeGreaterThan(0);
    expect(changed[0].n).toBeLessThan(seeded.rows / 5);
    await expectSearchCountsRight();

    expect(await foldSearchCounts(knex)).toBe(1);
    expect(await totals()).toEqual({ rows: await distinctTotalKeys(), zero: 0 });
    const { rows: left } = await knex.raw(
      `select count(*)::int as n from search_bigram_total
       where kind = 'RECLAIMED' and category_id = ${removed} and bigram = any(?)`,
      [removedOnly[0].bigrams],
    );
    expect(left[0].n).toBe(0);
    await expectSearchCountsRight();
    await expectCountsKeptAhead(knex, { items: 254, links: 216 });
  });

  it('are not changed by a dry run or by a document imported again unchanged', async () => {
    await importDocument(knex, documentOf(correctedSeed()), { dryRun: true });
    await importFiles(knex, [SEED], { dryRun: true });
    expect(await waitingChanges()).toBe(0);
    expect(await totals()).toEqual({ rows: 0, zero: 0 });
    await importFiles(knex, [SEED]);
    const seeded = await totals();
    await importDocument(knex, documentOf(SEED_TEXT));
    expect(await waitingChanges()).toBe(0);
    expect(await totals()).toEqual(seeded);
  });

  it('are right after imports side by side, folded as they go, with nothing left waiting', async () => {
    const folder = await temporaryFolder();
    try {
      const towns = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
      const files = await Promise.all(
        towns.map((name, i) => folder.write(`${String(i).padStart(2, '0')}.txt`, seedOfTown(`第${name}镇`))),
      );
      await importFiles(knex, files, { concurrency: 3 });
    } finally {
      await folder.remove();
    }
    expect(await waitingChanges()).toBe(0);
    expect(await totals()).toEqual({ rows: await distinctTotalKeys(), zero: 0 });
    await expectSearchCountsRight();
    expect((await searchCounts({ search: '防汛' })).read).toEqual([{ kind: 'COOPERATIVE', count: 24 }]);
    await expectCountsKeptAhead(knex, { items: 12 * 255, links: 12 * 217 });
  });

  it('fold one at a time: a fold skips while another runs, unless it waits', async () => {
    await importDocument(knex, documentOf(correctedSeed()));
    const running = await knex.transaction();
    try {
      await running.raw('select pg_advisory_xact_lock(hashtext(?))', ['dutyhub:fold-search-counts']);
      expect(await foldSearchCounts(knex)).toBe(0);
      expect(await waitingChanges()).toBe(1);
      const waiting = foldSearchCounts(knex, { wait: true });
      await running.commit();
      expect(await waiting).toBe(1);
    } finally {
      if (!running.isCompleted()) await running.rollback();
    }
    expect(await waitingChanges()).toBe(0);
    await expectSearchCountsRight();
  });

  it('are folded by any import run, even of a document that changes nothing', async () => {
    const folder = await temporaryFolder();
    try {
      const corrected = await folder.write('corrected.txt', correctedSeed());
      await importDocument(knex, documentOf(correctedSeed(), corrected));
      expect(await waitingChanges()).toBe(1);
      const [report] = await importFiles(knex, [corrected]);
      expect(report.changes.items).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 254 });
      expect(await waitingChanges()).toBe(0);
      expect(await totals()).toEqual({ rows: await distinctTotalKeys(), zero: 0 });
    } finally {
      await folder.remove();
    }
  });

  it('fold only when as many changes as asked wait', async () => {
    await importDocument(knex, documentOf(correctedSeed()));
    await importDocument(knex, documentOf(seedOfTown('铁厂沟镇')));
    expect(await foldSearchCounts(knex, { atLeast: 3 })).toBe(0);
    expect(await waitingChanges()).toBe(2);
    expect(await foldSearchCounts(knex, { atLeast: 2 })).toBe(2);
    expect(await waitingChanges()).toBe(0);
    await expectSearchCountsRight();
  });

  it('are updated in place by a fold: every total it changes stays on its page (HOT), none indexed again', async () => {
    await importFiles(knex, [SEED]);
    await importDocument(knex, documentOf(correctedSeed()));
    // The fold inside a transaction of the test's (its own becomes a savepoint), whose counts of
    // row updates PostgreSQL reports before commit.
    const { updated, inPlace } = await knex.transaction(async (trx) => {
      expect(await foldSearchCounts(trx)).toBe(1);
      const { rows } = await trx.raw(
        `select pg_stat_get_xact_tuples_updated(oid)::int as updated, pg_stat_get_xact_tuples_hot_updated(oid)::int as "inPlace"
         from pg_class where relname = 'search_bigram_total'`,
      );
      return rows[0] as { updated: number; inPlace: number };
    });
    expect(updated).toBeGreaterThan(10);
    expect(inPlace).toBe(updated);
    await expectSearchCountsRight();
  });

  it('are read without parallel workers, however many rows PostgreSQL expects', async () => {
    await importDocument(knex, documentOf(correctedSeed()));
    const kept = countsByKindSql({ search: '消防', categoryNames: ['应急管理及消防'] });
    if (kept.fromItems) throw new Error('not a kept search');
    // Parallel plans made free: the statement's shape and the tables' setting keep it to one process.
    const nodes = await knex.transaction(async (trx) => {
      for (const setting of ['parallel_setup_cost', 'parallel_tuple_cost', 'min_parallel_table_scan_size']) {
        await trx.raw(`set local ${setting} = 0`);
      }
      await trx.raw('set local min_parallel_index_scan_size = 0');
      const { rows } = await trx.raw(`explain (format json) ${kept.sql}`, kept.bindings as Knex.Value[]);
      const found: string[] = [];
      const visit = (node: { 'Node Type': string; Plans?: unknown[] }) => {
        found.push(node['Node Type']);
        for (const child of node.Plans ?? []) visit(child as typeof node);
      };
      visit(rows[0]['QUERY PLAN'][0].Plan);
      return found;
    });
    expect(nodes).toContain('Append');
    expect(nodes.filter((type) => /Gather|Parallel/u.test(type))).toEqual([]);
  });
});

async function distinctTotalKeys(): Promise<number> {
  const { rows } = await knex.raw(
    'select count(distinct (b, category_id, kind))::int as n from item, unnest(search_bigrams) as b',
  );
  return rows[0].n;
}
