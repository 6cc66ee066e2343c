import { badUserInput } from '../../graphql/errors';
import { nameKey, parseDepartmentName } from '../../ingest/department-names';
import type { Relation } from '../common/enums';
import {
  checkCursorValues,
  encodeCursor,
  type Page,
  type PageArgs,
  pageRequest,
  type SortKey,
  seekCondition,
  toPage,
} from '../common/pagination';
import type { RequestSql } from '../common/request-sql';
import { raw, rowCount, sql, unseenByPlanner } from '../common/sql';
import { wellFormedIds } from '../common/stable-id';
import { textMatch } from '../item/item-filter';
import { Department } from './department.entity';

const ORDER: SortKey[] = [
  { sql: 'd.name collate "C"', descending: false, type: 'text' },
  { sql: 'd.id', descending: false, type: 'uuid' },
];
const SIGNATURE = 'NAME:ASC';
/** A row of a department's columns (read-model.ts). */
type DepartmentRow = Record<string, unknown>;

export class DepartmentRepository {
  constructor(private readonly sql: RequestSql) {}

  /**
   * Departments by canonical name or alias, white space ignored; `name（alias）` as the documents
   * write it also works. One statement for any number of names; unknown names are absent.
   */
  async findByNames(names: readonly string[]): Promise<Map<string, Department>> {
    const wanted = names.map((name) => {
      const key = nameKey(name);
      return { name, key, canonical: parseDepartmentName(key).name };
    });
    const candidates = [...new Set(wanted.flatMap((w) => [w.key, w.canonical]))];
    // One statement text for any number of names (the lookup every dashboard starts with). Names
    // unseen by the planner: planned every execution otherwise, from about 4,000 departments
    // (1,000 towns) on; a round trip at 10,000 towns 0.091 → 0.064 ms.
    const unseen = unseenByPlanner(candidates, 'text[]');
    const rows = await this.sql.statement<DepartmentRow>(
      'departmentsByName',
      sql`select d.* from department d where d.name = any(${unseen}) or d.aliases && ${unseen}`,
    );
    const departments: Department[] = rows.map(this.sql.model(Department).fromRow);
    const found = new Map<string, Department>();
    for (const { name, key, canonical } of wanted) {
      const match =
        departments.find((d) => d.name === key) ??
        departments.find((d) => d.name === canonical) ??
        departments.find((d) => d.aliases.includes(key));
      if (match) found.set(name, match);
    }
    return found;
  }

  /**
   * Departments by name, optionally those whose name or an alias contains `search`; forward
   * (`first`, `after`) or backward (`last`, `before`), as item pages (pagination.ts).
   */
  async page(search: string | null | undefined, args: PageArgs): Promise<Page<Department>> {
    if (search != null && search.trim() === '') throw badUserInput('search must not be empty', 'search');
    const request = pageRequest(args, SIGNATURE);
    if (request.after) checkCursorValues(request.after, ORDER, request.backward ? 'before' : 'after');
    let matching = raw('true');
    if (search != null) {
      // `like` unless the search has letters with case, as item searches (textMatch): ilike's
      // case folding of every department's name made a search of 40,000 departments (10,000
      // towns) 30 ms a statement against 7.5.
      const { operator, pattern } = textMatch(nameKey(search));
      const like = raw(operator);
      matching = sql`(d.name ${like} ${pattern} or array_to_string(d.aliases, E'\\n') ${like} ${pattern})`;
    }
    const seek = request.after ? seekCondition(ORDER, request.after, request.backward) : raw('true');
    // Backward pages read the rows before the cursor nearest first; toPage puts them back in order.
    const direction = raw(request.backward ? 'desc' : 'asc');
    const [found, [{ total }]] = await Promise.all([
      this.sql.statement<DepartmentRow>(
        'departmentPage',
        sql`select d.*, d.name as sort_key from department as d where ${matching} and ${seek}
          order by d.name collate "C" ${direction}, d.id ${direction} limit ${rowCount(request.limit + 1)}`,
      ),
      this.sql.statement<{ total: number }>(
        'departmentTotal',
        sql`select count(*)::int as total from department as d where ${matching}`,
      ),
    ]);
    const departments = found.map(this.sql.model(Department).fromRow);
    return toPage(departments, request, total, (department) =>
      encodeCursor(SIGNATURE, [department.name, department.id]),
    );
  }

  /**
   * The items each department is linked to, per relation (SHARED, RECLAIMED; absent where none),
   * for `Department.itemCount`: one statement for any number of departments. Counted from the
   * links, as the unfiltered `Department.items` connection counts its totalCount
   * (count-planner.ts): one link an item and department, read from the link index on
   * (department_id, relation) without touching a row.
   */
  async itemCounts(ids: readonly string[]): Promise<Map<string, Map<Relation, number>>> {
    const known = wellFormedIds(ids);
    const counts = new Map<string, Map<Relation, number>>(ids.map((id) => [id, new Map()]));
    if (known.length === 0) return counts;
    const rows = await this.sql.statement<{ department_id: string; relation: Relation; items: number }>(
      'departmentItemCounts',
      sql`select l.department_id, l.relation, count(*)::int as items from link as l
        where l.department_id = any(${known}::uuid[]) group by l.department_id, l.relation`,
    );
    for (const row of rows) counts.get(row.department_id)?.set(row.relation, row.items);
    return counts;
  }
}
