import type { Relation } from '../common/enums';
import { loaderOfLists, loaderPerArguments } from '../common/loader-factory';
import { JOINED } from '../common/read-model';
import type { RequestSql } from '../common/request-sql';
import { Department } from '../department/department.entity';
import { DEFAULT_ITEM_ORDER_SQL } from '../item/item.repository';
import { Link } from './link.entity';

/** `linksByItem`'s statement, made once from the read models. */
let linksByItemSql: string | undefined;

/**
 * Links per item (in the row's order) and per department (in the default item order), each with
 * its department joined: `Link.department` is then a plain field, which the compiled executor reads
 * as a property, where a resolver cost a call, its resolve info and type-graphql's argument
 * handling per link (a traversal's 250 links; docs/benchmarks.md).
 */
export const linkLoaders = {
  linksByItem: (sql: RequestSql) =>
    loaderOfLists(
      async (itemIds) => {
        const links = sql.model(Link);
        const departments = sql.model(Department);
        linksByItemSql ??= `/* linksByItem */ select ${links.columns('l')}, ${departments.prefixed(JOINED).columns('d')} from link l join department d on d.id = l.department_id where l.item_id = any(?::uuid[]) order by l.item_id, l.position`;
        const rows = await sql.raw(linksByItemSql, [[...itemIds]]);
        return rows.map(links.joining('department', departments, JOINED));
      },
      (link) => link.item.id,
    ),
  linksByDepartment: (sql: RequestSql) =>
    loaderPerArguments((relation: Relation | null) =>
      loaderOfLists(
        async (departmentIds) => {
          const query = sql
            .knex('link as l')
            .select(sql.columns(Link, 'l'), sql.columns(Department, 'd', JOINED))
            .join('item as i', 'i.id', 'l.item_id')
            .join('department as d', 'd.id', 'l.department_id')
            .whereIn('l.department_id', [...departmentIds])
            .orderByRaw(`l.department_id, ${DEFAULT_ITEM_ORDER_SQL}`);
          if (relation) query.where('l.relation', relation);
          const rows = await sql.query('linksByDepartment', query);
          return rows.map(sql.model(Link).joining('department', sql.model(Department), JOINED));
        },
        (link) => link.department.id,
      ),
    ),
};
