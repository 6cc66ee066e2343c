/**
 * Links, each with its department joined: `Link.department` is then a plain field, which the
 * compiled executor reads as a property, where a resolver cost a call, its resolve info and
 * type-graphql's argument handling per link (a traversal's 250 links; docs/benchmarks.md).
 */
import type { Relation } from '../common/enums';
import { JOINED } from '../common/read-model';
import type { RequestSql } from '../common/request-sql';
import { raw, sql } from '../common/sql';
import { Department } from '../department/department.entity';
import { DEFAULT_ITEM_ORDER_SQL } from '../item/item.repository';
import { Link } from './link.entity';

/** A row of a link's columns and, under `JOINED`, its department's (read-model.ts). */
type LinkRow = Record<string, unknown>;

export class LinkRepository {
  constructor(private readonly sql: RequestSql) {}

  /**
   * The links of items, each item's in the row's order. Read with their responsibilities (`wide`)
   * only when a field asks for them: a shared link's are 292 bytes on average, and
   * `links { department { name } }` or `departments` never show them.
   */
  async byItems(itemIds: readonly string[], wide: boolean): Promise<Link[]> {
    const links = wide ? this.sql.model(Link) : this.sql.model(Link).without(['responsibilities']);
    const departments = this.sql.model(Department);
    const rows = await this.sql.statement<LinkRow>(
      'linksByItem',
      sql`select ${raw(links.columns('l'))}, ${raw(departments.prefixed(JOINED).columns('d'))}
        from link l join department d on d.id = l.department_id
        where l.item_id = any(${[...itemIds]}::uuid[]) order by l.item_id, l.position`,
    );
    return rows.map(links.joining('department', departments, JOINED));
  }

  /** The links of departments (of one relation, or any), each department's in the default item order. */
  async byDepartments(departmentIds: readonly string[], relation: Relation | null): Promise<Link[]> {
    const query = this.sql
      .knex('link as l')
      .select(this.sql.columns(Link, 'l'), this.sql.columns(Department, 'd', JOINED))
      .join('item as i', 'i.id', 'l.item_id')
      .join('department as d', 'd.id', 'l.department_id')
      .whereIn('l.department_id', [...departmentIds])
      .orderByRaw(`l.department_id, ${DEFAULT_ITEM_ORDER_SQL}`);
    if (relation) query.where('l.relation', relation);
    const rows = await this.sql.query<LinkRow>('linksByDepartment', query);
    return rows.map(this.sql.model(Link).joining('department', this.sql.model(Department), JOINED));
  }
}
