/**
 * Analysts' API on the seed, against answers computed here independently from the parsed document:
 * partners and their weights, shortest paths, the slice graph, its exports and the heatmap matrix.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { UndirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { run } from '../../src/cli/commands';
import { Department } from '../../src/modules/department/department.entity';
import { unweightedBetweenness } from '../support/betweenness';
import { useHub } from '../support/hub';
import { edgesOf, seed, townId } from '../support/seed';

const KIND_ORDER = ['BASIC', 'COOPERATIVE', 'RECLAIMED'];
const itemLabel = (item: { kind: string; number: number }) => `${item.kind}-${item.number}`;

/** Items in default order, keyed by department, for links of `relation` (any when null). */
function itemsByDepartment(relation: string | null): Map<string, string[]> {
  const items = new Map<string, string[]>();
  const ordered = [...seed.items].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.number - b.number,
  );
  for (const item of ordered) {
    for (const link of item.links) {
      if (relation && link.relation !== relation) continue;
      items.set(link.department, [...(items.get(link.department) ?? []), itemLabel(item)]);
    }
  }
  return items;
}

/** Partners of a department: [name, weight, items in common], most items first, then by name. */
function expectedPartners(name: string, relation: string | null): [string, number, string[]][] {
  const byDepartment = itemsByDepartment(relation);
  const own = new Set(byDepartment.get(name) ?? []);
  const partners: [string, number, string[]][] = [];
  for (const [other, items] of byDepartment) {
    const common = items.filter((item) => own.has(item));
    if (other !== name && common.length > 0) partners.push([other, common.length, common]);
  }
  return partners.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** Hop distances from a department by breadth-first search over shared items. */
function distances(from: string, relation: string | null): Map<string, number> {
  const distance = new Map([[from, 0]]);
  let frontier = [from];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const department of frontier) {
      for (const [partner] of expectedPartners(department, relation)) {
        if (!distance.has(partner)) {
          distance.set(partner, (distance.get(department) ?? 0) + 1);
          next.push(partner);
        }
      }
    }
    frontier = next;
  }
  return distance;
}

const hub = useHub();

const PARTNERS = `query ($name: String!, $relation: Relation, $first: Int) {
  department(name: $name) { partners(relation: $relation, first: $first) { department { name } weight items { kind number } } }
}`;

describe('partners', () => {
  const names = seed.departments.map((department) => department.name);

  it.each([null, 'SHARED', 'RECLAIMED'])(
    'match an independent count for all 40 departments (relation %s)',
    async (relation) => {
      for (const name of names) {
        const { data, errors } = await hub.query(PARTNERS, { name, relation, first: 500 });
        expect(errors).toBeUndefined();
        const actual = data?.department.partners.map(
          (partner: { department: { name: string }; weight: number; items: { kind: string; number: number }[] }) => [
            partner.department.name,
            partner.weight,
            partner.items.map(itemLabel),
          ],
        );
        expect([name, actual]).toEqual([name, expectedPartners(name, relation)]);
      }
    },
  );

  it('ranks 托里县应急管理局 partners by items in common', async () => {
    const { data } = await hub.query(PARTNERS, { name: '托里县应急管理局', first: 3 });
    expect(
      data?.department.partners.map((p: { department: { name: string }; weight: number }) => [
        p.department.name,
        p.weight,
      ]),
    ).toEqual(
      expectedPartners('托里县应急管理局', null)
        .slice(0, 3)
        .map(([name, weight]) => [name, weight]),
    );
  });

  it('batches partners of many departments into one statement', async () => {
    const statements = await hub.statementsDuring(() =>
      hub.query('{ departments(first: 40) { nodes { partners(first: 5) { weight department { name } } } } }'),
    );
    expect(statements.filter((sql) => sql.startsWith('/* departmentPartners */'))).toHaveLength(1);
    expect(statements).toHaveLength(3);
  });
});

const PATH = `query ($from: ID!, $to: ID!, $relation: Relation, $maxHops: Int) {
  departmentPath(from: $from, to: $to, relation: $relation, maxHops: $maxHops) { department { name } items { kind number } }
}`;
const id = (name: string) => Department.idFor(name);

