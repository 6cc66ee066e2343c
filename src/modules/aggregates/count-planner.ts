/**
 * The one place that decides which source answers a count of a slice, and builds its SQL: the
 * items themselves, or the counts imports keep (town-counts.ts, search-counts.ts): per town when
 * the filter names towns or the count is per town, the totals over all towns otherwise, the search
 * counts for a two-character search, a department's links for its unfiltered items, the kept
 * department pairs for a slice graph's edges (department-counts.ts and the graph ask here). All
 * give the same numbers (tests/api/slices.test.ts and random-slices.test.ts check every kind of
 * filter against the contract evaluated on the documents).
 */
import type { Relation } from '../common/enums';
import { empty, raw, type Sql, sql, unseenByPlanner } from '../common/sql';
import type { ItemFilter } from '../item/item.inputs';
import { exactBigram, itemConditions, loneSearch, namesTowns, onlyItemColumns } from '../item/item-filter';
import { linksOfParent, ofParent, type ParentScope } from '../item/parent-scope';
import { categorySearchTotalSql } from '../item/search-page';

export interface CountSource {
  /** The table with its alias, as written after `from`. */
  table: string;
  /** The alias, which holds category_id and kind, and town_id but in the totals (the filter applies to it). */
  alias: string;
  /** The SQL of the count, an integer. */
  count: string;
}

/** The items themselves: always right, for any filter. */
const ITEMS: CountSource = { table: 'item as i', alias: 'i', count: 'count(*)::int' };
const PER_TOWN: CountSource = { table: 'item_count as ic', alias: 'ic', count: 'coalesce(sum(ic.items), 0)::int' };
const TOTALS: CountSource = { table: 'item_total as it', alias: 'it', count: 'coalesce(sum(it.items), 0)::int' };

/** Which kept counts answer the filter: none (null), per town, or the totals over all towns. */
function keptCounts(
  filter: ItemFilter | null | undefined,
  options: { perTown?: boolean } = {},
): 'perTown' | 'totals' | null {
  if (!onlyItemColumns(filter)) return null;
  // The totals over all towns have no town to test.
  return options.perTown || namesTowns(filter) ? 'perTown' : 'totals';
}

/** `perTown`: the count is grouped by town (facets' byTown), so it needs the town's column. */
export function countSource(filter: ItemFilter | null | undefined, options: { perTown?: boolean } = {}): CountSource {
  const kept = keptCounts(filter, options);
  return kept === 'perTown' ? PER_TOWN : kept === 'totals' ? TOTALS : ITEMS;
}

/** The fields of a filter whose search the kept search counts answer: the search, its kinds and categories. */
const KEPT_SEARCH_FIELDS = new Set<keyof ItemFilter>(['search', 'kinds', 'categoryIds', 'categoryNames']);

/**
 * The counts per kind (`kind`, `count`) of a two-character search (防汛), alone or with kinds and
 * categories, from the search counts imports keep (search-counts.ts): the totals plus
 * the changes not folded yet, in one statement and so one snapshot. Null for any other filter,
 * counted from items.
 */
function keptSearchCountsByKind(filter: ItemFilter | null | undefined): Sql | null {
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
function keptCategorySearchTotalSql(search: string, kinds: ItemFilter['kinds']): Sql | null {
  const bigram = exactBigram(search);
  if (bigram == null) return null;
  const counts = keptBigramCountsByKind(bigram, sql`s.category_id = p.parent_id and ${itemConditions({ kinds }, 's')}`);
  return sql`select coalesce(sum(k.count), 0)::int as total from (${counts}) as k`;
}

/**
 * The kept counts per kind of one bigram, of the entries (`s`: kind, category_id) that `where`
 * keeps. The waiting changes are read in a CTE of their own, which PostgreSQL never runs beside
 * the totals in parallel workers (a CTE scan stays in the leader), and neither table is scanned
 * in parallel (their `parallel_workers = 0`, set by the migration): after an import run, until
 * autovacuum visits the change table, PostgreSQL estimates its rows from the dead space of the
 * folded changes and chose a parallel plan for a read of a few dozen rows (6–8 ms against 0.2).
 */
function keptBigramCountsByKind(bigram: string, where: Sql): Sql {
  return sql`with waiting as materialized (
        select c.kinds[e] as kind, c.categories[c.entry_categories[e]] as category_id, c.items[e] as items
        from search_bigram_change as c, unnest(array_positions(c.bigrams, ${bigram})) as e
      )
      select s.kind, sum(s.items)::int as count from (
        select t.kind, t.category_id, t.items from search_bigram_total as t where t.bigram = ${unseenByPlanner(bigram, 'text')}
        union all
        select kind, category_id, items from waiting
      ) as s where ${where} group by s.kind having sum(s.items) <> 0`;
}

/** A count's statement; `fromItems` when it reads the items themselves (no kept counts answer it). */
type CountSql = Sql & { fromItems: boolean };

function counted(statement: Sql, fromItems: boolean): CountSql {
  return Object.assign(statement, { fromItems });
}

/** The sum of counts per group (per kind): the slice's total. */
export function totalOf(counts: Map<unknown, number>): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}

