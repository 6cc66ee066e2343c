/** Categories, and the departments linked to their items. */
import { nameKey } from '../../ingest/department-names';
import type { Relation } from '../common/enums';
import type { RequestSql } from '../common/request-sql';
import { Department } from '../department/department.entity';
import { Category } from './category.entity';

/** A row of a category's columns (read-model.ts). */
type CategoryRow = Record<string, unknown>;
/** A row of a department's columns, with the category whose items it is linked to. */
type CategoryDepartmentRow = Record<string, unknown> & { category_id: string };

export class CategoryRepository {
  constructor(private readonly sql: RequestSql) {}

  byIds(ids: readonly string[]): Promise<Category[]> {
    return this.sql.model(Category).byIds(this.sql, ids);
  }

  /** Categories by name, white space ignored; unknown names are absent. */
  async byNames(names: readonly string[]): Promise<Category[]> {
    const rows = await this.sql.query<CategoryRow>(
      'categoriesByName',
      this.sql.knex('category as c').select(this.sql.columns(Category, 'c')).whereIn('c.name', names.map(nameKey)),
    );
    return rows.map(this.sql.model(Category).fromRow);
  }

  /** Departments linked to any item of each category (by `relation`, any when null), by category then name. */
  async departmentsOf(
    categoryIds: readonly string[],
    relation: Relation | null,
  ): Promise<{ categoryId: string; department: Department }[]> {
    const query = this.sql
      .knex('department as d')
      .select('i.category_id', 'd.*')
      .join('link as l', 'l.department_id', 'd.id')
      .join('item as i', 'i.id', 'l.item_id')
      .whereIn('i.category_id', [...categoryIds])
      .groupBy('i.category_id', 'd.id')
      .orderByRaw('i.category_id, d.name collate "C"');
    if (relation) query.where('l.relation', relation);
    const rows = await this.sql.query<CategoryDepartmentRow>('departmentsByCategory', query);
    return rows.map((row) => ({ categoryId: row.category_id, department: this.sql.model(Department).fromRow(row) }));
  }
}
