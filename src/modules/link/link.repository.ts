/**
 * Links, each with its department joined: `Link.department` is then a plain field, which the
 * compiled executor reads as a property, where a resolver cost a call, its resolve info and
 * type-graphql's argument handling per link (a traversal's 250 links; docs/benchmarks.md).
 */
import type { Relation } from '../common/enums';
import { JOINED } from '../common/read-model';
import type { RequestSql } from '../common/request-sql';
import { empty, raw, type Sql, sql } from '../common/sql';
import { Department } from '../department/department.entity';
import { DEFAULT_ITEM_ORDER_SQL } from '../item/item-page-query';
import { Link } from './link.entity';

/** A row of a link's columns and, under `JOINED`, its department's (read-model.ts). */
type LinkRow = Record<string, unknown>;

export class LinkRepository {
  constructor(private readonly sql: RequestSql) {}

  /** The links of items, each item's in the row's order. */
  async byItems(itemIds: readonly string[], wide: boolean): Promise<Link[]> {
    const rows = await this.withDepartments(
      'linksByItem',
      'link',
      sql`l.item_id = any(${[...itemIds]}::uuid[]) order by l.item_id, l.position`,
      wide,
    );
    return rows.map((row) => row.link);
  }

  /** Links by id (federation's `_entities`), in no particular order; unknown ids are absent. */
  async byIds(ids: readonly string[]): Promise<Link[]> {
    const rows = await this.withDepartments('linksById', 'link', sql`l.id = any(${[...ids]}::uuid[])`, true);
    return rows.map((row) => row.link);
  }

  /**
   * The links of items as an earlier version had them (src/modules/version/history.entity.ts), by
   * `itemId:validFrom` of each state, in the row's order; each with that key.
   */
  async byKeptStates(keys: readonly string[], wide: boolean): Promise<{ key: string; link: Link }[]> {
    const [ids, froms] = [keys.map((key) => key.split(':')[0]), keys.map((key) => Number(key.split(':')[1]))];
    const rows = await this.withDepartments(
      'linksByKeptState',
      'link_history',
      sql`(l.item_id, l.valid_from) in (select * from unnest(${ids}::uuid[], ${froms}::int[]))
        order by l.item_id, l.valid_from, l.position`,
      wide,
    );
    return rows.map(({ row, link }) => ({ key: `${link.item.id}:${row.valid_from}`, link }));
  }

  /**
   * Links of `table` (link, or link_history: the same columns) with their departments joined, read
   * with their responsibilities (`wide`) only when a field asks for them: a shared link's are 292
   * bytes on average, and `links { department { name } }` or `departments` never show them.
   */
  private async withDepartments(name: string, table: 'link' | 'link_history', condition: Sql, wide: boolean) {
    const links = wide ? this.sql.model(Link) : this.sql.model(Link).without(['responsibilities']);
    const departments = this.sql.model(Department);
    const rows = await this.sql.statement<LinkRow>(
      name,
      sql`select ${raw(links.columns('l'))}, ${raw(departments.prefixed(JOINED).columns('d'))}, ${raw(
        table === 'link' ? 'null::int' : 'l.valid_from',
      )} as valid_from
        from ${raw(table)} l join department d on d.id = l.department_id where ${condition}`,
    );
    const make = links.joining('department', departments, JOINED);
    return rows.map((row) => ({ row, link: make(row) }));
  }

  /** The links of departments (of one relation, or any), each department's in the default item order. */
  async byDepartments(departmentIds: readonly string[], relation: Relation | null): Promise<Link[]> {
    const [links, departments] = [this.sql.model(Link), this.sql.model(Department)];
    const ofRelation = relation ? sql` and l.relation = ${relation}` : empty;
    const rows = await this.sql.statement<LinkRow>(
      'linksByDepartment',
      sql`select ${raw(links.columns('l'))}, ${raw(departments.prefixed(JOINED).columns('d'))}
        from link as l join item as i on i.id = l.item_id join department as d on d.id = l.department_id
        where l.department_id = any(${[...departmentIds]}::uuid[])${ofRelation}
        order by l.department_id, ${raw(DEFAULT_ITEM_ORDER_SQL)}`,
    );
    return rows.map(links.joining('department', departments, JOINED));
  }
}
