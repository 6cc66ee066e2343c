/**
 * An item page reads the items' longest texts (a town's responsibilities, a working method) only
 * when its selection asks for them: the statements say which columns they read, and the answers
 * hold the seed's texts wherever they are asked, however they are asked.
 */
import { describe, expect, it } from '@jest/globals';
import { type TestHub, useHub } from '../support/hub';
import { seed } from '../support/seed';

const TEXTS = ['town_responsibilities', 'working_method'];

/** The seed's texts of an item, by kind and number. */
const texts = ({ kind, number }: { kind: string; number: number }) => {
  const item = seed.items.find((each) => each.kind === kind && each.number === number);
  if (!item) throw new Error(`no item ${kind} ${number}`);
  return { townResponsibilities: item.townResponsibilities, workingMethod: item.workingMethod };
};

const hub = useHub();

/** A request's answer and the statements it sent of those `named` (by default, item pages). */
async function run(query: string, named = /^\/\* (itemSlice|itemPagesByParent) \*\//u) {
  let reply: Awaited<ReturnType<TestHub['query']>> | undefined;
  const statements = await hub.statementsDuring(async () => {
    reply = await hub.query(query);
  });
  expect(reply?.errors).toBeUndefined();
  const pages = statements.filter((sql) => named.test(sql));
  return { data: reply?.data as Record<string, any>, pages };
}

const readsTexts = (sql: string) => TEXTS.filter((column) => sql.includes(column));

// Cooperative items hold responsibilities, reclaimed ones working methods: pages of both kinds,
// whole (at most 200 items).
const SCOPES: [string, (selection: string) => string, (data: Record<string, any>) => any[]][] = [
  [
    'all items',
    (selection) => `{ items(filter: { kinds: [COOPERATIVE, RECLAIMED] }, first: 200) { ${selection} } }`,
    (data) => data.items.nodes ?? data.items.edges.map((edge: any) => edge.node),
  ],
  [
    'a search',
    (selection) =>
      `{ items(filter: { search: "应急", kinds: [COOPERATIVE, RECLAIMED] }, first: 200) { ${selection} } }`,
    (data) => data.items.nodes ?? data.items.edges.map((edge: any) => edge.node),
  ],
  [
    'a town',
    (selection) => `{ towns { items(filter: { kinds: [COOPERATIVE, RECLAIMED] }, first: 200) { ${selection} } } }`,
    (data) => data.towns[0].items.nodes ?? data.towns[0].items.edges.map((edge: any) => edge.node),
  ],
  [
    'a category',
    (selection) =>
      `{ category(name: "应急管理及消防") { items(filter: { kinds: [COOPERATIVE, RECLAIMED] }, first: 200) { ${selection} } } }`,
    (data) => data.category.items.nodes ?? data.category.items.edges.map((edge: any) => edge.node),
  ],
  [
    'a department',
    (selection) =>
      `{ department(name: "托里县应急管理局") { items(filter: { kinds: [COOPERATIVE, RECLAIMED] }, first: 200) { ${selection} } } }`,
    (data) => data.department.items.nodes ?? data.department.items.edges.map((edge: any) => edge.node),
  ],
];

