import { loaderById } from '../common/loader-factory';
import type { RequestSql } from '../common/request-sql';
import { Town } from './town.entity';

export const townLoaders = {
  town: (sql: RequestSql) => loaderById((ids) => sql.model(Town).byIds(sql, ids)),
};
