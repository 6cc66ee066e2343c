import type { EntityManager } from '@mikro-orm/postgresql';
import { loaderById, loaderOfMap, loaderPerArguments } from '../common/loader-factory';
import { readModel } from '../common/read-model';
import { Item } from './item.entity';
import { type ItemPageQuery, ItemRepository, type ParentScope } from './item.repository';

export const itemLoaders = {
  item: (em: EntityManager) => loaderById((ids) => readModel(em, Item).byIds(em.getKnex(), ids)),
  /** Pages of the items of many towns, categories or departments, for one argument set. */
  itemPages: (em: EntityManager) =>
    loaderPerArguments(({ scope, query }: { scope: ParentScope; query: ItemPageQuery }) =>
      loaderOfMap((ids) => new ItemRepository(em).pages({ ...scope, ids }, query)),
    ),
};
