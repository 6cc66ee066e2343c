import { describe, expect, it } from '@jest/globals';
import { TownsDocument } from '../__generated__/graphql';
import { useHub } from '../support/hub';

const hub = useHub();

describe('the seed over HTTP', () => {
  it('serves the one town with its prefecture and county', async () => {
    const { data, errors } = await hub.query(TownsDocument);
    expect(errors).toBeUndefined();
    expect(data?.towns).toEqual([
      {
        // Derived from 塔城地区/托里县/托里镇: the same on every machine and after every re-import.
        id: '6a7adf5f-468b-5234-b14f-b834d0e15003',
        name: '托里镇',
        county: '托里县',
        prefecture: '塔城地区',
        items: { totalCount: 255 },
      },
    ]);
  });

  it('counts 104 BASIC, 111 COOPERATIVE and 40 RECLAIMED items, one of them discontinued', async () => {
    const { data } = await hub.query(`{
      basic: items(filter: { kinds: [BASIC] }) { totalCount }
      cooperative: items(filter: { kinds: [COOPERATIVE] }) { totalCount }
      reclaimed: items(filter: { kinds: [RECLAIMED] }, first: 500) { totalCount nodes { number discontinued links { relation } } }
    }`);
    expect(data?.basic.totalCount).toBe(104);
    expect(data?.cooperative.totalCount).toBe(111);
    expect(data?.reclaimed.totalCount).toBe(40);
    const discontinued = data?.reclaimed.nodes.filter((item: { discontinued: boolean }) => item.discontinued);
    expect(discontinued).toEqual([{ number: 5, discontinued: true, links: [] }]);
  });

  it('holds 21 categories and 40 departments with 166 SHARED and 51 RECLAIMED links', async () => {
    const { data } = await hub.query(`{
      categories { name }
      departments(first: 100) { totalCount nodes { shared: links(relation: SHARED) { relation } reclaimed: links(relation: RECLAIMED) { relation } } }
    }`);
    expect(data?.categories).toHaveLength(21);
    expect(data?.departments.totalCount).toBe(40);
    const count = (key: 'shared' | 'reclaimed') =>
      data?.departments.nodes.reduce(
        (sum: number, department: Record<string, unknown[]>) => sum + department[key].length,
        0,
      );
    expect(count('shared')).toBe(166);
    expect(count('reclaimed')).toBe(51);
  });

  it('gives each department of a cooperative row its own section of 上级部门职责', async () => {
    const { data } = await hub.query(`{
      items(filter: { kinds: [COOPERATIVE], numbers: [90] }) {
        nodes { name townResponsibilities links { relation responsibilities department { name } } }
      }
    }`);
    const [item] = data?.items.nodes ?? [];
    expect(item.townResponsibilities).toHaveLength(10);
    expect(item.townResponsibilities[0]).toBe('开展宣传教育，提升群众自救能力');
    expect(item.links.map((link: { department: { name: string } }) => link.department.name)).toEqual([
      '托里县应急管理局',
      '托里县住房和城乡建设局',
      '托里县水利局',
      '托里县自然资源局',
      '托里县气象局',
    ]);
    expect(item.links[4]).toEqual({
      relation: 'SHARED',
      responsibilities: ['及时发布气象预警信息'],
      department: { name: '托里县气象局' },
    });
  });

  it('finds a department by alias, ignoring white space, and answers null for an unknown name', async () => {
    const { data } = await hub.query(`{
      byAlias: department(name: "托里县 监察委员会") { name aliases }
      byName: department(name: "托里县住房和城 乡建设局") { name }
      unknown: department(name: "托里县不存在局") { name }
    }`);
    expect(data?.byAlias).toEqual({ name: '托里县纪律检查委员会', aliases: ['托里县监察委员会'] });
    expect(data?.byName).toEqual({ name: '托里县住房和城乡建设局' });
    expect(data?.unknown).toBeNull();
  });

  it('goes from a department to the items it reclaimed and back', async () => {
    const { data } = await hub.query(`{
      department(name: "托里县医疗保障局") {
        items(relation: RECLAIMED) { totalCount nodes { kind number departments(relation: RECLAIMED) { name } } }
      }
    }`);
    expect(data?.department.items.totalCount).toBe(2);
    expect(data?.department.items.nodes).toEqual([
      { kind: 'RECLAIMED', number: 16, departments: [{ name: '托里县医疗保障局' }] },
      { kind: 'RECLAIMED', number: 19, departments: [{ name: '托里县医疗保障局' }] },
    ]);
  });

  it('gives the same department through a department’s links as through an item’s', async () => {
    // A department's links carry its id only; an item's come with their departments joined.
    const { data } = await hub.query(`{
      department(name: "托里县医疗保障局") {
        links(relation: RECLAIMED) { department { name aliases } item { number links { department { name aliases } } } }
      }
    }`);
    const department = { name: '托里县医疗保障局', aliases: [] };
    expect(data?.department.links).toHaveLength(2);
    expect(data?.department.links).toEqual([
      { department, item: { number: 16, links: [{ department }] } },
      { department, item: { number: 19, links: [{ department }] } },
    ]);
  });

  it('pages every department’s items in one statement, those with none included', async () => {
    const { data } = await hub.query(`{
      departments(first: 100) { nodes { name
        items(relation: RECLAIMED, first: 1) { totalCount nodes { number } pageInfo { hasNextPage } }
        links(relation: RECLAIMED) { item { number } } } }
    }`);
    const departments: {
      items: { totalCount: number; nodes: unknown[]; pageInfo: { hasNextPage: boolean } };
      links: unknown[];
    }[] = data?.departments.nodes;
    expect(departments).toHaveLength(40);
    // A department's items by a relation are those its links of that relation lead to.
    for (const { items, links } of departments) {
      expect(items.totalCount).toBe(links.length);
      expect(items.nodes).toHaveLength(Math.min(1, links.length));
      expect(items.pageInfo.hasNextPage).toBe(links.length > 1);
    }
    expect(departments.filter(({ items }) => items.totalCount === 0).length).toBeGreaterThan(0);
    expect(departments.reduce((sum, { items }) => sum + items.totalCount, 0)).toBe(51);
  });

  it('gives the same category to an item by id as to the item in a page', async () => {
    // A page's items come with their categories joined; an item by id, with its category's id.
    const { data: paged } = await hub.query('{ items(first: 30) { nodes { id category { id name } } } }');
    const nodes: { id: string; category: { id: string; name: string } }[] = paged?.items.nodes;
    expect(new Set(nodes.map((node) => node.category.name)).size).toBeGreaterThan(1);
    const byId = await hub.query(
      `{ ${nodes.map((node, i) => `i${i}: item(id: "${node.id}") { category { id name } }`).join(' ')} }`,
    );
    expect(nodes.map((_, i) => byId.data?.[`i${i}`].category)).toEqual(nodes.map((node) => node.category));
  });
});

describe('batching', () => {
  const nested = `query Nested($first: Int!) {
    departments(first: $first) {
      nodes {
        name
        items(first: 50) {
          totalCount
          nodes { name category { name } links { relation department { name } } }
        }
      }
    }
  }`;

  it('runs the same number of SQL statements for 5 departments as for 40', async () => {
    let five: unknown;
    let forty: unknown;
    const fewer = await hub.statementsDuring(async () => {
      five = await hub.query(nested, { first: 5 });
    });
    const more = await hub.statementsDuring(async () => {
      forty = await hub.query(nested, { first: 40 });
    });
    expect((five as { errors?: unknown }).errors).toBeUndefined();
    expect((forty as { data: { departments: { nodes: unknown[] } } }).data.departments.nodes).toHaveLength(40);
    expect(more.length).toBe(fewer.length);
    // departments page + total, item pages (with categories and totals), links with their departments.
    expect(more.length).toBe(4);
  });
});
