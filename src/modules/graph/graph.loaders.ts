import type { EntityManager } from '@mikro-orm/postgresql';
import type { Relation } from '../common/enums';
import { loaderOfMap, loaderPerArguments } from '../common/loader-factory';
import { GraphRepository } from './graph.repository';

export function graphLoaders(em: EntityManager) {
  const repository = new GraphRepository(em);
  return {
    /** `Department.partners` of every department in a response, one statement per argument set. */
    partnersByDepartment: loaderPerArguments(({ relation, first }: { relation: Relation | null; first: number }) =>
      loaderOfMap((ids) => repository.partners(ids, relation, first)),
    ),
  };
}
