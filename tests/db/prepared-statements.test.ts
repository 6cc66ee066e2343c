/**
 * Statements go as named prepared statements (src/modules/common/request-sql.ts): each connection
 * parses and plans a text once. What a connection holds is read from its own
 * pg_prepared_statements, on a pool of one connection.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { initORM } from '../../src/db/orm';
import { RequestSql } from '../../src/modules/common/request-sql';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

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

  it('names at most 100 texts: a client cannot fill every connection with statements of new shapes', async () => {
    const texts = Array.from({ length: 150 }, (_, i) => `/* counting ${i} */ select ${i}::int as n`);
    const prepared = await preparedAfter(true, async (sql) => {
      for (const text of texts) await sql.raw(text, []);
    });
    // The first 98 to 100 are named (the other test of this file names two texts), the rest not.
    expect(prepared.length).toBeGreaterThanOrEqual(98);
    expect(prepared.length).toBeLessThanOrEqual(100);
    expect([...prepared].sort()).toEqual(texts.slice(0, prepared.length).sort());
  });
});