/**
 * The counts per kind (`kind`, `count`) of a slice; `fromItems` when it reads the items themselves
 * (no kept counts answer it). Its filter checked by the caller (itemPageQuery, facets), as for
 * every filter compiled.
 */
export function countsByKindSql(filter: ItemFilter | null | undefined): CountSql {
  const kept = keptSearchCountsByKind(filter);
  if (kept) return counted(kept, false);
  const source = countSource(filter);
  const [alias, count, table] = [source.alias, source.count, source.table].map(raw);
  const counts = sql`select ${alias}.kind, ${count} as count from ${table} where ${itemConditions(filter, source.alias)} group by ${alias}.kind`;
  return counted(counts, source === ITEMS);
}

/**
 * The count of `p.parent_id`'s items matching `filter`, for the lateral join of `pagesByParent`;
 * `fromItems` when it reads the items themselves (no links or kept counts answer it).
 */
export function parentTotalSql(scope: ParentScope, filter: ItemFilter | null | undefined): CountSql {
  if (scope.by === 'department' && itemConditions(filter).sql === 'true') {
    // Unfiltered, a department's links count its items: one link an item and department (a
    // unique key), each to an item (a foreign key). No item is read.
    const links = sql`select count(*)::int as total from link as pl where ${linksOfParent(scope.relation)}`;
    return counted(links, false);
  }
  const search = scope.by === 'category' ? loneSearch(filter) : null;
  if (search != null) {
    const kept = keptCategorySearchTotalSql(search, filter?.kinds);
    return kept ? counted(kept, false) : counted(categorySearchTotalSql(search, { kinds: filter?.kinds }), true);
  }
  // Departments' items are found through their links, which the kept counts do not hold.
  const source = scope.by === 'department' ? ITEMS : countSource(filter, { perTown: scope.by === 'town' });
  const parent = ofParent(scope, source.alias);
  const conditions = itemConditions(filter, source.alias);
  const total = sql`select ${raw(source.count)} as total from ${raw(source.table)}${parent} and ${conditions}`;
  return counted(total, source === ITEMS);
}

/**
 * `department_id` and `item_count` of the slice's departments, and `category_id` too when counted
 * `byCategory` (a category × department matrix). A slice cut by kind, town and category only is
 * summed from the counts imports keep: per town (department_item_count) when it names towns, else
 * over all towns (department_item_total). An item has one link per department, so links count
 * items.
 */
export function itemCountsByDepartment(
  filter: ItemFilter | null | undefined,
  relation: Relation | null | undefined,
  { byCategory = false } = {},
): Sql {
  const kept = keptCounts(filter);
  if (kept) {
    const groups = raw(byCategory ? 'c.category_id, c.department_id' : 'c.department_id');
    const table = raw(kept === 'perTown' ? 'department_item_count' : 'department_item_total');
    const ofRelation = relation ? sql` and c.relation = ${relation}` : empty;
    return sql`select ${groups}, sum(c.items)::int as item_count from ${table} as c
      where ${itemConditions(filter, 'c')}${ofRelation} group by ${groups}`;
  }
  const groups = raw(byCategory ? 'i.category_id, cl.department_id' : 'cl.department_id');
  const ofRelation = relation ? sql` and cl.relation = ${relation}` : empty;
  return sql`select ${groups}, count(*)::int as item_count from item as i join link as cl on cl.item_id = i.id
    where ${itemConditions(filter)}${ofRelation} group by ${groups}`;
}

/**
 * Whether the slice is one of every town that the department totals answer, read in the order of
 * department_item_total_top_index (department-counts.ts, a dashboard's usual top N).
 */
export function answeredByDepartmentTotals(filter: ItemFilter | null | undefined): boolean {
  return keptCounts(filter) === 'totals';
}

/**
 * Pairs of departments (`source`, `target`, the smaller id first) with the slice's items they
 * share (`weight`): the edges of a slice graph. A slice of kinds and categories over every town
 * sums the pairs imports keep (department_pair_total: a category and kind's graph over 10,000
 * towns read 127,000 items' links, 0.5 s); any other joins its items' links to the items' other
 * links.
 */
export function departmentPairs(filter: ItemFilter | null | undefined, relation: Relation | null | undefined): Sql {
  if (keptCounts(filter) === 'totals') {
    const ofRelation = relation ? sql` and p.source_relation = ${relation} and p.target_relation = ${relation}` : empty;
    return sql`select p.source_id as source, p.target_id as target, sum(p.items)::int as weight
      from department_pair_total as p
      where ${itemConditions(filter, 'p')}${ofRelation} group by p.source_id, p.target_id`;
  }
  const ofRelation = relation ? sql` and ea.relation = ${relation} and eb.relation = ${relation}` : empty;
  return sql`select ea.department_id as source, eb.department_id as target, count(*)::int as weight
    from item as i join link as ea on ea.item_id = i.id
    join link as eb on eb.item_id = i.id and eb.department_id > ea.department_id
    where ${itemConditions(filter)}${ofRelation} group by ea.department_id, eb.department_id`;
}
