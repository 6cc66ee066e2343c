import type { EntityManager } from '@mikro-orm/postgresql';
import { loaderById } from '../common/loader-factory';
import { Town } from './town.entity';

export function townLoaders(em: EntityManager) {
  return { town: loaderById((ids) => em.find(Town, { id: { $in: [...ids] } })) };
}
