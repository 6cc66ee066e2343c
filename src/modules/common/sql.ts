/**
 * The one notation for the API's SQL: a tagged template whose values travel with their text.
 *
 *   sql`select * from item as i where i.kind = ${kind} and ${conditions} limit ${rowCount(21)}`
 *
 * A value becomes a `?` and a binding in the place it is written; a fragment (another `sql`) is
 * inlined with its own bindings, so fragments compose by nesting and no statement keeps a bindings array in step with its text.
 * Text that is not a value (an alias, a select list, a row count) is written with `raw`. The
 * result is knex's form (`?` placeholders, which knex numbers `$1`, `$2`… for pg); a request runs
 * it with `RequestSql.statement(name, fragment)`, which adds the name comment. The text is exactly
 * the one written, so a statement keeps one text (one prepared statement) per shape.
 */
import type { Knex } from '@mikro-orm/postgresql';

/** SQL text with `?` placeholders, and the values they stand for in order. */
export class Sql {
  constructor(
    readonly sql: string,
    readonly bindings: unknown[],
  ) {}
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0];
  const bindings: unknown[] = [];
  values.forEach((value, i) => {
    // Only an Sql is text: any other object, whatever its shape (a cursor's JSON), is a value.
    if (value instanceof Sql) {
      text += value.sql;
      bindings.push(...value.bindings);
    } else {
      text += '?';
      bindings.push(value);
    }
    text += strings[i + 1];
  });
  return new Sql(text, bindings);
}

/** Text written by the code, never a user's value: an alias, a column, a select list. */
export function raw(text: string): Sql {
  return new Sql(text, []);
}

export const empty = raw('');

/** Fragments one after another, `separator` between them. */
export function join(fragments: readonly Sql[], separator: string): Sql {
  return new Sql(
    fragments.map((fragment) => fragment.sql).join(separator),
    fragments.flatMap((fragment) => fragment.bindings),
  );
}

/**
 * A row count (a `limit` or `offset`) written into a statement's text, not bound: a prepared
 * statement whose limit is a parameter is planned as if it read a tenth of its rows, so
 * PostgreSQL finds its generic plan dearer than the custom ones and plans every execution anew
 * (0.4–0.5 ms of a slice's 1 ms at 100 towns). With the count in the text, one generic plan
 * serves. Page sizes are few (the API's `first` is bounded), so texts stay few. Knex's builder
 * does the same with `limit(n, { skipBinding: true })`.
 */
export function rowCount(count: number): Sql {
  if (!Number.isSafeInteger(count) || count < 0) throw new Error(`not a row count: ${count}`);
  return raw(String(count));
}

/**
 * A bound value the planner plans for without looking at it: as a one-row subquery's result it
 * is a value known only when the statement runs, for the plans made for an execution's values
 * (custom) as for the one kept for all (generic). PostgreSQL keeps a generic plan only if it is
 * estimated no dearer than the custom ones; a value it can see makes those a little cheaper (one
 * name, not the ten an array parameter is taken to hold; a bigram or a department alias its
 * statistics call rare), and it then planned every execution anew: 1.5–2 ms of a search's 7 at
 * 10,000 towns, a third of a department lookup's round trip there (docs/benchmarks.md). Only for
 * values whose estimate changes nothing the statement does (one index either way), and the cast
 * outside too, so that `= any(…)` takes it as an array, not as a subquery's rows.
 */
export function unseenByPlanner(value: unknown, type: string): Sql {
  return sql`(select ${value}::${raw(type)})::${raw(type)}`;
}

/**
 * Rows of a statement run outside a request (an import's transaction, a fold of counts), with its
 * name comment as `RequestSql.statement` adds it to the API's.
 */
export async function runIn<Row = Record<string, unknown>>(
  knex: Knex,
  name: string,
  { sql: text, bindings }: Sql,
): Promise<Row[]> {
  const { rows } = await knex.raw(`/* ${name} */ ${text}`, bindings as Knex.RawBinding[]);
  return rows;
}
