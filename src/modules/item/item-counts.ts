/**
 * Where a slice's items are counted: the items themselves, or, for a filter that reads only the
 * kind, town and category, the counts imports keep per town, category and kind (item_count).
 * Both give the same numbers (tests/api/slices.test.ts checks every filter against the seed).
 */
import type { ItemFilter } from './item.inputs';
import { onlyItemColumns } from './item-filter';

export interface CountSource {
  /** The table with its alias, for knex. */
  table: string;
  /** The alias, which holds town_id, category_id and kind (and the filter applies to it). */
  alias: string;
  /** The SQL of the count, an integer. */
  count: string;
}

/** The items themselves: always right, for any filter. */
export const ITEMS: CountSource = { table: 'item as i', alias: 'i', count: 'count(*)::int' };
const COUNTED: CountSource = { table: 'item_count as ic', alias: 'ic', count: 'coalesce(sum(ic.items), 0)::int' };

export function countSource(filter: ItemFilter | null | undefined): CountSource {
  return onlyItemColumns(filter) ? COUNTED : ITEMS;
}
