/** Relationship queries between departments, in SQL with name comments. */
import { departmentPairs, itemCountsByDepartment } from '../aggregates/count-planner';
import { type DepartmentCountRow, departmentItemCounts } from '../aggregates/department-counts';
import { Category } from '../category/category.entity';
import type { Relation } from '../common/enums';
import type { RequestSql } from '../common/request-sql';
import { empty, join, raw, type Sql, sql } from '../common/sql';
import { Department } from '../department/department.entity';
import type { ItemFilter } from '../item/item.inputs';
import { DEFAULT_ITEM_ORDER_SQL } from '../item/item-page-query';
import type { CategoryDepartmentMatrix, DepartmentPartner } from './graph.types';

/** A partner's row: its department's columns (read-model.ts), whose partner it is, and what they share. */
type PartnerRow = Record<string, unknown> & { of_id: string; weight: number; item_ids: string[] };
/** Two departments sharing items, and how many (`weight`) in a slice graph's edges. */
type EdgeRow = PairRow & { weight: number };
/** Two departments sharing an item. */
interface PairRow {
  source: string;
  target: string;
}

/** Both links `a` and `b` of a pair of one relation, or of any when null. */
function ofRelation(relation: Relation | null): Sql {
  return relation ? sql` and a.relation = ${relation} and b.relation = ${relation}` : empty;
}

export class GraphRepository {
  constructor(private readonly sql: RequestSql) {}

  /** Each department's partners (most items in common first, then by name), for many at once. */
  async partners(
    departmentIds: readonly string[],
    relation: Relation | null,
    first: number,
  ): Promise<Map<string, DepartmentPartner[]>> {
    const rows = await this.sql.statement<PartnerRow>(
      'departmentPartners',
      sql`select * from (
          select d.*, a.department_id as of_id, count(*)::int as weight,
            array_agg(i.id order by ${raw(DEFAULT_ITEM_ORDER_SQL)}) as item_ids,
            row_number() over (partition by a.department_id order by count(*) desc, d.name collate "C") as rank
          from link as a join link as b on b.item_id = a.item_id and b.department_id <> a.department_id
            join item as i on i.id = a.item_id join department as d on d.id = b.department_id
          where a.department_id = any(${[...departmentIds]}::uuid[])${ofRelation(relation)}
          group by a.department_id, d.id
        ) as p where p.rank <= ${first} order by p.of_id, p.rank`,
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
    const parent = new Map<string, string | null>([[from, null]]);
    let frontier = [from];
    for (let hop = 0; hop < maxHops && frontier.length > 0 && !parent.has(to); hop++) {
      const level = await this.sql.statement<PairRow>(
        'departmentPathLevel',
        sql`select a.department_id as source, b.department_id as target
          from link as a join link as b on b.item_id = a.item_id and b.department_id <> a.department_id
            join department as d on d.id = b.department_id
          where a.department_id = any(${frontier}::uuid[])${ofRelation(relation)}
          group by a.department_id, b.department_id, d.name
          order by array_position(${frontier}::uuid[], a.department_id), d.name collate "C"`,
      );
      const next: string[] = [];
      for (const { source, target } of level) {
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
    const pairs = path.slice(1).map((target, i) => [path[i], target]);
    const pairList = join(
      pairs.map(([source, target]) => sql`(${source}::uuid, ${target}::uuid)`),
      ', ',
    );
    const rows = await this.sql.statement<PairRow & { id: string }>(
      'departmentPathItems',
      sql`select a.department_id as source, b.department_id as target, i.id
        from link as a join link as b on b.item_id = a.item_id join item as i on i.id = a.item_id
        where (a.department_id, b.department_id) in (${pairList})${ofRelation(relation)}
        order by ${raw(DEFAULT_ITEM_ORDER_SQL)}`,
    );
    return pairs.map(([source, target]) =>
      rows.filter((r) => r.source === source && r.target === target).map((r) => r.id),
    );
  }

  /** The departments linked to a slice's items, each with how many (the nodes of a slice graph), by name. */
  async sliceDepartments(
    filter: ItemFilter | null | undefined,
    relation: Relation | null | undefined,
  ): Promise<{ department: Department; itemCount: number }[]> {
    const rows = await this.sql.statement<DepartmentCountRow>(
      'departmentGraphNodes',
      departmentItemCounts(filter, relation, raw('order by d.name collate "C"')),
    );
    return rows.map((row) => ({ department: this.sql.model(Department).fromRow(row), itemCount: row.item_count }));
  }

  /** The edges of a slice graph (edgeQuery). */
  sliceEdges(
    filter: ItemFilter | null | undefined,
    relation: Relation | null | undefined,
    minWeight?: number,
  ): Promise<EdgeRow[]> {
    return this.sql.statement<EdgeRow>('departmentGraphEdges', edgeQuery(filter, relation, minWeight));
  }

  /** Items per category and department of a slice, for heatmaps. */
  async categoryDepartmentMatrix(
    filter: ItemFilter | null | undefined,
    relation: Relation | null,
  ): Promise<CategoryDepartmentMatrix> {
    // Summed from the kept counts where the filter allows (a category's matrix over 10,000 towns:
    // 0.5 s counting its items' links).
    const cells = await this.sql.statement<{ category_id: string; department_id: string; item_count: number }>(
      'categoryDepartmentMatrix',
      itemCountsByDepartment(filter, relation, { byCategory: true }),
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

/**
 * Pairs of departments (each pair once, the smaller id first) with the slice's items they share,
 * most first, then by the departments' names; the pairs from the count planner.
 */
function edgeQuery(filter: ItemFilter | null | undefined, relation: Relation | null | undefined, minWeight = 1): Sql {
  return sql`select e.source, e.target, e.weight from (${departmentPairs(filter, relation)}) as e
    join department as da on da.id = e.source join department as db on db.id = e.target
    where e.weight >= ${minWeight} order by e.weight desc, da.name collate "C", db.name collate "C"`;
}
