/**
 * Two towns compared (compareTowns, `compare`): items matched within a kind by normalised name.
 * And the version fields of many towns are read in a bounded number of statements.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { importFiles } from '../../src/ingest/import-files';
import { ItemKind } from '../../src/modules/common/enums';
import { Item } from '../../src/modules/item/item.entity';
import { Town } from '../../src/modules/town/town.entity';
import { runCli, SEED_LINE, seedOfTown, temporaryFolder } from '../import/helpers';
import { useHub } from '../support/hub';
import { COOPERATIVE_2_LINE, INSERTED_NAME, renamed, revisedSeed, seedName } from './revisions';

const hub = useHub({ empty: true });
const A = Town.idFor('塔城地区', '托里县', '托里镇');
const B = Town.idFor('塔城地区', '托里县', '铁厂沟镇');

beforeAll(async () => {
  const folder = await temporaryFolder();
  try {
    const knex = hub.database.orm.em.getKnex();
    // 托里镇 as revised (versions.test.ts), 铁厂沟镇 as the seed lists it.
    await importFiles(knex, [
      await folder.write('a.txt', revisedSeed()),
      await folder.write('b.txt', seedOfTown('铁厂沟镇')),
    ]);
  } finally {
    await folder.remove();
  }
});

describe('compareTowns', () => {
  it('pairs items of a kind by name, with the fields that differ', async () => {
    const { data, errors } = await hub.query(`{ compareTowns(a: "${A}", b: "${B}") {
      a { name } b { name }
      onlyA { id kind number name } onlyB { id kind number name }
      both { a { id number } b { id number } fields } } }`);
    expect(errors).toBeUndefined();
    const comparison = data?.compareTowns;
    expect(comparison.a).toEqual({ name: '托里镇' });
    expect(comparison.b).toEqual({ name: '铁厂沟镇' });
    expect(comparison.onlyA).toEqual([
      { id: expect.any(String), kind: 'BASIC', number: 5, name: INSERTED_NAME },
      {
        id: Item.idFor(A, ItemKind.COOPERATIVE, 2),
        kind: 'COOPERATIVE',
        number: 2,
        name: renamed(seedName(COOPERATIVE_2_LINE)),
      },
    ]);
    expect(comparison.onlyB).toEqual([
      { id: Item.idFor(B, ItemKind.BASIC, 10), kind: 'BASIC', number: 10, name: seedName(15) },
      {
        id: Item.idFor(B, ItemKind.COOPERATIVE, 2),
        kind: 'COOPERATIVE',
        number: 2,
        name: seedName(COOPERATIVE_2_LINE),
      },
    ]);
    expect(comparison.both).toHaveLength(253);
    // Renumbered BASIC 5..9 are the same duties: a number is its own town's, never a difference.
    expect(comparison.both.filter((pair: any) => pair.a.number !== pair.b.number)).toHaveLength(5);
    expect(comparison.both.filter((pair: any) => pair.fields.length > 0)).toEqual([
      {
        a: { id: Item.idFor(A, ItemKind.COOPERATIVE, 43), number: 43 },
        b: { id: Item.idFor(B, ItemKind.COOPERATIVE, 43), number: 43 },
        fields: ['departments'],
      },
    ]);
  });

  it('keeps to the kinds asked', async () => {
    const { data } = await hub.query(
      `{ compareTowns(a: "${A}", b: "${B}", kinds: [RECLAIMED]) { onlyA { id } onlyB { id } both { fields } } }`,
    );
    expect(data?.compareTowns.onlyA).toEqual([]);
    expect(data?.compareTowns.onlyB).toEqual([]);
    expect(data?.compareTowns.both).toHaveLength(40);
  });

  it('refuses an unknown town', async () => {
    const unknown = Town.idFor('x', 'y', 'z');
    expect(await hub.errorsOf(`{ compareTowns(a: "${A}", b: "${unknown}") { both { fields } } }`)).toEqual([
      ['BAD_USER_INPUT', `no town has the id ${unknown}`],
    ]);
  });

  it('is printed by `compare`, in text and as JSON', async () => {
    const text = await runCli(hub.database, 'compare', '托里镇', '铁厂沟镇');
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')).toEqual([
      '塔城地区托里县托里镇 and 塔城地区托里县铁厂沟镇: 253 in both (1 differ), 2 only in 托里镇, 2 only in 铁厂沟镇',
      'only in 托里镇',
      `  BASIC 5 ${INSERTED_NAME}`,
      `  COOPERATIVE 2 ${renamed(seedName(COOPERATIVE_2_LINE))}`,
      'only in 铁厂沟镇',
      `  BASIC 10 ${seedName(15)}`,
      `  COOPERATIVE 2 ${seedName(COOPERATIVE_2_LINE)}`,
      'differ',
      `  COOPERATIVE 43 / 43 ${seedName(SEED_LINE.cooperative43)}  (departments)`,
      '',
    ]);
    const json = JSON.parse((await runCli(hub.database, 'compare', '托里镇', '铁厂沟镇', '--format', 'json')).stdout);
    expect([json.onlyA.length, json.onlyB.length, json.both.length]).toEqual([2, 2, 253]);
    expect(json.both.find((pair: any) => pair.fields.length > 0)).toMatchObject({
      a: { number: 43, departments: ['托里县医疗保障局'] },
      b: { number: 43, departments: ['托里县总工会'] },
      fields: ['departments'],
    });
  });
});

describe('the version fields of many towns', () => {
  it('are read in one statement per field, whatever the number of towns and versions', async () => {
    const query = `{ towns { versions { number importedAt changes { added { itemId } changed { fields } }
      items(first: 3) { totalCount nodes { id history { fields } } } } } }`;
    let reply: any;
    const statements = await hub.statementsDuring(async () => {
      reply = await hub.query(query);
    });
    expect(reply.errors).toBeUndefined();
    expect(
      reply.data.towns.map((town: any) =>
        town.versions.map((v: any) => [v.number, v.changes.added.length, v.items.totalCount]),
      ),
    ).toEqual([[[1, 255, 255]], [[1, 255, 255]]]);
    expect(reply.data.towns[0].versions[0].importedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/u);
    const names = statements.map((statement) => /^\/\* (\w+) \*\//u.exec(statement)?.[1]).sort();
    expect(names).toEqual(['itemPagesByParent', 'itemStates', 'townVersions', 'towns', 'versionStates']);
  });
});
