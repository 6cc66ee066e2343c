import { loaderById, loaderOfMap, loaderPerArguments } from '../common/loader-factory';
import type { RequestSql } from '../common/request-sql';
import { Item } from './item.entity';
import { type ItemPageQuery, ItemRepository, type ParentScope } from './item.repository';
import { sliceLoader } from './item-slices';

export const itemLoaders = {
  item: (sql: RequestSql) => loaderById((ids) => sql.model(Item).byIds(sql, ids)),
  /** Pages of the items of many towns, categories or departments, for one argument set. */
  itemPages: (sql: RequestSql) =>
    loaderPerArguments(({ scope, query }: { scope: ParentScope; query: ItemPageQuery }) =>
      loaderOfMap((ids) => new ItemRepository(sql).pagesByParent({ ...scope, ids }, query)),
    ),
  /** Parts of slices (page, counts per kind, top departments): one statement a filter (item-slices.ts). */
  itemSlices: sliceLoader,
};
