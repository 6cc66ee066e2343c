/**
 * Item pages for many parents at once: one SQL statement for every parent's page and total,
 * whatever the number of parents. Pages are keyset pages, so a deep page costs what the first
 * one does.
 */
import { countsByKindSql, parentTotalSql, totalOf } from '../aggregates/count-planner';
import { type DepartmentCountRow, type DepartmentTop, mostItemsFirst } from '../aggregates/department-counts';
import { Category } from '../category/category.entity';
import { ItemKind } from '../common/enums';
import { encodeCursor, type Page, seekCondition, toPage } from '../common/pagination';
import { JOINED } from '../common/read-model';
import type { RequestSql } from '../common/request-sql';
import { empty, join, raw, rowCount, type Sql, sql } from '../common/sql';
import { Department } from '../department/department.entity';
import { STATE_LINKS, versionItems } from '../version/version-items';
import { Item } from './item.entity';
import type { ItemFilter } from './item.inputs';
import { itemConditions, loneSearch } from './item-filter';
import { DEFAULT_ITEM_ORDER_SQL, type ItemPageQuery, type OrderColumn, type UnreadProperty } from './item-page-query';
import { ofParent, type ParentScope } from './parent-scope';
import { partitionedPageSql, partitionFilter } from './partitioned-page';
import { type PageParts, searchPageSql } from './search-page';

/** A slice's counts per kind (where asked), its page and its top departments (one statement). */
export interface Slice {
  counts: Map<ItemKind, number> | null;
  page: Page<Item> | null;
  /** Per `DepartmentTop` asked, in that order: the departments, each with the slice's items linked to it. */
  departments: SliceDepartment[][];
}

/** A department with the number of a slice's items linked to it. */
export interface SliceDepartment {
  department: Department;
  count: number;
}

/** The row's position in the order: what a cursor holds. */
const keyAlias = (i: number) => `sort_key_${i}`;

/** A row of `itemColumns` (read-model.ts), with a page's sort keys (`keyAlias`). */
type ItemRow = Record<string, unknown>;
/** The counts a slice's statement carries on its first row, as JSON. */
interface SliceCountsValue {
  kinds: Record<string, number> | null;
  departments: DepartmentCountRow[][];
}
/** A row of a slice's statement: its counts (first row only) and a page's item, if any. */
type SliceRow = ItemRow & { slice_counts: SliceCountsValue | null };
/** A row of itemPagesByParent: the parent, its total (null when not counted) and an item, if any. */
type ParentPageRow = ItemRow & { parent_id: string; total: number | null };

export class ItemRepository {
  constructor(private readonly sql: RequestSql) {}

  /** Items by id (`item`, `_entities`, a link's item), with their categories as pages have them. */
  async byIds(ids: readonly string[]): Promise<Item[]> {
    const rows = await this.sql.statement<ItemRow>(
      'itemsById',
      sql`select ${itemColumns(this.sql)} from item i join category oc on oc.id = i.category_id where i.id = any(${[...ids]}::uuid[])`,
    );
    return rows.map(itemFromRow(this.sql));
  }

  /**
   * A slice in one statement: its counts per kind (a page's total, and `facets(filter)`'s `total`
   * and `byKind`) and each top of departments asked (`facets.byDepartment`), as one JSON value,
   * and the page, if asked, left-joined to it (a slice without items keeps its one row). A
   * dashboard's tile (page, counts, departments) is one round trip, not three. Without `counted`
   * no count is read: a page asked without its total (an endless list) costs only its rows. Counts
   * read from the items are kept for the dataset generation (src/modules/aggregates/slice-counts.ts): once kept,
   * the statement reads the page and the tops alone, or nothing is sent.
   */
  async slice(
    filter: ItemFilter,
    page: ItemPageQuery | null,
    departments: readonly DepartmentTop[],
    counted: boolean,
  ): Promise<Slice> {
    const counting = counted ? countsByKindSql(filter) : null;
    const kept = counting?.fromItems ? this.sql.sliceCounts : undefined;
    const filterKey = kept ? JSON.stringify(filter) : '';
    const generation = kept?.current();
    const known = kept?.kinds(filterKey);
    const counts = known ? null : counting;
    // The departments' order, total (names are unique), restated in the aggregate: a sorted
    // subquery's order is not one json_agg promises to keep.
    const tops = departments.map(({ relation, first }) => mostItemsFirst(filter, relation, first));
    const topsSql = tops.map(
      (top) => sql`(select coalesce(json_agg(d order by d.item_count desc, d.name collate "C"), '[]') from (${top}) d)`,
    );
    const kindsJson = counts ? raw('json_object_agg(g.kind, g.count)') : raw('null');
    const countsRow =
      counts || tops.length > 0
        ? sql`select json_build_object('kinds', ${kindsJson}, 'departments', json_build_array(${join(topsSql, ', ')})) as slice_counts${counts ? sql` from (${counts}) g` : empty}`
        : null;
    const pageSql = page && this.pageSql(page);
    if (!countsRow) {
      // A page alone, or nothing when its counts were all that was asked and are kept.
      const rows = pageSql ? await this.sql.statement<ItemRow>('itemSlice', pageSql) : [];
      return {
        counts: known ?? null,
        page: page && this.toPage(rows, page, known ? totalOf(known) : null),
        departments: [],
      };
    }
    // The JSON value on the page's first row only: on every row, pg would parse it every time.
    const rows = await this.sql.statement<SliceRow>(
      'itemSlice',
      pageSql
        ? sql`select case when x.page_position > 1 then null else c.slice_counts end as slice_counts, x.* from (${countsRow}) c left join lateral (select p.*, row_number() over () as page_position from (${pageSql}) p) x on true`
        : countsRow,
    );
    const first = rows[0];
    const carried = first.slice_counts ?? { kinds: null, departments: [] };
    const kinds = known ?? (counts && kindCounts(Object.entries(carried.kinds ?? {})));
    if (kept && !known && kinds) kept.keepKinds(generation, filterKey, kinds);
    return {
      counts: kinds,
      page: page && this.toPage(first.id == null ? [] : rows, page, kinds && totalOf(kinds)),
      departments: carried.departments.map((rows) => rows.map(this.sliceDepartment)),
    };
  }

