/** Relationship queries between departments, in SQL with name comments. */
import type { Knex } from '@mikro-orm/postgresql';
import { itemCountsByDepartment } from '../aggregates/count-planner';
import { Category } from '../category/category.entity';
import type { Relation } from '../common/enums';
import type { RequestSql } from '../common/request-sql';
import { Department } from '../department/department.entity';
import type { ItemFilter } from '../item/item.inputs';
import { DEFAULT_ITEM_ORDER_SQL } from '../item/item.repository';
import type { CategoryDepartmentMatrix, DepartmentPartner } from './graph.types';

export class GraphRepository {
  constructor(private readonly sql: RequestSql) {}

  private get knex(): Knex {
    return this.sql.knex;
  }

  /** Each department's partners (most items in common first, then by name), for many at once. */
  async partners(
    departmentIds: readonly string[],
    relation: Relation | null,
    first: number,
  ): Promise<Map<string, DepartmentPartner[]>> {
    const knex = this.knex;
    const ranked = knex('link as a')
      .join('link as b', (on) => on.on('b.item_id', '=', 'a.item_id').andOn('b.department_id', '<>', 'a.department_id'))
      .join('item as i', 'i.id', 'a.item_id')
      .join('department as d', 'd.id', 'b.department_id')
      .whereIn('a.department_id', [...departmentIds])
      .select(
        'd.*',
        'a.department_id as of_id',
        knex.raw('count(*)::int as weight'),
        knex.raw(`array_agg(i.id order by ${DEFAULT_ITEM_ORDER_SQL}) as item_ids`),
        knex.raw('row_number() over (partition by a.department_id order by count(*) desc, d.name collate "C") as rank'),
      )
      .groupBy('a.department_id', 'd.id');
    if (relation) ranked.where('a.relation', relation).where('b.relation', relation);
    const rows = await this.sql.query<Record<string, unknown> & { of_id: string; weight: number; item_ids: string[] }>(
      'departmentPartners',
      knex.select('*').from(ranked.as('p')).where('p.rank', '<=', first).orderBy(['p.of_id', 'p.rank']),
    );
    const partners = new Map<string, DepartmentPartner[]>(departmentIds.map((id) => [id, []]));
    for (const row of rows) {
      partners
        .get(row.of_id)
        ?.push({ department: this.sql.model(Department).fromRow(row), weight: row.weight, itemIds: row.item_ids });
    }
    return partners;
  }

  /**
   * Breadth-first search from `from`, one statement per level, neighbours in name order: the
   * shortest chain of department ids to `to`, or null when none is within `maxHops`.
   */
  async shortestPath(from: string, to: string, relation: Relation | null, maxHops: number): Promise<string[] | null> {
    const knex = this.knex;
    const parent = new Map<string, string | null>([[from, null]]);
    let frontier = [from];
    for (let hop = 0; hop < maxHops && frontier.length > 0 && !parent.has(to); hop++) {
      const query = knex('link as a')
        .join('link as b', (on) =>
          on.on('b.item_id', '=', 'a.item_id').andOn('b.department_id', '<>', 'a.department_id'),
        )
        .join('department as d', 'd.id', 'b.department_id')
        .whereIn('a.department_id', frontier)
        .select('a.department_id as source', 'b.department_id as target')
        .groupBy('a.department_id', 'b.department_id', 'd.name')
        .orderByRaw('array_position(?::uuid[], a.department_id), d.name collate "C"', [frontier]);
      if (relation) query.where('a.relation', relation).where('b.relation', relation);
      const next: string[] = [];
      for (const { source, target } of await this.sql.query<{ source: string; target: string }>(
        'departmentPathLevel',
        query,
      )) {
        if (parent.has(target)) continue;
        parent.set(target, source);
        next.push(target);
      }
      frontier = next;
    }
    if (!parent.has(to)) return null;
    const path: string[] = [];
    for (let at: string | null = to; at !== null; at = parent.get(at) ?? null) path.unshift(at);
    return path;
  }

  /** Items each consecutive pair of the path shares, in the default item order. */
  async itemsBetween(path: string[], relation: Relation | null): Promise<string[][]> {
    if (path.length < 2) return [];
    const knex = this.knex;
    const pairs = path.slice(1).map((target, i) => [path[i], target]);
    const query = knex('link as a')
      .join('link as b', 'b.item_id', 'a.item_id')
      .join('item as i', 'i.id', 'a.item_id')
      .whereRaw(
        `(a.department_id, b.department_id) in (${pairs.map(() => '(?::uuid, ?::uuid)').join(', ')})`,
        pairs.flat(),
      )
      .select('a.department_id as source', 'b.department_id as target', 'i.id')
      .orderByRaw(DEFAULT_ITEM_ORDER_SQL);
    if (relation) query.where('a.relation', relation).where('b.relation', relation);
    const rows = await this.sql.query<{ source: string; target: string; id: string }>('departmentPathItems', query);
    return pairs.map(([source, target]) =>
      rows.filter((r) => r.source === source && r.target === target).map((r) => r.id),
    );
  }

  /** Items per category and department of a slice, for heatmaps. */
  async categoryDepartmentMatrix(
    filter: ItemFilter | null | undefined,
    relation: Relation | null,
  ): Promise<CategoryDepartmentMatrix> {
    // Summed from the kept counts where the filter allows (a category's matrix over 10,000 towns:
    // 0.5 s counting its items' links).
    const cells = await this.sql.query<{ category_id: string; department_id: string; item_count: number }>(
      'categoryDepartmentMatrix',
      itemCountsByDepartment(this.knex, filter, relation, { byCategory: true }),
    );
    const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const [categories, departments] = await Promise.all([
      this.sql.model(Category).byIds(this.sql, [...new Set(cells.map((c) => c.category_id))]),
      this.sql.model(Department).byIds(this.sql, [...new Set(cells.map((c) => c.department_id))]),
    ]);
    categories.sort(byName);
    departments.sort(byName);
    const row = new Map(categories.map((category, i) => [category.id, i]));
    const column = new Map(departments.map((department, j) => [department.id, j]));
    const counts = categories.map(() => departments.map(() => 0));
    for (const cell of cells)
      counts[row.get(cell.category_id) as number][column.get(cell.department_id) as number] = cell.item_count;
    return { categories, departments, counts };
  }
}
