import type { Knex } from '@mikro-orm/postgresql';
import type { Relation } from '../common/enums';
import type { ItemFilter } from '../item/item.inputs';
import { keptCounts } from '../item/item-counts';
import { applyItemFilter } from '../item/item-filter';

/**
 * Departments linked to a slice's items (by `relation`, any when null), each with `item_count`:
 * the rows behind facets' byDepartment and the nodes of a slice graph. Callers order them.
 * A slice cut by kind, town and category only is summed from the counts imports keep: per town
 * (department_item_count) when it names towns, else over all towns (department_item_total). An
 * item has one link per department, so links count items.
 */
export function departmentItemCounts(
  knex: Knex,
  filter: ItemFilter | null | undefined,
  relation: Relation | null | undefined,
): Knex.QueryBuilder {
  const kept = keptCounts(filter);
  if (kept) {
    // Summed per department id first, so only the departments counted are joined.
    const sums = knex(kept === 'perTown' ? 'department_item_count as c' : 'department_item_total as c')
      .select('c.department_id', knex.raw('sum(c.items)::int as item_count'))
      .groupBy('c.department_id');
    if (relation) sums.where('c.relation', relation);
    applyItemFilter(knex, sums, filter, 'c');
    return knex.from(sums.as('s')).join('department as d', 'd.id', 's.department_id').select('d.*', 's.item_count');
  }
  const query = knex('item as i')
    .join('link as cl', 'cl.item_id', 'i.id')
    .join('department as d', 'd.id', 'cl.department_id')
    .select('d.*', knex.raw('count(*)::int as item_count'))
    .groupBy('d.id');
  if (relation) query.where('cl.relation', relation);
  applyItemFilter(knex, query, filter);
  return query;
}
