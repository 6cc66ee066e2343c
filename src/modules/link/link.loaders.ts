import type { EntityManager } from '@mikro-orm/postgresql';
import type { Relation } from '../common/enums';
import { loaderOfLists, loaderPerArguments } from '../common/loader-factory';
import { namedQuery } from '../common/named-query';
import { readModel } from '../common/read-model';
import { DEFAULT_ITEM_ORDER_SQL } from '../item/item.repository';
import { Link } from './link.entity';

/** Links per item (in the row's order) and per department (in the default item order). */
export const linkLoaders = {
  linksByItem: (em: EntityManager) =>
    loaderOfLists(
      async (itemIds) => {
        const knex = em.getKnex();
        const rows = await namedQuery(
          knex,
          'linksByItem',
          knex('link as l')
            .select(readModel(em, Link).columns('l'))
            .whereIn('l.item_id', [...itemIds])
            .orderBy(['l.item_id', 'l.position']),
        );
        return rows.map(readModel(em, Link).fromRow);
      },
      (link) => link.item.id,
    ),
  linksByDepartment: (em: EntityManager) =>
    loaderPerArguments((relation: Relation | null) =>
      loaderOfLists(
        async (departmentIds) => {
          const knex = em.getKnex();
          const query = knex('link as l')
            .select(readModel(em, Link).columns('l'))
            .join('item as i', 'i.id', 'l.item_id')
            .whereIn('l.department_id', [...departmentIds])
            .orderByRaw(`l.department_id, ${DEFAULT_ITEM_ORDER_SQL}`);
          if (relation) query.where('l.relation', relation);
          const rows = await namedQuery(knex, 'linksByDepartment', query);
          return rows.map(readModel(em, Link).fromRow);
        },
        (link) => link.department.id,
      ),
    ),
};
