/**
 * Statements go as named prepared statements (src/modules/common/request-sql.ts): each connection
 * parses and plans a text once. What a connection holds is read from its own
 * pg_prepared_statements, on a pool of one connection.
 */
import { describe, expect, it } from '@jest/globals';
import { initORM } from '../../src/db/orm';
import { RequestSql } from '../../src/modules/common/request-sql';
import { EXECUTIONS, plansOfStatement } from '../support/plan-counts';
import { useDatabase } from '../support/test-database';

const database = useDatabase();

/** The texts the one connection of a fresh pool holds prepared after `use`. */
async function preparedAfter(prepare: boolean, use: (sql: RequestSql) => Promise<void>): Promise<string[]> {
  const orm = await initORM({ url: database.url, poolSize: 1 });
  try {
    const sql = new RequestSql(orm.em, prepare);
    await use(sql);
    const rows = await sql.raw<{ statement: string }>(
      '/* preparedStatements */ select statement from pg_prepared_statements where statement like ?',
      ['/* counting %'],
    );
    return rows.map((row) => row.statement);
  } finally {
    await orm.close(true);
  }
}

/** A request whose statement's plans are counted, and what it answers each time. */
interface PlanCase {
  what: string;
  statement: string;
  query: string;
  variables: Record<string, unknown>;
  count: (data: any) => unknown;
  expected: unknown;
  /** Departments added for the case and removed after it. */
  departments?: number;
}

describe('prepared statements', () => {
  it('prepares a statement text once on a connection, however often it runs, and none when off', async () => {
    const counting = async (sql: RequestSql) => {
      for (const name of ['托里县应急管理局', '托里县水利局', 'nobody']) {
        const [{ n }] = await sql.raw<{ n: number }>(
          '/* counting */ select count(*)::int as n from department where name = ?',
          [name],
        );
        expect(n).toBe(name === 'nobody' ? 0 : 1);
      }
    };
    expect(await preparedAfter(true, counting)).toEqual([
      '/* counting */ select count(*)::int as n from department where name = $1',
    ]);
    expect(await preparedAfter(false, counting)).toEqual([]);
  });

  // PostgreSQL plans a prepared statement's first five executions for their values, then keeps a
  // generic plan if it costs no more: executions 6 to 8 use it (tests/support/plan-counts.ts).
  it.each<PlanCase>([
    {
      what: "a dashboard slice (page sizes written in the statement's text)",
      statement: 'itemSlice',
      query: `query Slice($filter: ItemFilter) {
        items(filter: $filter, first: 20) { totalCount nodes { name } }
        facets(filter: $filter) { total byDepartment(first: 10) { count } }
      }`,
      variables: { filter: { categoryNames: ['应急管理及消防'], kinds: ['COOPERATIVE'] } },
      count: (data: any) => data.items.totalCount,
      expected: 14,
    },
    {
      what: "a department's items (one parent: a one-row list, not an array's unnest)",
      statement: 'itemPagesByParent',
      query:
        'query Items($name: String!) { department(name: $name) { items(first: 50) { totalCount nodes { name } } } }',
      variables: { name: '托里县应急管理局' },
      count: (data: any) => data.department.items.totalCount,
      expected: 8,
    },
    ...[
      { what: 'a search of every town (its page, walked or fetched, and its kept count)', search: '防汛', expected: 2 },
      { what: 'a longer search (its matches counted from the items)', search: '安全生产', expected: 6 },
    ].map(({ what, search, expected }) => ({
      what,
      statement: 'itemSlice',
      query:
        'query Search($search: String!) { items(filter: { search: $search }, first: 20) { totalCount nodes { name } } }',
      variables: { search },
      count: (data: any) => data.items.totalCount,
      expected,
    })),
    {
      what: 'a department by name among 4,000 more, a twentieth with aliases (1,000 towns’ worth)',
      statement: 'departmentsByName',
      query: 'query Lookup($name: String!) { department(name: $name) { name } }',
      variables: { name: '托里县应急管理局' },
      count: (data: any) => data.department.name,
      expected: '托里县应急管理局',
      // Where the planner has statistics of many departments and aliases: with the names in the
      // conditions, every execution was planned for its values (custom plans 8, generic 0).
      departments: 4000,
    },
  ])(
    'plans $what once: one generic plan serves every execution',
    async ({ statement, query, variables, count, expected, departments }) => {
      const knex = database.orm.em.getKnex();
      if (departments) {
        await knex.raw(
          `insert into department (id, name, aliases)
           select gen_random_uuid(), '合成县' || i || '局', case when i % 20 = 0 then array['合成' || i] else '{}' end
           from generate_series(1, ?::int) as i`,
          [departments],
        );
        await knex.raw('analyze department');
      }
      try {
        const { answers, plans } = await plansOfStatement(database.url, { statement, query, variables });
        expect(answers.map(count)).toEqual(Array(EXECUTIONS).fill(expected));
        expect(plans).toEqual([{ custom_plans: 5, generic_plans: 3 }]);
      } finally {
        if (departments) {
          await knex.raw("delete from department where name like '合成县%'");
          await knex.raw('analyze department');
        }
      }
    },
  );

  it('names at most 100 texts: a client cannot fill every connection with statements of new shapes', async () => {
    const texts = Array.from({ length: 150 }, (_, i) => `/* counting ${i} */ select ${i}::int as n`);
    const prepared = await preparedAfter(true, async (sql) => {
      for (const text of texts) await sql.raw(text, []);
    });
    // The first 90 to 100 are named (the other tests of this file name up to ten texts), the rest not.
    expect(prepared.length).toBeGreaterThanOrEqual(90);
    expect(prepared.length).toBeLessThanOrEqual(100);
    expect([...prepared].sort()).toEqual(texts.slice(0, prepared.length).sort());
  });
});
