import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { ExecutedBy } from './compiled-execution';
import { categoryLoaders } from './modules/category/category.loaders';
import { madeOnFirstUse } from './modules/common/loader-factory';
import { departmentLoaders } from './modules/department/department.loaders';
import { graphLoaders } from './modules/graph/graph.loaders';
import { itemLoaders } from './modules/item/item.loaders';
import { linkLoaders } from './modules/link/link.loaders';
import { townLoaders } from './modules/town/town.loaders';

const createLoaders = madeOnFirstUse({
  ...townLoaders,
  ...categoryLoaders,
  ...departmentLoaders,
  ...itemLoaders,
  ...linkLoaders,
  ...graphLoaders,
});

export type Loaders = ReturnType<typeof createLoaders>;

/** What every resolver gets: the EntityManager to read with and the request's batch loaders. */
export interface Context extends ExecutedBy {
  em: EntityManager;
  loaders: Loaders;
  logger: Logger;
}

export function createContext(orm: MikroORM, logger: Logger): Context {
  // No fork per request: the API reads with SQL through the EntityManager's knex and builds plain
  // objects (read-model.ts), so no identity map holds anything between requests. What a request
  // caches is in its loaders. MikroORM refuses find/persist on this global EntityManager, so a
  // resolver that loaded entities would fail its tests rather than share them across requests.
  return { em: orm.em, loaders: createLoaders(orm.em), logger };
}
