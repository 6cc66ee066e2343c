/**
 * Where a slice's items are counted: the items themselves, or, for a filter that reads only the
 * kind, town and category, the counts imports keep (src/ingest/kept-counts.ts): per town when the
 * filter names towns or the count is per town, else the totals over all towns. All give the same
 * numbers (tests/api/slices.test.ts checks every filter against the seed).
 */
import type { SqlFragment } from '../common/request-sql';
import type { ItemFilter } from './item.inputs';
import { exactBigram, itemConditions, loneSearch, onlyItemColumns } from './item-filter';

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
  return options.perTown || filter?.townIds != null ? 'perTown' : 'totals';
}

/** `perTown`: the count is grouped by town, so it needs the town's column. */
export function countSource(filter: ItemFilter | null | undefined, options: { perTown?: boolean } = {}): CountSource {
  const kept = keptCounts(filter, options);
  return kept === 'perTown' ? PER_TOWN : kept === 'totals' ? TOTALS : ITEMS;
}

/**
 * The counts per kind (`kind`, `count`) of a two-character search (防汛), alone or with kinds, from
 * the search counts imports keep (src/ingest/search-counts.ts): the totals plus the changes not
 * folded yet, in one statement and so one snapshot. Null for any other filter, counted from items.
 */
export function keptSearchCountsByKind(filter: ItemFilter | null | undefined): SqlFragment | null {
  const search = loneSearch(filter);
  const bigram = search == null ? null : exactBigram(search);
  if (bigram == null) return null;
  const ofKinds = itemConditions({ kinds: filter?.kinds }, 's');
  return {
    sql: `select s.kind, sum(s.items)::int as count from (
      select t.kind, t.items from search_bigram_total as t where t.bigram = ?
      union all
      select c.kinds[e], c.items[e] from search_bigram_change as c, unnest(array_positions(c.bigrams, ?)) as e
    ) as s where ${ofKinds.sql} group by s.kind having sum(s.items) <> 0`,
    bindings: [bigram, bigram, ...ofKinds.bindings],
  };
}

/** The sum of counts per group (per kind): the slice's total. */
export function totalOf(counts: Map<unknown, number>): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}
