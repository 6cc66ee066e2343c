import { loaderById, loaderOfMap, loaderPerArguments } from '../common/loader-factory';
import type { RequestSql } from '../common/request-sql';
import { ItemRepository } from './item.repository';
import type { ItemPageQuery } from './item-page-query';
import { sliceLoader } from './item-slices';
import type { ParentScope } from './parent-scope';

export const itemLoaders = {
  /** Items by id (`item`, `_entities`, a link's item), with their categories as pages have them. */
  item: (sql: RequestSql) => loaderById((ids) => new ItemRepository(sql).byIds(ids)),
  /** Pages of the items of many towns, categories or departments, for one argument set. */
  itemPages: (sql: RequestSql) =>
    loaderPerArguments(({ scope, query }: { scope: ParentScope; query: ItemPageQuery }) =>
      loaderOfMap((ids) => new ItemRepository(sql).pagesByParent({ ...scope, ids }, query)),
    ),
  /** Parts of slices (page, counts per kind, top departments): one statement a filter (item-slices.ts). */
  itemSlices: sliceLoader,
};
