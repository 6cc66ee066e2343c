/**
 * Item pages for many parents at once: one SQL statement for every parent's page and total,
 * whatever the number of parents. Pages are keyset pages, so a deep page costs what the first
 * one does.
 */
import type { Knex } from '@mikro-orm/postgresql';
import { badUserInput } from '../../errors';
import { Category } from '../category/category.entity';
import { ItemKind, type Relation } from '../common/enums';
import {
  encodeCursor,
  type Page,
  type PageArgs,
  type PageRequest,
  pageRequest,
  seekCondition,
  toPage,
} from '../common/pagination';
import { JOINED } from '../common/read-model';
import type { RequestSql } from '../common/request-sql';
import { Item } from './item.entity';
import { type ItemFilter, type ItemOrder, ItemOrderField, SortDirection } from './item.inputs';
import { countSource, ITEMS, totalOf } from './item-counts';
import { applyItemFilter, checkItemFilter } from './item-filter';

/** Whose items: those of some towns, categories or departments (by a relation). */
export type ParentScope = { by: 'town' | 'category' } | { by: 'department'; relation: Relation | null };

/** A slice asked for by a request: its counts per kind, and its page where `items(filter)` asks. */
export interface SliceRequest {
  /** No filter is `{}` (a DataLoader key), which selects the same items. */
  filter: ItemFilter;
  page: ItemPageQuery | null;
}

export interface Slice {
  counts: Map<ItemKind, number>;
  page: Page<Item> | null;
}

/** A checked page query: filter, total order and page position. */
export interface ItemPageQuery {
  filter: ItemFilter | null | undefined;
  order: OrderColumn[];
  signature: string;
  request: PageRequest;
}

interface OrderColumn {
  sql: string;
  descending: boolean;
  type: 'text' | 'int';
}

const SORT_KEYS: Record<ItemOrderField, Omit<OrderColumn, 'descending'>[]> = {
  // The town's prefecture, county and name, kept on the item (byte-wise collation) for the indexes.
  [ItemOrderField.TOWN]: [{ sql: 'i.town_key', type: 'text' }],
  [ItemOrderField.KIND]: [{ sql: 'i.kind', type: 'text' }],
  [ItemOrderField.NUMBER]: [{ sql: 'i.number', type: 'int' }],
  [ItemOrderField.NAME]: [{ sql: 'i.name collate "C"', type: 'text' }],
  // Page statements join the item's category as `oc`.
  [ItemOrderField.CATEGORY]: [{ sql: 'oc.name collate "C"', type: 'text' }],
};

/** The default order as SQL over `item i`, for lists of items built outside the page query. */
export const DEFAULT_ITEM_ORDER_SQL = 'i.town_key, i.kind, i.number, i.id';

export const DEFAULT_ITEM_ORDER: ItemOrder[] = [
  { field: ItemOrderField.TOWN, direction: SortDirection.ASC },
  { field: ItemOrderField.KIND, direction: SortDirection.ASC },
  { field: ItemOrderField.NUMBER, direction: SortDirection.ASC },
];

/** Checks the arguments of an item connection; every user mistake is a BAD_USER_INPUT here. */
export function itemPageQuery(
  args: Partial<PageArgs> & { filter?: ItemFilter | null; orderBy?: ItemOrder[] | null },
): ItemPageQuery {
  checkItemFilter(args.filter);
  const orderBy = args.orderBy && args.orderBy.length > 0 ? args.orderBy : DEFAULT_ITEM_ORDER;
  const fields = orderBy.map((order) => order.field);
  if (new Set(fields).size !== fields.length) throw badUserInput('orderBy names a field twice', 'orderBy');
  const order: OrderColumn[] = [
    ...orderBy.flatMap((order) =>
      SORT_KEYS[order.field].map((key) => ({ ...key, descending: order.direction === SortDirection.DESC })),
    ),
    // The id makes the order total, so pages neither repeat nor skip rows.
    { sql: 'i.id', type: 'text', descending: false },
  ];
  const signature = orderBy.map((o) => `${o.field}:${o.direction ?? SortDirection.ASC}`).join(',');
  const request = pageRequest(args, signature);
  if (request.after) checkCursorValues(request.after, order);
  return { filter: args.filter, order, signature, request };
}

