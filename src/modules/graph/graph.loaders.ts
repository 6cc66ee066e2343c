import type { Relation } from '../common/enums';
import { loaderOfMap, loaderPerArguments } from '../common/loader-factory';
import type { RequestSql } from '../common/request-sql';
import { GraphRepository } from './graph.repository';

export const graphLoaders = {
  /** `Department.partners` of every department in a response, one statement per argument set. */
  partnersByDepartment: (sql: RequestSql) =>
    loaderPerArguments(({ relation, first }: { relation: Relation | null; first: number }) =>
      loaderOfMap((ids) => new GraphRepository(sql).partners(ids, relation, first)),
    ),
};
