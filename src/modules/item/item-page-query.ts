/**
 * An item connection's arguments, checked: its filter, its total order (the sort keys a cursor
 * holds) and its page position. Every user mistake in them is a BAD_USER_INPUT here, before any
 * statement is built.
 */
import { badUserInput } from '../../graphql/errors';
import { ItemKind } from '../common/enums';
import {
  checkCursorValues,
  type PageArgs,
  type PageRequest,
  pageRequest,
  type SortKey,
  sliceSignature,
} from '../common/pagination';
import type { Item } from './item.entity';
import { type ItemFilter, type ItemOrder, ItemOrderField, SortDirection } from './item.inputs';
import { checkItemFilter } from './item-filter';

/** A checked page query: filter, total order and page position. */
export interface ItemPageQuery {
  filter: ItemFilter | null | undefined;
  order: OrderColumn[];
  signature: string;
  request: PageRequest;
  /** Whether the page's total is asked for (`totalCount`); a page without it is not counted. */
  counted: boolean;
  /** The item properties its selection does not ask for, which the page leaves unread. */
  unread: UnreadProperty[];
}

/**
 * Item properties a page reads only when its selection asks for them: the longest texts (a
 * cooperative item's responsibilities are half of its row), which most pages, a dashboard's rows
 * of number, name and category, never show. Only these: every set left unread is another
 * statement text, and the other columns are a few bytes each.
 */
const READ_WHEN_ASKED = ['townResponsibilities', 'workingMethod'] as const satisfies readonly (keyof Item)[];
export type UnreadProperty = (typeof READ_WHEN_ASKED)[number];

export interface OrderColumn extends SortKey {
  /**
   * Whether an index per category and kind holds the order this key leads (number, name:
   * item_number_order_index, item_name_order_index), so that a page of categories and kinds is
   * read partition by partition (`partitionedPageSql`).
   */
  byPartition?: true;
}

const SORT_KEYS: Record<ItemOrderField, Omit<OrderColumn, 'descending'>[]> = {
  // The town's prefecture, county and name, kept on the item (byte-wise collation) for the indexes.
  [ItemOrderField.TOWN]: [{ sql: 'i.town_key', type: 'text' }],
  [ItemOrderField.KIND]: [{ sql: 'i.kind', type: { oneOf: Object.values(ItemKind) } }],
  [ItemOrderField.NUMBER]: [{ sql: 'i.number', type: 'int', byPartition: true }],
  [ItemOrderField.NAME]: [{ sql: 'i.name collate "C"', type: 'text', byPartition: true }],
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

/**
 * Checks the arguments of an item connection; every user mistake is a BAD_USER_INPUT here.
 * `asks`: whether the selection asks for the total (`totalCount`) and for a property of the items.
 */
export function itemPageQuery(
  args: Partial<PageArgs> & { filter?: ItemFilter | null; orderBy?: ItemOrder[] | null },
  asks: { total: boolean; property(name: UnreadProperty): boolean } = { total: true, property: () => true },
): ItemPageQuery {
  checkItemFilter(args.filter);
  const orderBy = args.orderBy && args.orderBy.length > 0 ? args.orderBy : DEFAULT_ITEM_ORDER;
  const fields = orderBy.map((order) => order.field);
  if (new Set(fields).size !== fields.length) throw badUserInput('orderBy names a field twice', 'orderBy');
  const order: OrderColumn[] = [
    ...orderBy.flatMap((order) =>
      SORT_KEYS[order.field].map((key) => ({ ...key, descending: order.direction === SortDirection.DESC })),
    ),
    // The id makes the order total, so pages neither repeat nor skip rows; in the last key's
    // direction, so that an index read backwards holds a descending order as it is.
    { sql: 'i.id', type: 'uuid', descending: orderBy[orderBy.length - 1].direction === SortDirection.DESC },
  ];
  // A descending order names its tie's direction: its cursors made before ties followed the last
  // key (ascending then) would skip or repeat tied rows, and are refused as of another order.
  const tie = order[order.length - 1].descending ? ',ID:DESC' : '';
  const orderSignature = orderBy.map((o) => `${o.field}:${o.direction ?? SortDirection.ASC}`).join(',') + tie;
  // Its cursors name the filter too: one of another filter is refused, not read as an empty page.
  const signature = `${orderSignature}|${sliceSignature(args.filter)}`;
  const request = pageRequest(args, signature);
  if (request.after) checkCursorValues(request.after, order, args.before != null ? 'before' : 'after');
  const unread = READ_WHEN_ASKED.filter((property) => !asks.property(property));
  return { filter: args.filter, order, signature, request, counted: asks.total, unread };
}
