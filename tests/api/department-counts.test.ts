import { describe, expect, it } from '@jest/globals';
import { useHub } from '../support/hub';
import { walkPages } from '../support/pages';

const hub = useHub();

interface Items {
  totalCount: number;
  pageInfo: { hasNextPage: boolean };
  nodes: { id: string }[];
}

interface Counted {
  name: string;
  itemCount: number;
  shared: number;
  reclaimed: number;
  sharedItems: Items;
  reclaimedItems: Items;
  allItems: Items;
}

const COUNTS = `name itemCount shared: itemCount(relation: SHARED) reclaimed: itemCount(relation: RECLAIMED)`;

describe('Department.itemCount', () => {
  it('counts the items a department shares, reclaimed, and both, as on the seed', async () => {
    const { data, errors } = await hub.query(`{
      a: department(name: "托里县应急管理局") { ${COUNTS} }
      b: department(name: "托里县住房和城乡建设局") { ${COUNTS} }
      c: department(name: "托里县监察委员会") { ${COUNTS} }
      d: department(name: "托里县医疗保障局") { ${COUNTS} }
    }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      a: { name: '托里县应急管理局', itemCount: 8, shared: 6, reclaimed: 2 },
      b: { name: '托里县住房和城乡建设局', itemCount: 22, shared: 15, reclaimed: 7 },
      // Asked by its alias; no reclaimed item: 0, not null.
      c: { name: '托里县纪律检查委员会', itemCount: 1, shared: 1, reclaimed: 0 },
      d: { name: '托里县医疗保障局', itemCount: 2, shared: 0, reclaimed: 2 },
    });
  });

  it('equals, for each of the 40 departments and each relation, the items its connection lists', async () => {
    const { data, errors } = await hub.query(`{ departments(first: 40) { totalCount nodes { ${COUNTS}
      sharedItems: items(relation: SHARED, first: 60) { totalCount pageInfo { hasNextPage } nodes { id } }
      reclaimedItems: items(relation: RECLAIMED, first: 60) { totalCount pageInfo { hasNextPage } nodes { id } }
      allItems: items(first: 60) { totalCount pageInfo { hasNextPage } nodes { id } } } } }`);
    expect(errors).toBeUndefined();
    const departments = data?.departments.nodes as Counted[];
    expect(departments).toHaveLength(40);
    for (const department of departments) {
      const pages = [department.sharedItems, department.reclaimedItems, department.allItems];
      expect(pages.map((page) => page.pageInfo.hasNextPage)).toEqual([false, false, false]);
      expect({
        name: department.name,
        counts: [department.shared, department.reclaimed, department.itemCount],
      }).toEqual({
        name: department.name,
        counts: [
          department.sharedItems.nodes.length,
          department.reclaimedItems.nodes.length,
          new Set(department.allItems.nodes.map((node) => node.id)).size,
        ],
      });
      expect(pages.map((page) => page.totalCount)).toEqual([
        department.shared,
        department.reclaimed,
        department.itemCount,
      ]);
    }
    const sum = (pick: (department: Counted) => number) => departments.reduce((total, d) => total + pick(d), 0);
    // The seed's 166 SHARED and 51 RECLAIMED links (tests/api/traversal.test.ts), one an item.
    expect([sum((d) => d.shared), sum((d) => d.reclaimed), sum((d) => d.itemCount)]).toEqual([166, 51, 217]);
  });

  it('counts 40 departments, each relation and both, in one SQL statement', async () => {
    let answer: { errors?: unknown; data?: Record<string, any> } | undefined;
    const statements = await hub.statementsDuring(async () => {
      answer = await hub.query(`{ departments(first: 40) { nodes { ${COUNTS} } } }`);
    });
    expect(answer?.errors).toBeUndefined();
    expect(answer?.data?.departments.nodes).toHaveLength(40);
    // The page and its total, then the counts.
    expect(statements.map((statement) => statement.match(/\/\* (\w+) \*\//)?.[1])).toEqual([
      'departmentPage',
      'departmentTotal',
      'departmentItemCounts',
    ]);
  });
});

describe('departments backwards', () => {
  const names = async (args: string) => {
    const { data, errors } = await hub.query(
      `{ departments(${args}) { totalCount nodes { name } pageInfo { hasNextPage hasPreviousPage } } }`,
    );
    expect(errors).toBeUndefined();
    return data?.departments as {
      totalCount: number;
      nodes: { name: string }[];
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean };
    };
  };

  it('walks backward from the end to the forward order', async () => {
    const request = (position: string, selection: string) => `{ departments(${position}) { ${selection} } }`;
    const pageOf = (data: Record<string, any> | undefined) => data?.departments;
    const forward = await walkPages(hub, request, pageOf, { size: 15 });
    const backward = await walkPages(hub, request, pageOf, { size: 15, backwards: true });
    expect(forward).toHaveLength(40);
    expect(backward).toEqual(forward);
  });

  it('gives the last departments by name, and those before a cursor, with their flags', async () => {
    const { data, errors } = await hub.query(
      '{ departments(last: 2) { totalCount nodes { name } pageInfo { hasNextPage hasPreviousPage startCursor } } }',
    );
    expect(errors).toBeUndefined();
    // By name in code point order (collate "C"), as forward pages.
    expect(data?.departments.nodes).toEqual([{ name: '托里县自然资源局' }, { name: '托里县财政局' }]);
    expect(data?.departments.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const before = await names(`last: 3, before: "${data?.departments.pageInfo.startCursor}"`);
    expect(before).toEqual({
      totalCount: 40,
      nodes: [
        { name: '托里县红十字会' },
        { name: '托里县纪律检查委员会' },
        { name: '托里县网络安全和信息化委员会办公室' },
      ],
      pageInfo: { hasNextPage: true, hasPreviousPage: true },
    });
  });

  it('pages backward through a search', async () => {
    const all = await names('search: "委员会", first: 40');
    const lastTwo = await names('search: "委员会", last: 2');
    expect(lastTwo.totalCount).toBe(all.totalCount);
    expect(lastTwo.nodes).toEqual(all.nodes.slice(-2));
    expect(lastTwo.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
  });

  it('refuses first with last, and a before that is no cursor', async () => {
    expect(await hub.errorsOf('{ departments(first: 2, last: 2) { totalCount } }')).toEqual([
      ['BAD_USER_INPUT', 'pass either first or last, not both'],
    ]);
    expect(await hub.errorsOf('{ departments(last: 2, before: "nope") { totalCount } }')).toEqual([
      ['BAD_USER_INPUT', 'before is not a cursor of this API'],
    ]);
  });
});
