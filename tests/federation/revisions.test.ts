/**
 * What a revised document does to the ids other subgraphs stored (docs/federation.md): through
 * `_entities`, a renumbered or reworded duty and its links resolve under their old ids, a removed
 * duty and a link taken off a duty resolve to null, and a new duty and a new link have ids of
 * their own.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { importFiles } from '../../src/ingest/import-files';
import { ItemKind } from '../../src/modules/common/enums';
import { stableId } from '../../src/modules/common/stable-id';
import { Department } from '../../src/modules/department/department.entity';
import { Item } from '../../src/modules/item/item.entity';
import { Link } from '../../src/modules/link/link.entity';
import { Town } from '../../src/modules/town/town.entity';
import { SEED_TEXT, type TemporaryFolder, temporaryFolder } from '../import/helpers';
import { useHub } from '../support/hub';
import { revisedSeed } from '../versions/revisions';

const hub = useHub({ empty: true });
const TOWN = Town.idFor('塔城地区', '托里县', '托里镇');
const itemId = (kind: ItemKind, number: number) => Item.idFor(TOWN, kind, number);
const linkId = (kind: ItemKind, number: number, department: string) =>
  Link.idFor(itemId(kind, number), Department.idFor(department));

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Item { kind number name }
    ... on Link { relation department { name } item { kind number } }
  }
}`;

/** The ids a subgraph stored from version 1 of 托里镇's lists. */
const STORED = [
  { __typename: 'Item', id: itemId(ItemKind.BASIC, 5) }, // renumbered to 6
  { __typename: 'Item', id: itemId(ItemKind.BASIC, 10) }, // removed
  { __typename: 'Item', id: itemId(ItemKind.COOPERATIVE, 2) }, // reworded
  { __typename: 'Link', id: linkId(ItemKind.COOPERATIVE, 2, '托里县纪律检查委员会') },
  { __typename: 'Link', id: linkId(ItemKind.COOPERATIVE, 43, '托里县总工会') }, // moved to 医疗保障局
];

let folder: TemporaryFolder;
let before: Record<string, unknown>[];

beforeAll(async () => {
  folder = await temporaryFolder();
  const knex = hub.database.orm.em.getKnex();
  await importFiles(knex, [await folder.write('托里镇.txt', SEED_TEXT)]);
  before = (await hub.query(ENTITIES, { representations: STORED })).data?._entities;
  await importFiles(knex, [await folder.write('托里镇-修订.txt', revisedSeed())]);
});

afterAll(async () => {
  await folder.remove();
});

describe('ids stored before a revision, through _entities after it', () => {
  it('resolve continuing duties and their links, and null for what the revision removed', async () => {
    const { data, errors } = await hub.query(ENTITIES, { representations: STORED });
    expect(errors).toBeUndefined();
    const [basic5, basic10, cooperative2, disciplineOn2, unionOn43] = data?._entities ?? [];
    expect(basic5).toEqual({ ...before[0], number: 6 });
    expect(basic10).toBeNull();
    expect(before[1]).not.toBeNull();
    expect(cooperative2).toEqual({ ...before[2], name: expect.stringContaining('组织开展镇领导班子') });
    expect(cooperative2.name).not.toBe(before[2].name);
    expect(disciplineOn2).toEqual(before[3]);
    expect(disciplineOn2).toMatchObject({ department: { name: '托里县纪律检查委员会' }, item: { number: 2 } });
    expect(before[4]).toMatchObject({ department: { name: '托里县总工会' } });
    expect(unionOn43).toBeNull();
  });

  it('give a new duty and a new link ids of their own', async () => {
    const { data, errors } = await hub.query(ENTITIES, {
      representations: [
        { __typename: 'Item', id: stableId('Item', TOWN, ItemKind.BASIC, 5, 'version 2') },
        { __typename: 'Link', id: linkId(ItemKind.COOPERATIVE, 43, '托里县医疗保障局') },
      ],
    });
    expect(errors).toBeUndefined();
    expect(data?._entities).toEqual([
      { kind: 'BASIC', number: 5, name: '建立健全镇党委党建工作责任清单，压实基层党建工作责任' },
      { relation: 'SHARED', department: { name: '托里县医疗保障局' }, item: { kind: 'COOPERATIVE', number: 43 } },
    ]);
  });
});
