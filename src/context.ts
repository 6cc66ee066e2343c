import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { categoryLoaders } from './modules/category/category.loaders';
import { departmentLoaders } from './modules/department/department.loaders';
import { graphLoaders } from './modules/graph/graph.loaders';
import { itemLoaders } from './modules/item/item.loaders';
import { linkLoaders } from './modules/link/link.loaders';
import { townLoaders } from './modules/town/town.loaders';

export type Loaders = ReturnType<typeof createLoaders>;

/** What every resolver gets: a request's own EntityManager and batch loaders over it. */
export interface Context {
  em: EntityManager;
  loaders: Loaders;
  logger: Logger;
}

function createLoaders(em: EntityManager) {
  return {
    ...townLoaders(em),
    ...categoryLoaders(em),
    ...departmentLoaders(em),
    ...itemLoaders(em),
    ...linkLoaders(em),
    ...graphLoaders(em),
  };
}

export function createContext(orm: MikroORM, logger: Logger): Context {
  // A fork per request: its own identity map, nothing shared between requests.
  const em = orm.em.fork();
  return { em, loaders: createLoaders(em), logger };
}