function checkCursorValues(values: unknown[], order: OrderColumn[]): void {
  const fits =
    values.length === order.length &&
    order.every((column, i) => (column.type === 'int' ? Number.isInteger(values[i]) : typeof values[i] === 'string'));
  if (!fits) throw badUserInput('cursor does not fit this order', 'after');
}

/** The row's position in the order: what a cursor holds. */
const keyAlias = (i: number) => `sort_key_${i}`;

export class ItemRepository {
  constructor(private readonly sql: RequestSql) {}

  private get knex(): Knex {
    return this.sql.knex;
  }

  /**
   * The page of all items matching the query's filter, and their counts per kind (the page's
   * total, and `facets(filter)`'s `total` and `byKind`): one statement, the counts as one row
   * beside the page (a slice without items keeps that row by a left join).
   */
  async pageWithCounts(query: ItemPageQuery): Promise<Slice> {
    const counts = this.countsByKindQuery(query.filter).toSQL();
    const page = this.pageQuery(this.knex('item as i'), query).toSQL();
    const rows = await this.sql.raw(
      `/* itemPageWithCounts */ select c.kind_counts, x.* from (select json_object_agg(g.kind, g.count) as kind_counts from (${counts.sql}) g) c left join lateral (${page.sql}) x on true`,
      [...counts.bindings, ...page.bindings] as Knex.RawBinding[],
    );
    const counted = kindCounts(Object.entries((rows[0]?.kind_counts ?? {}) as Record<string, number>));
    const items = rows[0]?.id == null ? [] : rows;
    return { counts: counted, page: this.toPage(items, query, totalOf(counted)) };
  }

  /**
   * Slices of a request, each counted per kind and, where `items(filter)` asked, paged: one
   * statement per page asked, and one per filter asked for its counts alone, where no page of the
   * same filter counts it already.
   */
  async slices(requests: readonly SliceRequest[]): Promise<Slice[]> {
    const paged = requests.map((request) => (request.page ? this.pageWithCounts(request.page) : null));
    const counted = new Map<string, Promise<Map<ItemKind, number>>>();
    for (const [i, slice] of paged.entries()) {
      const filter = JSON.stringify(requests[i].filter);
      if (slice && !counted.has(filter))
        counted.set(
          filter,
          slice.then((found) => found.counts),
        );
    }
    const countsOf = (filter: ItemFilter) => {
      const key = JSON.stringify(filter);
      const counts = counted.get(key) ?? this.countsByKind(filter);
      counted.set(key, counts);
      return counts;
    };
    return Promise.all(
      requests.map((request, i) => paged[i] ?? countsOf(request.filter).then((counts) => ({ counts, page: null }))),
    );
  }

  /**
   * One page per parent, each with its parent's total, in one statement whatever the number of
   * parents: the same page query once per parent (a lateral join), each an index range scan that
   * stops after `limit + 1` rows, and the parent's count beside it.
   */
  async pagesByParent(
    scope: ParentScope & { ids: readonly string[] },
    query: ItemPageQuery,
  ): Promise<Map<string, Page<Item>>> {
    const page = this.pageQuery(this.ofParent(scope), query).toSQL();
    const total = this.totalOfParent(scope, query.filter).toSQL();
    const rows = await this.sql.raw(
      `/* itemPagesByParent */ select p.parent_id, t.total, x.* from unnest(?::uuid[]) with ordinality as p(parent_id, position) cross join lateral (${total.sql}) t left join lateral (${page.sql}) x on true order by p.position`,
      [[...scope.ids], ...total.bindings, ...page.bindings] as Knex.RawBinding[],
    );
    const byParent = new Map<string, { total: number; rows: Record<string, unknown>[] }>();
    for (const row of rows) {
      const parent = String(row.parent_id);
      let found = byParent.get(parent);
      if (!found) {
        found = { total: row.total as number, rows: [] };
        byParent.set(parent, found);
      }
      // A parent without matching items has one row: its total, and no item.
      if (row.id !== null) found.rows.push(row);
    }
    return new Map(
      scope.ids.map((parent) => {
        const found = byParent.get(parent);
        return [parent, this.toPage(found?.rows ?? [], query, found?.total ?? 0)];
      }),
    );
  }

