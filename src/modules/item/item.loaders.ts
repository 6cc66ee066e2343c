import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { ItemKind } from '../common/enums';
import { loaderById, loaderOfMap, loaderPerArguments } from '../common/loader-factory';
import { readModel } from '../common/read-model';
import { Item } from './item.entity';
import type { ItemFilter } from './item.inputs';
import { type ItemPageQuery, ItemRepository, type ParentScope } from './item.repository';

export const itemLoaders = {
  item: (em: EntityManager) => loaderById((ids) => readModel(em, Item).byIds(em.getKnex(), ids)),
  /** Pages of the items of many towns, categories or departments, for one argument set. */
  itemPages: (em: EntityManager) =>
    loaderPerArguments(({ scope, query }: { scope: ParentScope; query: ItemPageQuery }) =>
      loaderOfMap((ids) => new ItemRepository(em).pages({ ...scope, ids }, query)),
    ),
  /**
   * A slice's items counted per kind, once per filter in a request: `items(filter).totalCount`,
   * `facets(filter).total` and `byKind` of a dashboard's request are one statement. No filter is
   * `{}` (DataLoader takes no null key), which selects the same items.
   */
  itemCountsByKind: (em: EntityManager) =>
    new DataLoader<ItemFilter, Map<ItemKind, number>, string>(
      (filters) => Promise.all(filters.map((filter) => new ItemRepository(em).countsByKind(filter))),
      { cacheKeyFn: (filter) => JSON.stringify(filter) },
    ),
};
