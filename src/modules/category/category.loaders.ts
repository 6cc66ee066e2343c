import DataLoader from 'dataloader';
import { nameKey } from '../../ingest/department-names';
import type { Relation } from '../common/enums';
import { loaderById, loaderOfLists, loaderPerArguments } from '../common/loader-factory';
import type { RequestSql } from '../common/request-sql';
import type { Category } from './category.entity';
import { CategoryRepository } from './category.repository';

export const categoryLoaders = {
  category: (sql: RequestSql) => loaderById((ids) => new CategoryRepository(sql).byIds(ids)),
  /** By name, white space ignored: `category(name:)` and federation's `@key(fields: "name")`. */
  categoryByName: (sql: RequestSql) =>
    new DataLoader<string, Category | null>(async (names) => {
      const found = await new CategoryRepository(sql).byNames(names);
      return names.map((name) => found.find((category) => category.name === nameKey(name)) ?? null);
    }),
  /** Departments linked to any item of each category, by name. */
  departmentsByCategory: (sql: RequestSql) =>
    loaderPerArguments((relation: Relation | null) =>
      loaderOfLists(
        (categoryIds) => new CategoryRepository(sql).departmentsOf(categoryIds, relation),
        (row) => row.categoryId,
      ),
    ),
};