  /** The first `first` departments of a slice by its items (all when null), alone in a statement. */
  async departmentsOfSlice(filter: ItemFilter | null, { relation, first }: DepartmentTop): Promise<SliceDepartment[]> {
    const rows = await this.sql.statement<DepartmentCountRow>(
      'itemFacetsByDepartment',
      mostItemsFirst(filter, relation, first),
    );
    return rows.map(this.sliceDepartment);
  }

  /** A department's row (`d.*`, as a row or as JSON) with its `item_count`. */
  private readonly sliceDepartment = (row: DepartmentCountRow): SliceDepartment => ({
    department: this.sql.model(Department).fromRow(row),
    count: row.item_count,
  });

  /**
   * One page per parent, each with its parent's total, in one statement whatever the number of
   * parents: the same page query once per parent (a lateral join), each an index range scan that
   * stops after `limit + 1` rows, and the parent's count beside it. Totals counted from the items
   * are kept for the dataset generation (src/modules/aggregates/slice-counts.ts): when every parent's is, the
   * statement reads the pages alone.
   */
  async pagesByParent(
    scope: ParentScope & { ids: readonly string[] },
    query: ItemPageQuery,
  ): Promise<Map<string, Page<Item>>> {
    const page = this.pageSql(query, scope);
    const counting = !query.counted
      ? null
      : scope.by === 'version'
        ? versionTotalSql(query.filter)
        : parentTotalSql(scope, query.filter);
    const kept = counting?.fromItems ? this.sql.sliceCounts : undefined;
    const parentKey = (id: string) =>
      `${scope.by} ${scope.by === 'department' ? scope.relation : ''} ${id} ${JSON.stringify(query.filter ?? null)}`;
    const generation = kept?.current();
    const known = kept ? scope.ids.map((id) => kept.total(parentKey(id))) : [];
    const allKnown = kept !== undefined && known.every((total) => total !== undefined);
    const total = counting && !allKnown ? counting : raw('select null::int as total');
    // One parent (a department's or a town's items, the usual request) is a one-row list: a
    // generic plan of an array's unnest counts its rows unknown, dearer than plans for the values,
    // so PostgreSQL would plan every execution anew (2 ms of this statement's 4.5 at 100 towns).
    const parents =
      scope.ids.length === 1
        ? sql`(values (${scope.ids[0]}::uuid, 1)) as p(parent_id, position)`
        : sql`unnest(${[...scope.ids]}::uuid[]) with ordinality as p(parent_id, position)`;
    const rows = await this.sql.statement<ParentPageRow>(
      'itemPagesByParent',
      sql`select p.parent_id, t.total, x.* from ${parents} cross join lateral (${total}) t left join lateral (${page}) x on true order by p.position`,
    );
    const byParent = new Map<string, { total: number | null; rows: ItemRow[] }>();
    for (const row of rows) {
      const parent = row.parent_id;
      let found = byParent.get(parent);
      if (!found) {
        found = { total: row.total, rows: [] };
        byParent.set(parent, found);
      }
      // A parent without matching items has one row: its total, and no item.
      if (row.id !== null) found.rows.push(row);
    }
    return new Map(
      scope.ids.map((parent, i) => {
        const found = byParent.get(parent);
        const counted = allKnown ? (known[i] as number) : (found?.total ?? (query.counted ? 0 : null));
        if (kept && !allKnown && counted !== null) kept.keepTotal(generation, parentKey(parent), counted);
        return [parent, this.toPage(found?.rows ?? [], query, counted)];
      }),
    );
  }

  private toPage(rows: ItemRow[], query: ItemPageQuery, total: number | null): Page<Item> {
    const items = rows.map(itemFromRow(this.sql, query.unread));
    rows.forEach((row, i) => {
      if (row.kept_to != null) items[i].keptFrom = row.kept_from as number;
    });
    const cursorOf = (item: Item) => {
      const row = rows[items.indexOf(item)];
      return encodeCursor(
        query.signature,
        query.order.map((_, k) => row[keyAlias(k)]),
      );
    };
    return toPage(items, query.request, total, cursorOf);
  }