describe.each(SCOPES)('the items of %s', (_, query, itemsOf) => {
  it('leaves the texts unread when no field asks for them, also compiled', async () => {
    const lean = query('nodes { kind number name }');
    // The second run is compiled (src/graphql/compiled-execution.ts): its resolve info too holds the selection.
    for (const { data, pages } of [await run(lean), await run(lean)]) {
      expect(pages).toHaveLength(1);
      expect(readsTexts(pages[0])).toEqual([]);
      const items = itemsOf(data);
      expect(items.map((item) => item.kind)).toEqual(expect.arrayContaining(['COOPERATIVE', 'RECLAIMED']));
      expect(items.every((item) => Object.keys(item).join() === 'kind,number,name')).toBe(true);
    }
  });

  it.each([
    ['as nodes', 'nodes { kind number townResponsibilities workingMethod }', ''],
    ['as edges', 'edges { node { kind number townResponsibilities workingMethod } }', ''],
    ['under aliases', 'nodes { kind number steps: townResponsibilities method: workingMethod }', ''],
    [
      'in fragments',
      'nodes { ...Texts }',
      'fragment Texts on Item { kind number ... on Item { townResponsibilities workingMethod } }',
    ],
  ])('reads them, and answers the seed’s, when asked %s', async (_, selection, fragments) => {
    const { data, pages } = await run(`${query(selection)} ${fragments}`);
    expect(pages).toHaveLength(1);
    expect(readsTexts(pages[0])).toEqual(TEXTS);
    const items = itemsOf(data);
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) {
      const { townResponsibilities, workingMethod } = texts(item);
      expect(item.townResponsibilities ?? item.steps).toEqual(townResponsibilities);
      expect(item.workingMethod ?? item.method ?? null).toEqual(workingMethod);
    }
    expect(items.some((item) => (item.townResponsibilities ?? item.steps).length > 0)).toBe(true);
    expect(items.some((item) => (item.workingMethod ?? item.method) !== null)).toBe(true);
  });

  it('reads only the text asked for', async () => {
    const { pages } = await run(query('nodes { number workingMethod }'));
    expect(readsTexts(pages[0])).toEqual(['working_method']);
  });
});

it('answers the same page asked twice in one request, once with its texts and once without', async () => {
  // Both pages have the same arguments; each is read as its own selection asks.
  const page = 'items(filter: { kinds: [COOPERATIVE] }, first: 3)';
  const { data, pages } = await run(`{
    lean: ${page} { nodes { kind number } }
    full: ${page} { nodes { kind number townResponsibilities } }
    department(name: "托里县应急管理局") {
      lean: ${page} { nodes { kind number } }
      full: ${page} { nodes { kind number townResponsibilities } }
    }
  }`);
  expect(pages.map(readsTexts)).toEqual(
    expect.arrayContaining([[], ['town_responsibilities'], [], ['town_responsibilities']]),
  );
  expect(pages).toHaveLength(4);
  for (const parent of [data, data.department]) {
    expect(parent.full.nodes.map(({ kind, number }: any) => ({ kind, number }))).toEqual(parent.lean.nodes);
    for (const item of parent.full.nodes) expect(item.townResponsibilities).toEqual(texts(item).townResponsibilities);
    expect(parent.full.nodes.some((item: any) => item.townResponsibilities.length > 0)).toBe(true);
  }
});

describe('the links of items', () => {
  const page = 'items(filter: { kinds: [COOPERATIVE] }, first: 5)';
  /** The seed's links of an item, as department names and their parts. */
  const linksOf = ({ number }: { number: number }) =>
    seed.items
      .find((each) => each.kind === 'COOPERATIVE' && each.number === number)
      ?.links.map((link) => ({ department: { name: link.department }, responsibilities: link.responsibilities }));
  const runLinks = async (query: string) => {
    const { data, pages } = await run(query, /^\/\* linksByItem \*\//u);
    return { data, links: pages };
  };

  it('reads their responsibilities only when asked, in one statement either way', async () => {
    const lean = await runLinks(`{ ${page} { nodes { number links { department { name } } departments { name } } } }`);
    expect(lean.links).toHaveLength(1);
    expect(lean.links[0]).not.toContain('responsibilities');
    for (const item of lean.data.items.nodes) {
      const expected = linksOf(item) ?? [];
      expect(item.links).toEqual(expected.map(({ department }) => ({ department })));
      expect(item.departments).toEqual(expected.map(({ department }) => department));
    }
    // Asked beside `departments` and lean links of the same items: one statement, with them.
    const wide = await runLinks(`{ ${page} { nodes {
      number
      lean: links { department { name } }
      links { department { name } responsibilities }
      departments { name }
    } } }`);
    expect(wide.links).toHaveLength(1);
    expect(wide.links[0]).toContain('responsibilities');
    for (const item of wide.data.items.nodes) {
      const expected = linksOf(item) ?? [];
      expect(item.links).toEqual(expected);
      expect(item.lean).toEqual(expected.map(({ department }) => ({ department })));
    }
    expect(
      wide.data.items.nodes.some((item: any) => item.links.some((link: any) => link.responsibilities.length > 0)),
    ).toBe(true);
  });
});