describe('paths', () => {
  it('finds shortest chains whose every hop shares the listed items, and null for departments out of reach', async () => {
    const from = '托里县气象局';
    const reach = distances(from, null);
    // The independent search reaches 31 of the 40 departments; the other 9 share items with no one of them.
    expect(reach.size).toBe(31);
    for (const { name: to } of seed.departments) {
      const { data, errors } = await hub.query(PATH, { from: id(from), to: id(to) });
      expect(errors).toBeUndefined();
      const hops = reach.get(to);
      if (hops === undefined) {
        expect([to, data?.departmentPath]).toEqual([to, null]);
        continue;
      }
      const steps: { department: { name: string }; items: { kind: string; number: number }[] }[] = data?.departmentPath;
      expect([to, steps.length - 1]).toEqual([to, hops]);
      expect(steps[0]).toEqual({ department: { name: from }, items: [] });
      expect(steps[steps.length - 1].department.name).toBe(to);
      for (let i = 1; i < steps.length; i++) {
        const shared = expectedPartners(steps[i - 1].department.name, null).find(
          ([name]) => name === steps[i].department.name,
        );
        expect(steps[i].items.map(itemLabel)).toEqual(shared?.[2]);
      }
    }
  });

  it('answers null when no chain exists within the relation or within maxHops', async () => {
    const reclaimed = distances('托里县医疗保障局', 'RECLAIMED');
    expect(reclaimed.size).toBe(1);
    const { data } = await hub.query(PATH, {
      from: id('托里县医疗保障局'),
      to: id('托里县水利局'),
      relation: 'RECLAIMED',
    });
    expect(data?.departmentPath).toBeNull();
    const far = [...distances('托里县气象局', null)].find(([, hops]) => hops >= 3);
    expect(far).toBeDefined();
    const short = await hub.query(PATH, { from: id('托里县气象局'), to: id(far?.[0] ?? ''), maxHops: 2 });
    expect(short.data?.departmentPath).toBeNull();
  });

  it('refuses unknown departments and out-of-range maxHops', async () => {
    const unknown = await hub.query(PATH, { from: id('托里县气象局'), to: id('托里县不存在局') });
    expect(unknown.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['NOT_FOUND', `no department with id ${id('托里县不存在局')}`],
    ]);
    const tooFar = await hub.query(PATH, { from: id('托里县气象局'), to: id('托里县水利局'), maxHops: 11 });
    expect(tooFar.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

const GRAPH = `query ($filter: ItemFilter, $relation: Relation, $minWeight: Int) {
  departmentGraph(filter: $filter, relation: $relation, minWeight: $minWeight) {
    nodes { department { id name } degree weightedDegree itemCount betweenness community component }
    edges { source { name } target { name } weight }
    components
    graphml gexf nodesCsv edgesCsv
  }
}`;

describe('slice graphs', () => {
  it('draws the whole town: 40 departments, the edges and degrees counted independently', async () => {
    const { data, errors } = await hub.query(GRAPH, {});
    expect(errors).toBeUndefined();
    const graph = data?.departmentGraph;
    expect(graph.nodes).toHaveLength(40);
    const pairs = new Set<string>();
    for (const department of seed.departments) {
      for (const [partner, weight] of expectedPartners(department.name, null)) {
        pairs.add(`${[department.name, partner].sort().join('|')}|${weight}`);
      }
    }
    expect(graph.edges).toHaveLength(pairs.size);
    for (const node of graph.nodes) {
      const partners = expectedPartners(node.department.name, null);
      expect([node.department.name, node.degree, node.weightedDegree, node.itemCount]).toEqual([
        node.department.name,
        partners.length,
        partners.reduce((sum, [, weight]) => sum + weight, 0),
        itemsByDepartment(null).get(node.department.name)?.length,
      ]);
    }
    expect(graph.components.flat().sort()).toEqual(
      graph.nodes.map((n: { department: { id: string } }) => n.department.id).sort(),
    );
  });

  it('measures betweenness unweighted, as the schema says, whatever the items two departments share', async () => {
    const { data } = await hub.query(GRAPH, { filter: { categoryNames: ['应急管理及消防'] }, relation: 'SHARED' });
    const graph = data?.departmentGraph;
    const names: string[] = graph.nodes.map((node: { department: { name: string } }) => node.department.name);
    const edges = graph.edges.map((edge: { source: { name: string }; target: { name: string } }) => ({
      source: edge.source.name,
      target: edge.target.name,
    }));
    const expected = unweightedBetweenness(names, edges);
    const measured = Object.fromEntries(
      graph.nodes.map((node: { department: { name: string }; betweenness: number }) => [
        node.department.name,
        node.betweenness,
      ]),
    );
    for (const name of names) expect([name, measured[name]]).toEqual([name, expect.closeTo(expected[name], 9)]);
    // Weighted by the items shared, read as distances, these were 4.667 and 0.667.
    expect([measured['托里县住房和城乡建设局'], measured['托里县气象局']]).toEqual([4, 0]);
  });

  it('exports GraphML, GEXF and CSV that parse and hold the same counts', async () => {
    const { data } = await hub.query(GRAPH, { filter: { categoryNames: ['应急管理及消防'] }, minWeight: 1 });
    const graph = data?.departmentGraph;
    const fromGraphml = parseGraphml(UndirectedGraph, graph.graphml);
    const fromGexf = parseGexf(UndirectedGraph, graph.gexf);
    for (const parsed of [fromGraphml, fromGexf]) {
      expect(parsed.order).toBe(graph.nodes.length);
      expect(parsed.size).toBe(graph.edges.length);
    }
    const first = graph.nodes[0];
    expect(fromGraphml.getNodeAttributes(first.department.id)).toMatchObject({
      label: first.department.name,
      degree: first.degree,
      itemCount: first.itemCount,
    });
    expect(graph.nodesCsv.trim().split('\n')).toHaveLength(graph.nodes.length + 1);
    expect(graph.edgesCsv.trim().split('\n')).toHaveLength(graph.edges.length + 1);

    // The same slice, asked again, gets the same files to the byte (edge ids included).
    const { data: again } = await hub.query(GRAPH, { filter: { categoryNames: ['应急管理及消防'] }, minWeight: 1 });
    expect(again?.departmentGraph).toEqual(graph);
    expect(graph.nodesCsv.split('\n')[0]).toBe(
      'id,label,aliases,itemCount,degree,weightedDegree,betweenness,community,component',
    );
  });

  it('leaves out light edges with minWeight', async () => {
    const all = await hub.query(GRAPH, {});
    const heavy = await hub.query(GRAPH, { minWeight: 3 });
    const expected = all.data?.departmentGraph.edges.filter((edge: { weight: number }) => edge.weight >= 3);
    expect(heavy.data?.departmentGraph.edges).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });
});

describe('slice graph edges', () => {
  type SeedItem = (typeof seed.items)[number];
  const expectedEdges = (kept: (item: SeedItem) => boolean, relation: string | null) =>
    edgesOf(seed.items.filter(kept), relation);

  it.each<[string, Record<string, unknown> | null, (item: SeedItem) => boolean, string, number]>([
    ['all items', null, () => true, 'from department_pair_total', 113],
    [
      'a category and kind',
      { categoryNames: ['应急管理及消防'], kinds: ['COOPERATIVE'] },
      (item) => item.category === '应急管理及消防' && item.kind === 'COOPERATIVE',
      'from department_pair_total',
      12,
    ],
    [
      'all but a category',
      { not: { categoryNames: ['应急管理及消防'] } },
      (item) => item.category !== '应急管理及消防',
      'from department_pair_total',
      106,
    ],
    ['a town', { townIds: [townId] }, () => true, 'from item as i', 113],
    ['a search', { search: '防汛' }, (item) => item.searchText.includes('防汛'), 'from item as i', 10],
  ])('joins the departments of %s by the items they share, as the seed does', async (_, filter, kept, read, edges) => {
    for (const relation of [null, 'SHARED']) {
      let data: Record<string, any> | undefined;
      const statements = await hub.statementsDuring(async () => {
        ({ data } = await hub.query(
          `query ($filter: ItemFilter, $relation: Relation) {
            departmentGraph(filter: $filter, relation: $relation) { edges { source { name } target { name } weight } }
          }`,
          { filter, relation },
        ));
      });
      // Summed from the pairs kept where the filter allows, joined from the links where not.
      const [joined] = statements.filter((sql) => sql.startsWith('/* departmentGraphEdges */'));
      expect(joined).toContain(read);
      const got = data?.departmentGraph.edges.map(
        (edge: { source: { name: string }; target: { name: string }; weight: number }) => [
          edge.source.name,
          edge.target.name,
          edge.weight,
        ],
      );
      expect(got).toEqual(expectedEdges(kept, relation));
      if (relation === null) expect(got).toHaveLength(edges);
    }
  });
});

describe('category × department matrix', () => {
  type SeedItem = (typeof seed.items)[number];
  it.each<[string, string, (item: SeedItem) => boolean, string, number]>([
    ['all items', '', () => true, 'from department_item_total', 166],
    ['a town', `filter: { townIds: ["${townId}"] }, `, () => true, 'from department_item_count', 166],
    [
      'a category and kind',
      'filter: { categoryNames: ["应急管理及消防"], kinds: [COOPERATIVE] }, ',
      (item) => item.category === '应急管理及消防' && item.kind === 'COOPERATIVE',
      'from department_item_total',
      22,
    ],
    ['a search', 'filter: { search: "防汛" }, ', (item) => item.searchText.includes('防汛'), 'join link as cl', 7],
  ])('counts items per category and department of %s, as the seed does', async (_, filter, kept, read, links) => {
    let data: Record<string, any> | undefined;
    const statements = await hub.statementsDuring(async () => {
      ({ data } = await hub.query(`{
        categoryDepartmentMatrix(${filter}relation: SHARED) { categories { name } departments { name } counts }
      }`));
    });
    // Summed from the counts kept where the filter allows, counted from the links where not.
    const [counted] = statements.filter((sql) => sql.startsWith('/* categoryDepartmentMatrix */'));
    expect(counted).toContain(read);
    const matrix = data?.categoryDepartmentMatrix;
    const expected = new Map<string, number>();
    for (const item of seed.items.filter(kept)) {
      for (const link of item.links.filter((l) => l.relation === 'SHARED')) {
        const key = `${item.category}|${link.department}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
    }
    let total = 0;
    matrix.categories.forEach((category: { name: string }, i: number) => {
      matrix.departments.forEach((department: { name: string }, j: number) => {
        expect([category.name, department.name, matrix.counts[i][j]]).toEqual([
          category.name,
          department.name,
          expected.get(`${category.name}|${department.name}`) ?? 0,
        ]);
        total += matrix.counts[i][j];
      });
    });
    expect(total).toBe(links);
    expect([...expected.values()].reduce((sum, count) => sum + count, 0)).toBe(links);
  });
});

describe('npm run cli -- export-graph', () => {
  it('writes the graph of a slice as GraphML, GEXF and CSV files', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dutyhub-export-'));
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = hub.database.url;
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const slice = ['--category', '应急管理及消防', '--relation', 'SHARED'];
      expect(await run(['export-graph', '--format', 'graphml', ...slice, '--out', path.join(dir, 'g.graphml')])).toBe(
        0,
      );
      expect(await run(['export-graph', '--format', 'gexf', ...slice, '--out', path.join(dir, 'g.gexf')])).toBe(0);
      expect(await run(['export-graph', '--format', 'csv', ...slice, '--out', path.join(dir, 'g')])).toBe(0);
      expect(await run(['export-graph', '--format', 'pdf'])).toBe(2);
      const graphml = parseGraphml(UndirectedGraph, await readFile(path.join(dir, 'g.graphml'), 'utf8'));
      const gexf = parseGexf(UndirectedGraph, await readFile(path.join(dir, 'g.gexf'), 'utf8'));
      const nodes = (await readFile(path.join(dir, 'g.nodes.csv'), 'utf8')).trim().split('\n').length - 1;
      const edges = (await readFile(path.join(dir, 'g.edges.csv'), 'utf8')).trim().split('\n').length - 1;
      const { data } = await hub.query(
        '{ departmentGraph(filter: { categoryNames: ["应急管理及消防"] }, relation: SHARED) { nodes { degree } edges { weight } } }',
      );
      const expected = [data?.departmentGraph.nodes.length, data?.departmentGraph.edges.length];
      expect([graphml.order, graphml.size]).toEqual(expected);
      expect([gexf.order, gexf.size]).toEqual(expected);
      expect([nodes, edges]).toEqual(expected);
    } finally {
      stderr.mockRestore();
      process.env.DATABASE_URL = previous;
    }
  });
});
