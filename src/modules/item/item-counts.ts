/**
 * Where a slice's items are counted: the items themselves, or, for a filter that reads only the
 * kind, town and category, the counts imports keep (src/ingest/kept-counts.ts): per town when the
 * filter names towns or the count is per town, else the totals over all towns. All give the same
 * numbers (tests/api/slices.test.ts checks every filter against the seed).
 */
import { type SqlFragment, unseenByPlanner } from '../common/request-sql';
import type { ItemFilter } from './item.inputs';
import { exactBigram, itemConditions, namesTowns, onlyItemColumns } from './item-filter';

export interface CountSource {
  /** The table with its alias, for knex. */
  table: string;
  /** The alias, which holds category_id and kind, and town_id but in the totals (the filter applies to it). */
  alias: string;
  /** The SQL of the count, an integer. */
  count: string;
}

/** The items themselves: always right, for any filter. */
export const ITEMS: CountSource = { table: 'item as i', alias: 'i', count: 'count(*)::int' };
const PER_TOWN: CountSource = { table: 'item_count as ic', alias: 'ic', count: 'coalesce(sum(ic.items), 0)::int' };
const TOTALS: CountSource = { table: 'item_total as it', alias: 'it', count: 'coalesce(sum(it.items), 0)::int' };

/** Which kept counts answer the filter: none (null), per town, or the totals over all towns. */
export function keptCounts(
  filter: ItemFilter | null | undefined,
  options: { perTown?: boolean } = {},
): 'perTown' | 'totals' | null {
  if (!onlyItemColumns(filter)) return null;
  // The totals over all towns have no town to test.
  return options.perTown || namesTowns(filter) ? 'perTown' : 'totals';
}

/** `perTown`: the count is grouped by town, so it needs the town's column. */
export function countSource(filter: ItemFilter | null | undefined, options: { perTown?: boolean } = {}): CountSource {
  const kept = keptCounts(filter, options);
  return kept === 'perTown' ? PER_TOWN : kept === 'totals' ? TOTALS : ITEMS;
}

/** The fields of a filter whose search the kept search counts answer: the search, its kinds and categories. */
const KEPT_SEARCH_FIELDS = new Set<keyof ItemFilter>(['search', 'kinds', 'categoryIds', 'categoryNames']);

/**
 * The counts per kind (`kind`, `count`) of a two-character search (防汛), alone or with kinds and
 * categories, from the search counts imports keep (src/ingest/search-counts.ts): the totals plus
 * the changes not folded yet, in one statement and so one snapshot. Null for any other filter,
 * counted from items.
 */
export function keptSearchCountsByKind(filter: ItemFilter | null | undefined): SqlFragment | null {
  const bigram = filter?.search == null ? null : exactBigram(filter.search.trim());
  if (bigram == null) return null;
  const { search: _, ...columns } = filter as ItemFilter;
  const others = Object.entries(columns).some(
    ([field, value]) => value != null && !KEPT_SEARCH_FIELDS.has(field as keyof ItemFilter),
  );
  return others ? null : keptBigramCountsByKind(bigram, itemConditions(columns, 's'));
}

/**
 * The count of the category `p.parent_id`'s items matching a two-character search (and kinds),
 * for the lateral join of itemPagesByParent, from the kept search counts. Null for any other
 * search (search-page.ts counts those).
 */
export function keptCategorySearchTotalSql(search: string, kinds: ItemFilter['kinds']): SqlFragment | null {
  const bigram = exactBigram(search);
  if (bigram == null) return null;
  const ofKinds = itemConditions({ kinds }, 's');
  const counts = keptBigramCountsByKind(bigram, {
    sql: `s.category_id = p.parent_id and ${ofKinds.sql}`,
    bindings: ofKinds.bindings,
  });
  return { sql: `select coalesce(sum(k.count), 0)::int as total from (${counts.sql}) as k`, bindings: counts.bindings };
}

/**
 * The kept counts per kind of one bigram, of the entries (`s`: kind, category_id) that `where`
 * keeps. The waiting changes are read in a CTE of their own, which PostgreSQL never runs beside
 * the totals in parallel workers (a CTE scan stays in the leader), and neither table is scanned
 * in parallel (Migration20261129210000): after an import run, until autovacuum visits the change
 * table, PostgreSQL estimates its rows from the dead space of the folded changes and chose a
 * parallel plan for a read of a few dozen rows (6–8 ms against 0.2).
 */
function keptBigramCountsByKind(bigram: string, where: SqlFragment): SqlFragment {
  return {
    sql: `with waiting as materialized (
        select c.kinds[e] as kind, c.categories[c.entry_categories[e]] as category_id, c.items[e] as items
        from search_bigram_change as c, unnest(array_positions(c.bigrams, ?)) as e
      )
      select s.kind, sum(s.items)::int as count from (
        select t.kind, t.category_id, t.items from search_bigram_total as t where t.bigram = ${unseenByPlanner('text')}
        union all
        select kind, category_id, items from waiting
      ) as s where ${where.sql} group by s.kind having sum(s.items) <> 0`,
    bindings: [bigram, bigram, ...where.bindings],
  };
}

/** The sum of counts per group (per kind): the slice's total. */
export function totalOf(counts: Map<unknown, number>): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}