  private toPage(rows: Record<string, unknown>[], query: ItemPageQuery, total: number): Page<Item> {
    const items = rows.map(this.sql.model(Item).joining('category', this.sql.model(Category), JOINED));
    const cursorOf = (item: Item) => {
      const row = rows[items.indexOf(item)];
      return encodeCursor(
        query.signature,
        query.order.map((_, k) => row[keyAlias(k)]),
      );
    };
    return toPage(items, query.request, total, cursorOf);
  }

  /** Items matching `filter` per kind (all three, zeros included): one statement. */
  async countsByKind(filter: ItemFilter | null | undefined): Promise<Map<ItemKind, number>> {
    const rows = await this.sql.query<{ kind: ItemKind; count: number }>(
      'itemCountsByKind',
      this.countsByKindQuery(filter),
    );
    return kindCounts(rows.map((row) => [row.kind, row.count]));
  }

  private countsByKindQuery(filter: ItemFilter | null | undefined): Knex.QueryBuilder {
    checkItemFilter(filter);
    const source = countSource(filter);
    const query = this.knex(source.table)
      .select(`${source.alias}.kind`, this.knex.raw(`${source.count} as count`))
      .groupBy(`${source.alias}.kind`);
    applyItemFilter(this.knex, query, filter, source.alias);
    return query;
  }

  /** The count of `p.parent_id`'s items matching `filter`, for the lateral join of `pagesByParent`. */
  private totalOfParent(scope: ParentScope, filter: ItemFilter | null | undefined): Knex.QueryBuilder {
    // Departments' items are found through their links, which the kept counts do not hold.
    const source = scope.by === 'department' ? ITEMS : countSource(filter, { perTown: scope.by === 'town' });
    const query = this.ofParent(scope, source).select(this.knex.raw(`${source.count} as total`));
    applyItemFilter(this.knex, query, filter, source.alias);
    return query;
  }

  /** `items` (an `item i` query) narrowed by the page query: filter, cursor, order, limit. */
  private pageQuery(items: Knex.QueryBuilder, query: ItemPageQuery): Knex.QueryBuilder {
    const { order, request } = query;
    const knex = this.knex;
    const sortSql = order
      .map((column) => `${column.sql} ${column.descending !== request.backward ? 'desc' : 'asc'}`)
      .join(', ');
    // Each item comes with its category (two short columns of a small table): nearly every page
    // is read with `category { name }`, which then needs no statement and no loader call.
    const page = items
      .select(this.sql.columns(Item, 'i'), this.sql.columns(Category, 'oc', JOINED))
      .join('category as oc', 'oc.id', 'i.category_id');
    for (const [i, column] of order.entries()) page.select(knex.raw(`${column.sql} as ${keyAlias(i)}`));
    applyItemFilter(knex, page, query.filter);
    if (request.after) {
      const seek = seekCondition(order, request.after, request.backward);
      page.whereRaw(seek.sql, seek.bindings as Knex.Value[]);
    }
    return page.orderByRaw(sortSql).limit(request.limit + 1);
  }

  /**
   * The items (`item i`, or the kept counts of `source`) of the parent `p.parent_id` of a lateral
   * join; a department's through its links.
   */
  private ofParent(scope: ParentScope, source = ITEMS): Knex.QueryBuilder {
    const query = this.knex(source.table);
    if (scope.by === 'department') {
      query.join('link as pl', 'pl.item_id', 'i.id').whereRaw('pl.department_id = p.parent_id');
      if (scope.relation) query.where('pl.relation', scope.relation);
    } else {
      query.whereRaw(`${parentColumn(scope, source.alias)} = p.parent_id`);
    }
    return query;
  }
}

/** Counts per kind found, as all three kinds, zeros included. */
function kindCounts(found: Iterable<readonly [string, number]>): Map<ItemKind, number> {
  const counts = new Map(found);
  return new Map(Object.values(ItemKind).map((kind) => [kind, counts.get(kind) ?? 0]));
}

function parentColumn(scope: ParentScope, alias = 'i'): string {
  return { town: `${alias}.town_id`, category: `${alias}.category_id`, department: 'pl.department_id' }[scope.by];
}
