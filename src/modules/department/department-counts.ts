import type { Knex } from '@mikro-orm/postgresql';
import type { Relation } from '../common/enums';
import type { ItemFilter } from '../item/item.inputs';
import { keptCounts } from '../item/item-counts';
import { applyItemFilter } from '../item/item-filter';

/**
 * Departments linked to a slice's items (by `relation`, any when null), each with `item_count`:
 * the nodes of a slice graph. Callers order them.
 */
export function departmentItemCounts(
  knex: Knex,
  filter: ItemFilter | null | undefined,
  relation: Relation | null | undefined,
): Knex.QueryBuilder {
  return knex
    .from(itemCountsByDepartment(knex, filter, relation).as('s'))
    .join('department as d', 'd.id', 's.department_id')
    .select('d.*', 's.item_count');
}

/**
 * The same, most items first, then by name: all of them, or the first `first` (facets'
 * byDepartment). Only the departments with at least as many items as the `first`-th are joined
 * and sorted by name: at 10,000 towns a category's slice counts 8,000 departments, and joining
 * and sorting them all for ten took two thirds of the facet's 15 ms (now 6 ms).
 */
export function mostItemsFirst(
  knex: Knex,
  filter: ItemFilter | null | undefined,
  relation: Relation | null | undefined,
  first: number | null,
): Knex.QueryBuilder {
  const order = 's.item_count desc, d.name collate "C"';
  if (first == null) return departmentItemCounts(knex, filter, relation).orderByRaw(order);
  if (first === 0) return departmentItemCounts(knex, filter, relation).limit(0);
  // Each department by its key (lateral), not a scan of all of them for the few kept.
  return knex
    .with('s', itemCountsByDepartment(knex, filter, relation))
    .from('s')
    .crossJoin(knex.raw('lateral (select * from department where id = s.department_id) d'))
    .select('d.*', 's.item_count')
    .whereRaw('s.item_count >= coalesce((select item_count from s order by item_count desc offset ? limit 1), 0)', [
      first - 1,
    ])
    .orderByRaw(order)
    .limit(first);
}

/**
 * `department_id` and `item_count` of the slice's departments. A slice cut by kind, town and
 * category only is summed from the counts imports keep: per town (department_item_count) when it
 * names towns, else over all towns (department_item_total). An item has one link per department,
 * so links count items.
 */
function itemCountsByDepartment(
  knex: Knex,
  filter: ItemFilter | null | undefined,
  relation: Relation | null | undefined,
): Knex.QueryBuilder {
  const kept = keptCounts(filter);
  if (kept) {
    const sums = knex(kept === 'perTown' ? 'department_item_count as c' : 'department_item_total as c')
      .select('c.department_id', knex.raw('sum(c.items)::int as item_count'))
      .groupBy('c.department_id');
    if (relation) sums.where('c.relation', relation);
    applyItemFilter(knex, sums, filter, 'c');
    return sums;
  }
  const query = knex('item as i')
    .join('link as cl', 'cl.item_id', 'i.id')
    .select('cl.department_id', knex.raw('count(*)::int as item_count'))
    .groupBy('cl.department_id');
  if (relation) query.where('cl.relation', relation);
  applyItemFilter(knex, query, filter);
  return query;
}
