import type { EntityManager } from '@mikro-orm/postgresql';
import type { Relation } from '../common/enums';
import { loaderOfMap, loaderPerArguments } from '../common/loader-factory';
import { GraphRepository } from './graph.repository';

export const graphLoaders = {
  /** `Department.partners` of every department in a response, one statement per argument set. */
  partnersByDepartment: (em: EntityManager) =>
    loaderPerArguments(({ relation, first }: { relation: Relation | null; first: number }) =>
      loaderOfMap((ids) => new GraphRepository(em).partners(ids, relation, first)),
    ),
};
