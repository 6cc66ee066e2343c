import type { Relation } from '../common/enums';
import { loaderOfLists, loaderOfListsByWidth, loaderPerArguments } from '../common/loader-factory';
import { JOINED } from '../common/read-model';
import type { RequestSql } from '../common/request-sql';
import { Department } from '../department/department.entity';
import { DEFAULT_ITEM_ORDER_SQL } from '../item/item.repository';
import { Link } from './link.entity';

/** `linksByItem`'s statements, made once from the read models: with and without responsibilities. */
const linksByItemSql = new Map<boolean, string>();

/**
 * Links per item (in the row's order) and per department (in the default item order), each with
 * its department joined: `Link.department` is then a plain field, which the compiled executor reads
 * as a property, where a resolver cost a call, its resolve info and type-graphql's argument
 * handling per link (a traversal's 250 links; docs/benchmarks.md). An item's links are read with
 * their responsibilities (`wide`) only when a field asks for them: a shared link's are 292 bytes on
 * average, and `links { department { name } }` or `departments` never show them.
 */
export const linkLoaders = {
  linksByItem: (sql: RequestSql) =>
    loaderOfListsByWidth(
      async (itemIds, wide) => {
        const links = wide ? sql.model(Link) : sql.model(Link).without(['responsibilities']);
        const departments = sql.model(Department);
        let statement = linksByItemSql.get(wide);
        if (statement === undefined) {
          statement = `/* linksByItem */ select ${links.columns('l')}, ${departments.prefixed(JOINED).columns('d')} from link l join department d on d.id = l.department_id where l.item_id = any(?::uuid[]) order by l.item_id, l.position`;
          linksByItemSql.set(wide, statement);
        }
        const rows = await sql.raw(statement, [[...itemIds]]);
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
