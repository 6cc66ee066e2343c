import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { loaderById } from '../common/loader-factory';
import { readModel } from '../common/read-model';
import { Department } from './department.entity';
import { DepartmentRepository } from './department.repository';

export function departmentLoaders(em: EntityManager) {
  const repository = new DepartmentRepository(em);
  return {
    department: loaderById((ids) => readModel(em, Department).byIds(em.getKnex(), ids)),
    /** By canonical name or alias: `department(name:)` and federation's `@key(fields: "name")`. */
    departmentByName: new DataLoader<string, Department | null>(async (names) => {
      const found = await repository.findByNames(names);
      return names.map((name) => found.get(name) ?? null);
    }),
  };
}
