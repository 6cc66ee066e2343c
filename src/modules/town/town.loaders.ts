import { loaderById } from '../common/loader-factory';
import type { RequestSql } from '../common/request-sql';
import { TownRepository } from './town.repository';

export const townLoaders = {
  town: (sql: RequestSql) => loaderById((ids) => new TownRepository(sql).byIds(ids)),
};
