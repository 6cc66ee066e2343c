import type { EntityManager } from '@mikro-orm/postgresql';
import { loaderById } from '../common/loader-factory';
import { Department } from './department.entity';

export function departmentLoaders(em: EntityManager) {
  return { department: loaderById((ids) => em.find(Department, { id: { $in: [...ids] } })) };
}
