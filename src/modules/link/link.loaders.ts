import type { Relation } from '../common/enums';
import { loaderOfLists, loaderPerArguments } from '../common/loader-factory';
import type { RequestSql } from '../common/request-sql';
import { DEFAULT_ITEM_ORDER_SQL } from '../item/item.repository';
import { Link } from './link.entity';

/** Links per item (in the row's order) and per department (in the default item order). */
export const linkLoaders = {
  linksByItem: (sql: RequestSql) =>
    loaderOfLists(
      async (itemIds) => {
        const rows = await sql.query(
          'linksByItem',
          sql
            .knex('link as l')
            .select(sql.columns(Link, 'l'))
            .whereIn('l.item_id', [...itemIds])
            .orderBy(['l.item_id', 'l.position']),
        );
        return rows.map(sql.model(Link).fromRow);
      },
      (link) => link.item.id,
    ),
  linksByDepartment: (sql: RequestSql) =>
    loaderPerArguments((relation: Relation | null) =>
      loaderOfLists(
        async (departmentIds) => {
          const query = sql
            .knex('link as l')
            .select(sql.columns(Link, 'l'))
            .join('item as i', 'i.id', 'l.item_id')
            .whereIn('l.department_id', [...departmentIds])
            .orderByRaw(`l.department_id, ${DEFAULT_ITEM_ORDER_SQL}`);
          if (relation) query.where('l.relation', relation);
          const rows = await sql.query('linksByDepartment', query);
          return rows.map(sql.model(Link).fromRow);
        },
        (link) => link.department.id,
      ),
    ),
};
