import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { nameKey } from '../../ingest/department-names';
import type { Relation } from '../common/enums';
import { loaderById, loaderOfLists, loaderPerArguments } from '../common/loader-factory';
import { namedQuery } from '../common/named-query';
import { readModel } from '../common/read-model';
import { Department } from '../department/department.entity';
import { Category } from './category.entity';

export const categoryLoaders = {
  category: (em: EntityManager) => loaderById((ids) => readModel(em, Category).byIds(em.getKnex(), ids)),
  /** By name, white space ignored: `category(name:)` and federation's `@key(fields: "name")`. */
  categoryByName: (em: EntityManager) =>
    new DataLoader<string, Category | null>(async (names) => {
      const knex = em.getKnex();
      const rows = await namedQuery(
        knex,
        'categoriesByName',
        knex('category as c').select(readModel(em, Category).columns('c')).whereIn('c.name', names.map(nameKey)),
      );
      const found = rows.map(readModel(em, Category).fromRow);
      return names.map((name) => found.find((category) => category.name === nameKey(name)) ?? null);
    }),
  /** Departments linked to any item of each category, by name. */
  departmentsByCategory: (em: EntityManager) =>
    loaderPerArguments((relation: Relation | null) =>
      loaderOfLists(
        async (categoryIds) => {
          const knex = em.getKnex();
          const query = knex('department as d')
            .select('i.category_id', 'd.*')
            .join('link as l', 'l.department_id', 'd.id')
            .join('item as i', 'i.id', 'l.item_id')
            .whereIn('i.category_id', [...categoryIds])
            .groupBy('i.category_id', 'd.id')
            .orderByRaw('i.category_id, d.name collate "C"');
          if (relation) query.where('l.relation', relation);
          const rows = await namedQuery<Record<string, unknown> & { category_id: string }>(
            knex,
            'departmentsByCategory',
            query,
          );
          return rows.map((row) => ({
            categoryId: row.category_id,
            department: readModel(em, Department).fromRow(row),
          }));
        },
        (row) => row.categoryId,
      ),
    ),
};
