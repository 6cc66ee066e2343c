import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { type ReadModel, readModel } from './read-model';

/** SQL text with `?` placeholders, and the values they stand for in order. */
export interface SqlFragment {
  sql: string;
  bindings: unknown[];
}

/** A knex query's text and values, to run or to write into a statement built as text. */
export function fragmentOf(query: Knex.QueryBuilder): SqlFragment {
  const { sql, bindings } = query.toSQL();
  return { sql, bindings: [...bindings] };
}

/**
 * A request's way to the database: every statement the API sends goes through its request's
 * `RequestSql`, which counts it for the request's log line and the statements-per-request metric.
 * Counting here, with the request at hand, replaced AsyncLocalStorage: on Node 20 its promise
 * hooks cost 13–15% of a traversal's or a lookup's CPU (docs/benchmarks.md).
 */
export class RequestSql {
  /** Statements sent so far by this request. */
  statements = 0;
  /** Builds statements; run them with `query` or `raw`, never by awaiting the builder. */
  readonly knex: Knex;

  constructor(private readonly em: EntityManager) {
    this.knex = em.getKnex();
  }

  /**
   * Rows of a built query, sent with a name comment (`/* itemFacetsByTown *\/ select …`), so that the
   * statement is recognisable in logs, pg_stat_statements and the tests that count SQL.
   */
  query<Row = Record<string, unknown>>(name: string, query: Knex.QueryBuilder): Promise<Row[]> {
    return this.statement<Row>(name, fragmentOf(query));
  }

  /** Rows of a statement built as text, sent with a name comment as `query`'s are. */
  statement<Row = Record<string, unknown>>(name: string, { sql, bindings }: SqlFragment): Promise<Row[]> {
    return this.raw<Row>(`/* ${name} */ ${sql}`, bindings as Knex.RawBinding[]);
  }

  /** Rows of a statement text, which names itself in a leading comment. */
  async raw<Row = Record<string, unknown>>(sql: string, bindings: readonly Knex.RawBinding[]): Promise<Row[]> {
    this.statements++;
    const result = await this.knex.raw(sql, bindings as Knex.RawBinding[]);
    return result.rows as Row[];
  }

  /**
   * The select list of `entity`'s read objects (read-model.ts), for a builder's `select`; with
   * `prefix`, its columns named for `prefixed`.
   */
  columns(entity: EntityClass<object>, alias: string, prefix?: string): Knex.Raw {
    const model = readModel(this.em, entity);
    return this.knex.raw((prefix === undefined ? model : model.prefixed(prefix)).columns(alias));
  }

  /** How rows of `entity`'s table become objects (read-model.ts). */
  model<T extends object>(entity: EntityClass<T>): ReadModel<T> {
    return readModel(this.em, entity);
  }
}
