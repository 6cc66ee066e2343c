import type { EntityManager } from '@mikro-orm/postgresql';
import { loaderById } from '../common/loader-factory';
import { readModel } from '../common/read-model';
import { Town } from './town.entity';

export function townLoaders(em: EntityManager) {
  return { town: loaderById((ids) => readModel(em, Town).byIds(em.getKnex(), ids)) };
}
