import DataLoader from 'dataloader';
import type { ItemKind } from '../common/enums';
import { loaderById, loaderOfMap, loaderPerArguments } from '../common/loader-factory';
import type { RequestSql } from '../common/request-sql';
import { Item } from './item.entity';
import type { ItemFilter } from './item.inputs';
import { type ItemPageQuery, ItemRepository, type ParentScope } from './item.repository';

export const itemLoaders = {
  item: (sql: RequestSql) => loaderById((ids) => sql.model(Item).byIds(sql, ids)),
  /** Pages of the items of many towns, categories or departments, for one argument set. */
  itemPages: (sql: RequestSql) =>
    loaderPerArguments(({ scope, query }: { scope: ParentScope; query: ItemPageQuery }) =>
      loaderOfMap((ids) => new ItemRepository(sql).pagesByParent({ ...scope, ids }, query)),
    ),
  /**
   * A slice's items counted per kind, once per filter in a request: `items(filter).totalCount`,
   * `facets(filter).total` and `byKind` of a dashboard's request are one statement. No filter is
   * `{}` (DataLoader takes no null key), which selects the same items.
   */
  itemCountsByKind: (sql: RequestSql) =>
    new DataLoader<ItemFilter, Map<ItemKind, number>, string>(
      (filters) => Promise.all(filters.map((filter) => new ItemRepository(sql).countsByKind(filter))),
      { cacheKeyFn: (filter) => JSON.stringify(filter) },
    ),
};
