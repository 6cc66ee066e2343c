import { nameKey } from '../../ingest/department-names';
import { Category } from '../category/category.entity';
import type { ItemKind, Relation } from '../common/enums';
import { empty, raw, rowCount, type Sql, sql } from '../common/sql';
import { wellFormedIds } from '../common/stable-id';
import type { ItemFilter } from '../item/item.inputs';
import { answeredByDepartmentTotals, itemCountsByDepartment } from './count-planner';

/** The first `first` departments of a slice by its items (all when null), by `relation` (any when null). */
export interface DepartmentTop {
  relation: Relation | null;
  first: number | null;
}

/** A department's row (`d.*`) with the number of the slice's items linked to it. */
export type DepartmentCountRow = Record<string, unknown> & { item_count: number };

/**
 * Departments linked to a slice's items (by `relation`, any when null), each with `item_count`:
 * the nodes of a slice graph, in `order`.
 */
export function departmentItemCounts(
  filter: ItemFilter | null | undefined,
  relation: Relation | null | undefined,
  order: Sql,
): Sql {
  return sql`select d.*, s.item_count from (${itemCountsByDepartment(filter, relation)}) as s
    join department as d on d.id = s.department_id ${order}`;
}

/**
 * The same, most items first, then by name: all of them, or the first `first` (facets'
 * byDepartment). Only the departments with at least as many items as the `first`-th are joined
 * and sorted by name: at 10,000 towns a category's slice counts 8,000 departments, and joining
 * and sorting them all for ten took two thirds of the facet's 15 ms (now 6 ms).
 */
export function mostItemsFirst(
  filter: ItemFilter | null | undefined,
  relation: Relation | null | undefined,
  first: number | null,
): Sql {
  if (first == null)
    return departmentItemCounts(filter, relation, raw('order by s.item_count desc, d.name collate "C"'));
  if (first === 0) return departmentItemCounts(filter, relation, raw('limit 0'));
  const one = oneCategoryAndKind(filter);
  if (one) return mostItemsOfOneCategoryAndKind(one, relation, first);
  const counts = itemCountsByDepartment(filter, relation);
  return firstByCount({ from: raw('s'), where: raw('true') }, raw('s.item_count'), first, sql`with s as (${counts}) `);
}

/**
 * The first `first` of the rows `from` (aliased `s`, with `department_id`) `where` holds, by
 * `count`, most first, then by the department's name: only the rows counting at least the
 * `first`-th count are kept, and each of their departments is joined by its key (lateral), not by
 * a scan of all departments.
 */
function firstByCount({ from, where }: { from: Sql; where: Sql }, count: Sql, first: number, before = empty): Sql {
  const nth = sql`select ${count} from ${from} where ${where} order by ${count} desc offset ${rowCount(first - 1)} limit 1`;
  // One line: tests/api/slices.test.ts reads the departments' subquery out of the slice's text.
  const lateral = sql`cross join lateral (select * from department where id = s.department_id) d`;
  const order = sql`order by ${count} desc, d.name collate "C" limit ${rowCount(first)}`;
  return sql`${before}select d.*, ${count} as item_count from ${from} ${lateral} where ${where} and ${count} >= coalesce((${nth}), 0) ${order}`;
}

/**
 * A dashboard's usual slice, one category and one kind in every town, read in the order of
 * department_item_total_top_index: the `first`-th count is the `first`-th entry, and the rest
 * stop there. No sum is needed: the relation follows from the kind (a cooperative item's
 * departments share it, a reclaimed item's reclaimed it; src/ingest/normalize.ts), so a department
 * has one row per category and kind.
 */
function mostItemsOfOneCategoryAndKind(
  { categoryId, kind }: { categoryId: string; kind: ItemKind },
  relation: Relation | null | undefined,
  first: number,
): Sql {
  const where = relation
    ? sql`s.category_id = ${categoryId} and s.kind = ${kind} and s.relation = ${relation}`
    : sql`s.category_id = ${categoryId} and s.kind = ${kind}`;
  return firstByCount({ from: raw('department_item_total as s'), where }, raw('s.items'), first);
}

/** The one category and the one kind a slice of every town names, if that is all it names. */
function oneCategoryAndKind(filter: ItemFilter | null | undefined): { categoryId: string; kind: ItemKind } | null {
  if (!filter || !answeredByDepartmentTotals(filter) || filter.kinds?.length !== 1) return null;
  // Its top-level fields alone: a nested filter (and, or, not) says more than they do.
  if (filter.and != null || filter.or != null || filter.not != null) return null;
  const { categoryIds, categoryNames } = filter;
  if (categoryIds?.length === 1 && categoryNames == null) {
    const [categoryId] = wellFormedIds(categoryIds);
    return categoryId ? { categoryId, kind: filter.kinds[0] } : null;
  }
  if (categoryNames?.length === 1 && categoryIds == null) {
    // A category's id is its name's UUID v5, the name as the filter compares it (nameKey).
    return { categoryId: Category.idFor(nameKey(categoryNames[0])), kind: filter.kinds[0] };
  }
  return null;
}
