import type { EntityManager } from '@mikro-orm/postgresql';
import { loaderById } from '../common/loader-factory';
import { readModel } from '../common/read-model';
import { Town } from './town.entity';

export const townLoaders = {
  town: (em: EntityManager) => loaderById((ids) => readModel(em, Town).byIds(em.getKnex(), ids)),
};
