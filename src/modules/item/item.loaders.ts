import { loaderById, loaderOfMap, loaderPerArguments } from '../common/loader-factory';
import type { RequestSql } from '../common/request-sql';
import { type ItemPageQuery, ItemRepository, itemColumns, itemFromRow } from './item.repository';
import { sliceLoader } from './item-slices';
import type { ParentScope } from './parent-scope';

/** `itemsById`'s statement, made once from the read models. */
let itemsByIdSql: string | undefined;

export const itemLoaders = {
  /** Items by id (`item`, `_entities`, a link's item), with their categories as pages have them. */
  item: (sql: RequestSql) =>
    loaderById(async (ids) => {
      itemsByIdSql ??= `/* itemsById */ select ${itemColumns(sql)} from item i join category oc on oc.id = i.category_id where i.id = any(?::uuid[])`;
      return (await sql.raw(itemsByIdSql, [[...ids]])).map(itemFromRow(sql));
    }),
  /** Pages of the items of many towns, categories or departments, for one argument set. */
  itemPages: (sql: RequestSql) =>
    loaderPerArguments(({ scope, query }: { scope: ParentScope; query: ItemPageQuery }) =>
      loaderOfMap((ids) => new ItemRepository(sql).pagesByParent({ ...scope, ids }, query)),
    ),
  /** Parts of slices (page, counts per kind, top departments): one statement a filter (item-slices.ts). */
  itemSlices: sliceLoader,
};