  /**
   * The page statement over `item i`, of all items or of the parent `p.parent_id` of a lateral
   * join: filter, cursor, order, limit. Each item comes with its category (`itemColumns`). A
   * search of all items or of a category's in the town order has a statement of its own
   * (search-page.ts).
   */
  private pageSql(query: ItemPageQuery, scope?: ParentScope): Sql {
    const { order, request } = query;
    const sortKeys = order.map((column, i) => `, ${column.sql} as ${keyAlias(i)}`).join('');
    const direction = (column: OrderColumn) => (column.descending !== request.backward ? 'desc' : 'asc');
    const sortSql = raw(order.map((column) => `${column.sql} ${direction(column)}`).join(', '));
    const seek = request.after ? seekCondition(order, request.after, request.backward) : raw('true');
    const limit = rowCount(request.limit + 1);
    // A version's items say which are states kept in history (`keptFrom`, set by toPage).
    const kept = scope?.by === 'version' ? raw(', i.valid_from as kept_from, i.valid_to as kept_to') : empty;
    const columns = sql`${itemColumns(this.sql, query.unread)}${kept}${raw(sortKeys)}`;
    const keys = raw(order.map((column, i) => `${keyAlias(i)} ${direction(column)}`).join(', '));
    const parts: PageParts = { columns, order: { sql: sortSql, keys }, seek, limit };
    // Of all items or of a category; a town's or a department's items are few, sorted below.
    const byPartition = order[0].byPartition && (!scope || scope.by === 'category');
    const partitions = byPartition ? partitionFilter(query.filter) : null;
    if (partitions) return partitionedPageSql(parts, partitions, scope);
    // A town's items are a few hundred: walked, whatever the search.
    const searchScope = !scope ? 'all' : scope.by === 'category' ? 'category' : null;
    const search = searchScope && walksOrderIndex(order) ? loneSearch(query.filter) : null;
    if (searchScope && search != null) {
      return searchPageSql(parts, searchScope, search, { kinds: query.filter?.kinds });
    }
    const parent = scope ? ofParent(scope, 'i') : raw(' where true');
    const { items, links } = itemsOf(scope);
    const conditions = itemConditions(query.filter, 'i', 'seen', links);
    return sql`select ${columns} from ${items} join category as oc on oc.id = i.category_id${parent} and ${conditions} and ${seek} order by ${sortSql} limit ${limit}`;
  }
}

/**
 * The relation a page reads its items from (`i`) and the links its department filter reads: the
 * current ones, or those of the version `p.parent_id`.
 */
function itemsOf(scope: ParentScope | undefined): { items: Sql; links: Sql } {
  if (scope?.by === 'version') return { items: versionItems(raw('p.parent_id')), links: STATE_LINKS };
  return { items: raw('item as i'), links: raw('link') };
}

/** The total of a version's items that a filter keeps: counted from them (no counts are kept of a version). */
function versionTotalSql(filter: ItemFilter | null | undefined): Sql & { fromItems: boolean } {
  const conditions = itemConditions(filter, 'i', 'seen', STATE_LINKS);
  const total = sql`select count(*)::int as total from ${versionItems(raw('p.parent_id'))} where ${conditions}`;
  return Object.assign(total, { fromItems: false });
}

/** Whether the order is the default one, all one direction: the order indexes hold it (search-page.ts). */
function walksOrderIndex(order: OrderColumn[]): boolean {
  const indexOrder = DEFAULT_ITEM_ORDER_SQL.split(', ');
  return (
    order.length === indexOrder.length &&
    order.every((column, i) => column.sql === indexOrder[i] && column.descending === order[0].descending)
  );
}

/**
 * The select list of items read with their categories (`item i join category oc`): the item's
 * columns, and its category's under the joined prefix. Every statement reading items joins the
 * category (two short columns of a small table), so `Item.category` is a plain field: nearly
 * every page is read with `category { name }`, which then costs no resolver call.
 */
function itemColumns(request: RequestSql, unread: readonly UnreadProperty[] = []): Sql {
  return raw(
    `${request.model(Item).without(unread).columns('i')}, ${request.model(Category).prefixed(JOINED).columns('oc')}`,
  );
}

/** The item of a row holding `itemColumns` (with the same properties unread), its category joined. */
function itemFromRow(request: RequestSql, unread: readonly UnreadProperty[] = []): (row: ItemRow) => Item {
  return request.model(Item).without(unread).joining('category', request.model(Category), JOINED);
}

/** Counts per kind found, as all three kinds, zeros included. */
function kindCounts(found: Iterable<readonly [string, number]>): Map<ItemKind, number> {
  const counts = new Map(found);
  return new Map(Object.values(ItemKind).map((kind) => [kind, counts.get(kind) ?? 0]));
}
