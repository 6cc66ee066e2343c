import type { Knex } from '@mikro-orm/postgresql';

/**
 * Runs a built query with a name comment (`/* itemPage *\/ select …`), so that the statement is
 * recognisable in logs, pg_stat_statements and the tests that count SQL.
 */
export async function namedQuery<Row = Record<string, unknown>>(
  knex: Knex,
  name: string,
  query: Knex.QueryBuilder,
): Promise<Row[]> {
  const { sql, bindings } = query.toSQL();
  const result = await knex.raw(`/* ${name} */ ${sql}`, bindings as Knex.RawBinding[]);
  return result.rows as Row[];
}
