/**
 * Read objects (src/modules/common/read-model.ts) get `text[]` columns as JSON text and parse them on
 * first read: what a resolver reads must be what pg itself would have parsed, for any element.
 */
import { describe, expect, it } from '@jest/globals';
import { RequestSql } from '../../src/modules/common/request-sql';
import { Department } from '../../src/modules/department/department.entity';
import { Item } from '../../src/modules/item/item.entity';
import { useDatabase } from '../support/test-database';

const database = useDatabase();

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

  it('leave the properties a statement does not read unset, and read the others as the whole model does', async () => {
    const sql = new RequestSql(database.orm.em);
    const lean = sql.model(Item).without(['townResponsibilities', 'workingMethod']);
    expect(lean.columns('i')).not.toMatch(/town_responsibilities|working_method/u);
    // One model for one set of columns, however it is reached.
    expect(sql.model(Item).without(['workingMethod']).without(['townResponsibilities'])).toBe(lean);
    expect(sql.model(Item).without([])).toBe(sql.model(Item));
    const statement = `/* test */ select %s from item i where i.town_responsibilities <> '{}' and i.working_method is null limit 1`;
    const [leanRow] = await sql.raw(statement.replace('%s', lean.columns('i')), []);
    const [wholeRow] = await sql.raw(statement.replace('%s', sql.model(Item).columns('i')), []);
    const [leanItem, wholeItem] = [lean.fromRow(leanRow), sql.model(Item).fromRow(wholeRow)];
    expect(leanItem).toBeInstanceOf(Item);
    expect(leanItem.townResponsibilities).toBeUndefined();
    expect(wholeItem.townResponsibilities.length).toBeGreaterThan(0);
    const read = ['id', 'town', 'kind', 'number', 'name', 'category', 'discontinued'] as const;
    for (const property of read) expect(leanItem[property]).toEqual(wholeItem[property]);
    expect(leanItem.workingMethod).toBeUndefined();
    expect(wholeItem.workingMethod).toBeNull();
  });
});
