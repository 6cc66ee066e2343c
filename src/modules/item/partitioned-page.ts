/**
 * A page strategy beside search-page.ts's: the page of an order that an index per category and
 * kind holds, read partition by partition (item.repository.ts chooses it).
 */
import { empty, raw, type Sql, sql } from '../common/sql';
import type { ItemFilter } from './item.inputs';
import { itemConditions } from './item-filter';
import type { ParentScope } from './parent-scope';
import type { PageParts } from './search-page';

/** The filter of a page read by partitions: its categories and kinds, when it names nothing else. */
export function partitionFilter(filter: ItemFilter | null | undefined): ItemFilter | null {
  const { kinds, categoryIds, categoryNames, ...rest } = filter ?? {};
  if (Object.values(rest).some((value) => value != null)) return null;
  return { kinds, categoryIds, categoryNames };
}

/**
 * A page in an order that an index per category and kind holds (number or name first), of all
 * items, of some categories and kinds, or of a category (`p.parent_id` of a lateral join): the
 * page of each category and kind (a partition) read from that index, which stops after the page,
 * then the first of them all. At 10,000 towns 63 partitions of 21 rows are sorted, not the
 * slice's items (2.5 million for all items). The partitions are the filter's, compiled against a
 * list of every category and kind (`pc`), so the filter decides which are read.
 */
export function partitionedPageSql(page: PageParts, filter: ItemFilter, scope: ParentScope | undefined): Sql {
  const { columns, order, seek, limit } = page;
  const partitions = sql`select * from (select c.id as category_id, k.kind from category as c cross join unnest(enum_range(null::item_kind)) as k(kind)) as pc where ${itemConditions(filter, 'pc')}${scope ? raw(' and pc.category_id = p.parent_id') : empty}`;
  const partitionPage = sql`select ${columns} from item as i join category as oc on oc.id = i.category_id where i.category_id = pc.category_id and i.kind = pc.kind and ${seek} order by ${order.sql} limit ${limit}`;
  return sql`select x.* from (${partitions}) as pc cross join lateral (${partitionPage}) as x order by ${order.keys} limit ${limit}`;
}
