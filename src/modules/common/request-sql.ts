import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type { SliceCounts } from '../aggregates/slice-counts';
import { type ReadModel, readModel } from './read-model';
import type { Sql } from './sql';

/**
 * Names of the statement texts sent as named prepared statements: each pool connection parses a
 * text once, then binds and executes it. PostgreSQL also keeps one plan for it where a generic
 * plan is estimated as good as those for the values, and plans anew for each execution's values
 * where not (statements are written so that it is: sql.ts's `rowCount`, one parent as a one-row list).
 * Named, a slice's statement took 0.75 ms a round trip at 100 towns, unnamed 1.6
 * (docs/benchmarks.md).
 * Texts are few (they depend on a filter's shape, not its values), but a client can make new
 * shapes: after the first `MOST_PREPARED`, texts go unnamed, so no connection keeps more.
 */
const preparedNames = new Map<string, string>();
const MOST_PREPARED = 100;

function preparedName(sql: string): string | undefined {
  let name = preparedNames.get(sql);
  if (name === undefined && preparedNames.size < MOST_PREPARED) {
    name = `dutyhub_${preparedNames.size + 1}`;
    preparedNames.set(sql, name);
  }
  return name;
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
  /** Statements sent and not yet ended. */
  private readonly running = new Set<Promise<unknown>>();
  private readonly knex: Knex;

  /**
   * With `prepare` false (DB_PREPARED_STATEMENTS=false), every statement is sent unnamed.
   * `sliceCounts`: the counts the server keeps across requests for the dataset generation.
   */
  constructor(
    private readonly em: EntityManager,
    private readonly prepare = true,
    readonly sliceCounts?: SliceCounts,
  ) {
    this.knex = em.getKnex();
  }

  /**
   * Rows of a statement written with the sql tag (sql.ts), sent with a name comment
   * (`/* itemFacetsByTown *\/ select …`), so that the statement is recognisable in logs,
   * pg_stat_statements and the tests that count SQL.
   */
  statement<Row = Record<string, unknown>>(name: string, { sql, bindings }: Sql): Promise<Row[]> {
    return this.raw<Row>(`/* ${name} */ ${sql}`, bindings as Knex.RawBinding[]);
  }

  /** Rows of a statement text, which names itself in a leading comment. */
  async raw<Row = Record<string, unknown>>(sql: string, bindings: readonly Knex.RawBinding[]): Promise<Row[]> {
    this.statements++;
    // `then` runs the builder once; the promise it makes is what `settled` waits for.
    const statement = this.knex.raw(sql, bindings as Knex.RawBinding[]);
    const name = this.prepare ? preparedName(sql) : undefined;
    if (name) statement.options({ name });
    const running = statement.then((result) => result.rows as Row[]);
    this.running.add(running);
    try {
      return await running;
    } finally {
      this.running.delete(running);
    }
  }

  /**
   * Resolves when every statement the request sent has ended, those sent meanwhile included. An
   * error that nulls a field's parent ends the execution at once, while the parent's other fields
   * may still be reading: the response waits for them (src/observability/request-metrics.ts), so that a request's
   * statement count is whole and no connection is still in its use once it is answered.
   */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled(this.running);
  }

  /** How rows of `entity`'s table become objects (read-model.ts). */
  model<T extends object>(entity: EntityClass<T>): ReadModel<T> {
    return readModel(this.em, entity);
  }
}
