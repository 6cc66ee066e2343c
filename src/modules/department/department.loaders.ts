import DataLoader from 'dataloader';
import { loaderById, loaderOfMap } from '../common/loader-factory';
import type { RequestSql } from '../common/request-sql';
import { Department } from './department.entity';
import { DepartmentRepository } from './department.repository';

export const departmentLoaders = {
  department: (sql: RequestSql) => loaderById((ids) => sql.model(Department).byIds(sql, ids)),
  /** By canonical name or alias: `department(name:)` and federation's `@key(fields: "name")`. */
  departmentByName: (sql: RequestSql) =>
    new DataLoader<string, Department | null>(async (names) => {
      const found = await new DepartmentRepository(sql).findByNames(names);
      return names.map((name) => found.get(name) ?? null);
    }),
  /** Items per relation of each department (`Department.itemCount`): one statement a tick, both relations. */
  departmentItemCounts: (sql: RequestSql) => loaderOfMap((ids) => new DepartmentRepository(sql).itemCounts(ids)),
};
