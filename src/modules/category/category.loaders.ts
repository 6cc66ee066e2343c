import DataLoader from 'dataloader';
import { nameKey } from '../../ingest/department-names';
import type { Relation } from '../common/enums';
import { loaderById, loaderOfLists, loaderPerArguments } from '../common/loader-factory';
import type { RequestSql } from '../common/request-sql';
import { Department } from '../department/department.entity';
import { Category } from './category.entity';

export const categoryLoaders = {
  category: (sql: RequestSql) => loaderById((ids) => sql.model(Category).byIds(sql, ids)),
  /** By name, white space ignored: `category(name:)` and federation's `@key(fields: "name")`. */
  categoryByName: (sql: RequestSql) =>
    new DataLoader<string, Category | null>(async (names) => {
      const rows = await sql.query(
        'categoriesByName',
        sql.knex('category as c').select(sql.columns(Category, 'c')).whereIn('c.name', names.map(nameKey)),
      );
      const found = rows.map(sql.model(Category).fromRow);
      return names.map((name) => found.find((category) => category.name === nameKey(name)) ?? null);
    }),
  /** Departments linked to any item of each category, by name. */
  departmentsByCategory: (sql: RequestSql) =>
    loaderPerArguments((relation: Relation | null) =>
      loaderOfLists(
        async (categoryIds) => {
          const query = sql
            .knex('department as d')
            .select('i.category_id', 'd.*')
            .join('link as l', 'l.department_id', 'd.id')
            .join('item as i', 'i.id', 'l.item_id')
            .whereIn('i.category_id', [...categoryIds])
            .groupBy('i.category_id', 'd.id')
            .orderByRaw('i.category_id, d.name collate "C"');
          if (relation) query.where('l.relation', relation);
          const rows = await sql.query<Record<string, unknown> & { category_id: string }>(
            'departmentsByCategory',
            query,
          );
          return rows.map((row) => ({
            categoryId: row.category_id,
            department: sql.model(Department).fromRow(row),
          }));
        },
        (row) => row.categoryId,
      ),
    ),
};
