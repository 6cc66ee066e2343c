import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { SliceCounts } from '../modules/aggregates/slice-counts';
import { categoryLoaders } from '../modules/category/category.loaders';
import { madeOnFirstUse } from '../modules/common/loader-factory';
import { RequestSql } from '../modules/common/request-sql';
import { departmentLoaders } from '../modules/department/department.loaders';
import { graphLoaders } from '../modules/graph/graph.loaders';
import { itemLoaders } from '../modules/item/item.loaders';
import { linkLoaders } from '../modules/link/link.loaders';
import { townLoaders } from '../modules/town/town.loaders';
import { versionLoaders } from '../modules/version/version.loaders';
import type { ExecutedBy } from './compiled-execution';

const createLoaders = madeOnFirstUse({
  ...townLoaders,
  ...categoryLoaders,
  ...departmentLoaders,
  ...itemLoaders,
  ...linkLoaders,
  ...graphLoaders,
  ...versionLoaders,
});

export type Loaders = ReturnType<typeof createLoaders>;

/** What every resolver gets: the request's statements (counted), batch loaders and logger. */
export interface Context extends ExecutedBy {
  sql: RequestSql;
  loaders: Loaders;
  logger: Logger;
}

export function createContext(
  orm: MikroORM,
  logger: Logger,
  options: { preparedStatements?: boolean; sliceCounts?: SliceCounts } = {},
): Context {
  // No fork per request: the API reads with SQL through the EntityManager's knex and builds plain
  // objects (read-model.ts), so no identity map holds anything between requests. What a request
  // caches is in its loaders. MikroORM refuses find/persist on this global EntityManager, so a
  // resolver that loaded entities would fail its tests rather than share them across requests.
  const sql = new RequestSql(orm.em, options.preparedStatements, options.sliceCounts);
  return { sql, loaders: createLoaders(sql), logger };
}
