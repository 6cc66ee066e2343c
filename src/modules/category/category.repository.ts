/** Categories, and the departments linked to their items. */
import { nameKey } from '../../ingest/department-names';
import type { Relation } from '../common/enums';
import type { RequestSql } from '../common/request-sql';
import { empty, raw, sql } from '../common/sql';
import { Department } from '../department/department.entity';
import { Category } from './category.entity';

/** A row of a category's columns (read-model.ts). */
type CategoryRow = Record<string, unknown>;
/** A row of a department's columns, with the category whose items it is linked to. */
type CategoryDepartmentRow = Record<string, unknown> & { category_id: string };

export class CategoryRepository {
  constructor(private readonly sql: RequestSql) {}

  /** Every category, by name. */
  async all(): Promise<Category[]> {
    const rows = await this.sql.statement<CategoryRow>(
      'categories',
      sql`select * from category order by name collate "C"`,
    );
    return rows.map(this.sql.model(Category).fromRow);
  }

  byIds(ids: readonly string[]): Promise<Category[]> {
    return this.sql.model(Category).byIds(this.sql, ids);
  }

  /** Categories by name, white space ignored; unknown names are absent. */
  async byNames(names: readonly string[]): Promise<Category[]> {
    const rows = await this.sql.statement<CategoryRow>(
      'categoriesByName',
      sql`select ${raw(this.sql.model(Category).columns('c'))} from category as c
        where c.name = any(${names.map(nameKey)}::text[])`,
    );
    return rows.map(this.sql.model(Category).fromRow);
  }

  /** Departments linked to any item of each category (by `relation`, any when null), by category then name. */
  async departmentsOf(
    categoryIds: readonly string[],
    relation: Relation | null,
  ): Promise<{ categoryId: string; department: Department }[]> {
    const ofRelation = relation ? sql` and l.relation = ${relation}` : empty;
    const rows = await this.sql.statement<CategoryDepartmentRow>(
      'departmentsByCategory',
      sql`select i.category_id, d.* from department as d
        join link as l on l.department_id = d.id join item as i on i.id = l.item_id
        where i.category_id = any(${[...categoryIds]}::uuid[])${ofRelation}
        group by i.category_id, d.id order by i.category_id, d.name collate "C"`,
    );
    return rows.map((row) => ({ categoryId: row.category_id, department: this.sql.model(Department).fromRow(row) }));
  }
}
