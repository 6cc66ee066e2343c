/**
 * The SQL notation (src/modules/common/sql.ts): a statement built of nested fragments sends each
 * value where it is written, and its text is exactly the one written, so that a statement keeps
 * one prepared text per shape.
 */
import { describe, expect, it } from '@jest/globals';
import { RequestSql } from '../../src/modules/common/request-sql';
import { join, raw, rowCount, sql, unseenByPlanner } from '../../src/modules/common/sql';
import { useDatabase } from '../support/test-database';

const database = useDatabase();

describe('the sql tag', () => {
  it('binds nested values in the order they are written, and inlines fragments and raw text', async () => {
    const request = new RequestSql(database.orm.em, false);
    const names = ['托里县应急管理局', '托里县水利局'];
    const named = sql`d.name = any(${unseenByPlanner(names, 'text[]')})`;
    const either = join([named, sql`d.name = ${'nobody'}`], ' or ');
    const statement = sql`select d.name, ${1}::int as one from department as ${raw('d')} where (${either}) order by d.name limit ${rowCount(5)}`;
    expect(statement.sql).toBe(
      'select d.name, ?::int as one from department as d where (d.name = any((select ?::text[])::text[]) or d.name = ?) order by d.name limit 5',
    );
    expect(statement.bindings).toEqual([1, names, 'nobody']);
    const rows = await request.statement<{ name: string; one: number }>('sqlTag', statement);
    expect(rows).toEqual([...names].sort().map((name) => ({ name, one: 1 })));
  });

  it('refuses a row count that is not one', () => {
    expect(() => rowCount(-1)).toThrow('not a row count: -1');
    expect(() => rowCount(1.5)).toThrow('not a row count: 1.5');
  });
});
