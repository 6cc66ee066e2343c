import DataLoader from 'dataloader';
import { loaderById, loaderOfMap, loaderPerArguments } from '../common/loader-factory';
import type { RequestSql } from '../common/request-sql';
import { Item } from './item.entity';
import { type ItemPageQuery, ItemRepository, type ParentScope, type Slice, type SliceRequest } from './item.repository';

export const itemLoaders = {
  item: (sql: RequestSql) => loaderById((ids) => sql.model(Item).byIds(sql, ids)),
  /** Pages of the items of many towns, categories or departments, for one argument set. */
  itemPages: (sql: RequestSql) =>
    loaderPerArguments(({ scope, query }: { scope: ParentScope; query: ItemPageQuery }) =>
      loaderOfMap((ids) => new ItemRepository(sql).pagesByParent({ ...scope, ids }, query)),
    ),
  /**
   * Slices counted per kind, and paged where `items(filter)` asks: `items(filter)` (its page and
   * totalCount), `facets(filter).total` and `byKind` of a dashboard's request are one statement.
   */
  itemSlices: (sql: RequestSql) =>
    new DataLoader<SliceRequest, Slice, string>((requests) => new ItemRepository(sql).slices(requests), {
      // The page's order is its signature: its columns' SQL need not be written out for a key.
      cacheKeyFn: ({ filter, page }) =>
        page ? `${JSON.stringify(filter)} ${page.signature} ${JSON.stringify(page.request)}` : JSON.stringify(filter),
    }),
};
