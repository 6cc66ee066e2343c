import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { badUserInput } from '../../errors';
import { nameKey, parseDepartmentName } from '../../ingest/department-names';
import { namedQuery } from '../common/named-query';
import {
  encodeCursor,
  type ForwardPageArgs,
  type Page,
  pageRequest,
  seekCondition,
  toPage,
} from '../common/pagination';
import { containsPattern, wellFormedIds } from '../item/item-filter';
import { Department } from './department.entity';

const ORDER = [
  { sql: 'd.name collate "C"', descending: false },
  { sql: 'd.id', descending: false },
];
const SIGNATURE = 'NAME:ASC';

export class DepartmentRepository {
  constructor(private readonly em: EntityManager) {}

  private get knex(): Knex {
    return this.em.getKnex();
  }

  /** By canonical name or alias, white space ignored; `name（alias）` as the documents write it also works. */
  async findByName(name: string): Promise<Department | null> {
    const key = nameKey(name);
    const parsed = parseDepartmentName(key);
    const rows = await namedQuery(
      this.knex,
      'departmentByName',
      this.knex('department as d')
        .select('d.*')
        .whereIn('d.name', [key, parsed.name])
        .orWhereRaw('d.aliases @> array[?]::text[]', [key])
        .orderByRaw('d.name = ? desc, d.name collate "C"', [key])
        .limit(1),
    );
    return rows[0] ? this.em.map(Department, rows[0]) : null;
  }

  async findById(id: string): Promise<Department | null> {
    return wellFormedIds([id]).length ? this.em.findOne(Department, { id }) : null;
  }

  /** Departments by name, optionally those whose name or an alias contains `search`. */
  async page(search: string | null | undefined, args: ForwardPageArgs): Promise<Page<Department>> {
    if (search != null && search.trim() === '') throw badUserInput('search must not be empty', 'search');
    const request = pageRequest(args, SIGNATURE);
    if (request.after && !request.after.every((value) => typeof value === 'string')) {
      throw badUserInput('cursor does not fit this order', 'after');
    }
    const matching = () => {
      const query = this.knex('department as d');
      if (search != null) {
        const pattern = containsPattern(nameKey(search));
        query.where((any) =>
          any.whereRaw('d.name ilike ?', [pattern]).orWhereRaw("array_to_string(d.aliases, E'\\n') ilike ?", [pattern]),
        );
      }
      return query;
    };
    const rows = matching().select('d.*', this.knex.raw('d.name as sort_key'));
    if (request.after) {
      const seek = seekCondition(ORDER, request.after, false);
      rows.whereRaw(seek.sql, seek.bindings as Knex.Value[]);
    }
    rows.orderByRaw('d.name collate "C", d.id').limit(request.limit + 1);
    const [found, [{ total }]] = await Promise.all([
      namedQuery(this.knex, 'departmentPage', rows),
      namedQuery<{ total: number }>(
        this.knex,
        'departmentTotal',
        matching().select(this.knex.raw('count(*)::int as total')),
      ),
    ]);
    const departments = found.map((row) => this.em.map(Department, row));
    return toPage(departments, request, total, (department) =>
      encodeCursor(SIGNATURE, [department.name, department.id]),
    );
  }
}
