import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { loaderById } from '../common/loader-factory';
import { readModel } from '../common/read-model';
import { Department } from './department.entity';
import { DepartmentRepository } from './department.repository';

export const departmentLoaders = {
  department: (em: EntityManager) => loaderById((ids) => readModel(em, Department).byIds(em.getKnex(), ids)),
  /** By canonical name or alias: `department(name:)` and federation's `@key(fields: "name")`. */
  departmentByName: (em: EntityManager) =>
    new DataLoader<string, Department | null>(async (names) => {
      const found = await new DepartmentRepository(em).findByNames(names);
      return names.map((name) => found.get(name) ?? null);
    }),
};
