/**
 * Read objects (src/modules/common/read-model.ts) get `text[]` columns as JSON text and parse them on
 * first read: what a resolver reads must be what pg itself would have parsed, for any element.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestSql } from '../../src/modules/common/request-sql';
import { Department } from '../../src/modules/department/department.entity';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('read objects', () => {
  it('read a text[] column as pg parses it, whatever its elements, by id and from a select *', async () => {
    const sql = new RequestSql(database.orm.em);
    const awkward = ['a,b', 'say "hi"', 'back\\slash', '{braces}', ' spaced ', 'NULL', '', '多 字', null];
    const [{ id }] = await sql.raw<{ id: string }>(
      '/* test */ update department set aliases = ? where id = (select min(id::text)::uuid from department) returning id',
      [awkward as string[]],
    );
    const [byId] = await sql.model(Department).byIds(sql, [id]);
    expect(byId.aliases).toEqual(awkward);
    expect(byId.aliases).toBe(byId.aliases); // parsed once, then kept

    const [parsedByPg] = await sql.raw('/* test */ select * from department where id = ?', [id]);
    expect(sql.model(Department).fromRow(parsedByPg).aliases).toEqual(awkward);
    expect(sql.statements).toBe(3);
  });
});
