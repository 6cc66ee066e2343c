/**
 * Exact slices: every filter's totalCount is checked against an independent count, made here in
 * JavaScript over the parsed seed, and items, a nested connection and facets must all agree.
 */
import { describe, expect, it } from '@jest/globals';
import type { NormalizedItem } from '../../src/ingest/normalize';
import { Item } from '../../src/modules/item/item.entity';
import {
  CategoryDepartmentsDocument,
  DepartmentSearchDocument,
  FacetsByRelationDocument,
  type ItemFilter,
  type ItemKind,
  NestedSliceDocument,
  type Relation,
  SliceCountDocument,
  SliceItemsDocument,
} from '../__generated__/graphql';
import { type GraphQLResponse, useHub } from '../support/hub';
import { walkPages } from '../support/pages';
import { category, department, matches, seed, townId } from '../support/seed';

const expectedCount = (filter: ItemFilter) => seed.items.filter((item) => matches(item, filter)).length;
const label = (item: { kind: string; number: number }) => `${item.kind}-${item.number}`;

const hub = useHub();

const FILTERS: [string, ItemFilter][] = [
  ['everything', {}],
  ['one kind', { kinds: ['COOPERATIVE'] }],
  ['two kinds', { kinds: ['BASIC', 'RECLAIMED'] }],
  ['numbers', { numbers: [1, 2, 3, 200] }],
  ['a town', { townIds: [townId] }],
  ['a category by id', { categoryIds: [category('应急管理及消防')] }],
  ['categories by name, white space ignored', { categoryNames: ['民生 服务', '党的建设'] }],
  ['a department', { departmentIds: [department('托里县公安局')] }],
  ['a department by relation', { departmentIds: [department('托里县公安局')], relation: 'RECLAIMED' }],
  ['any reclaimed link', { relation: 'RECLAIMED' }],
  ['two departments', { departmentIds: [department('托里县水利局'), department('托里县气象局')] }],
  ['search', { search: '防汛' }],
  ['search in a department name', { search: '监察委员会' }],
  ['search, two characters of a department name', { search: '监察' }],
  ['search, letters in another case', { search: 'app' }],
  ['search, Han characters and letters', { search: '服务App' }],
  ['and', { and: [{ kinds: ['COOPERATIVE'] }, { categoryNames: ['应急管理及消防'] }] }],
  ['or', { or: [{ numbers: [1] }, { search: '消防' }] }],
  ['not', { not: { kinds: ['BASIC'] } }],
  [
    'nested',
    {
      kinds: ['COOPERATIVE', 'RECLAIMED'],
      or: [
        { departmentIds: [department('托里县自然资源局')] },
        { and: [{ search: '消防' }, { not: { numbers: [93, 94] } }] },
      ],
      not: { relation: 'RECLAIMED' },
    },
  ],
  ['empty or matches nothing', { or: [] }],
  ['empty list matches nothing', { kinds: [] }],
  ['not of everything', { not: {} }],
  ['an id of no row', { departmentIds: ['not-an-id'] }],
  ['search of two characters in one kind', { search: '消防', kinds: ['COOPERATIVE'] }],
  ['search of two characters in no kind', { search: '防汛', kinds: [] }],
];

describe('filters', () => {
  it.each(FILTERS)('%s: the same count in items, a nested connection and facets', async (_, filter) => {
    const { data, errors } = await hub.query(SliceCountDocument, { filter });
    expect(errors).toBeUndefined();
    const expected = expectedCount(filter);
    expect(data?.items.totalCount).toBe(expected);
    expect(data?.towns[0].items.totalCount).toBe(expected);
    expect(data?.facets.total).toBe(expected);
    const sum = (counts: { count: number }[] | undefined) => (counts ?? []).reduce((total, c) => total + c.count, 0);
    expect(sum(data?.facets.byKind)).toBe(expected);
    expect(sum(data?.facets.byCategory)).toBe(expected);
    expect(sum(data?.facets.byTown)).toBe(expected);
  });

  it.each(FILTERS)('%s: each department counted by the items it is linked to, most first', async (_, filter) => {
    const counts = new Map<string, number>();
    for (const item of seed.items.filter((each) => matches(each, filter))) {
      for (const link of item.links) counts.set(link.department, (counts.get(link.department) ?? 0) + 1);
    }
    const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const expected = [...counts]
      .sort(([a, x], [b, y]) => y - x || byName(a, b))
      .map(([name, count]) => ({ department: { name }, count }));
    const { data } = await hub.query(SliceCountDocument, { filter });
    expect(data?.facets.byDepartment).toEqual(expected);
  });

  it('keeps the independent counts honest: some are large, some small, some zero', () => {
    expect(FILTERS.map(([, filter]) => expectedCount(filter))).toEqual([
      255, 111, 144, 9, 255, 24, 62, 10, 1, 39, 9, 2, 1, 1, 1, 1, 14, 14, 151, 21, 0, 0, 0, 0, 6, 0,
    ]);
  });
});

describe('search', () => {
  it.each([
    ['防汛', ['COOPERATIVE-90', 'COOPERATIVE-99']],
    ['退耕还林', ['COOPERATIVE-46']],
    ['监察委员会', ['COOPERATIVE-2']],
    [
      '消防',
      [
        'BASIC-87',
        'BASIC-90',
        'BASIC-91',
        'BASIC-92',
        'COOPERATIVE-23',
        'COOPERATIVE-93',
        'COOPERATIVE-94',
        'COOPERATIVE-95',
        'COOPERATIVE-96',
        'COOPERATIVE-101',
        'RECLAIMED-37',
      ],
    ],
    ['没有这个词', []],
  ])('finds %s in names, steps, working methods and department names', async (search, expected) => {
    const { data } = await hub.query(SliceItemsDocument, { filter: { search }, first: 500 });
    expect(data?.items.nodes.map(label)).toEqual(expected);
  });

  it('treats % and _ as literal characters', async () => {
    const { data } = await hub.query(SliceItemsDocument, { filter: { search: '%' } });
    expect(data?.items.totalCount).toBe(0);
  });
});

describe('facets', () => {
  it('counts an emergency slice by kind, department and relation', async () => {
    const { data } = await hub.query(SliceCountDocument, { filter: { categoryNames: ['应急管理及消防'] } });
    expect(data?.facets.byKind).toEqual([
      { kind: 'BASIC', count: 7 },
      { kind: 'COOPERATIVE', count: 14 },
      { kind: 'RECLAIMED', count: 3 },
    ]);
    expect(data?.facets.byCategory).toEqual([{ category: { name: '应急管理及消防' }, count: 24 }]);
    expect(data?.facets.byTown).toEqual([{ town: { name: '托里镇' }, count: 24 }]);
    expect(data?.facets.byDepartment.slice(0, 2)).toEqual([
      { department: { name: '托里县应急管理局' }, count: 8 },
      { department: { name: '托里县消防救援局' }, count: 6 },
    ]);
  });

  it('sums departments from the counts kept over all towns, or per town when the slice names towns', async () => {
    // total and byDepartment: one statement, the slice's (its counts, and the departments in it).
    const statement = async (filter: ItemFilter) => {
      const sql = await hub.statementsDuring(() => hub.query(FacetsByRelationDocument, { filter }));
      expect(sql.map((each) => each.match(/\/\* (\w+)/u)?.[1])).toEqual(['itemSlice']);
      // The departments' subquery: the text before the JSON value's name (the counts come after it).
      expect(sql[0]).toMatch(/'departments', json_build_array\(\(select .*\) as slice_counts from/su);
      return sql[0].slice(0, sql[0].indexOf(' as slice_counts'));
    };
    const slice: ItemFilter = { categoryNames: ['应急管理及消防'], kinds: ['COOPERATIVE'] };
    expect(await statement(slice)).toMatch(/from department_item_total/u);
    expect(await statement({ ...slice, townIds: [townId] })).toMatch(/from department_item_count/u);
    expect(await statement({ categoryNames: ['应急管理及消防'], search: '防汛' })).not.toMatch(/department_item_/u);
  });

  it("gives as a facet's first N departments the first N of the whole list, ties at the cut ordered by name", async () => {
    const facet = `query ($filter: ItemFilter, $relation: Relation, $first: Int) {
      facets(filter: $filter) { byDepartment(relation: $relation, first: $first) { department { name } count } }
    }`;
    const slices: [ItemFilter, Relation | null][] = [
      [{}, null],
      [{ kinds: ['COOPERATIVE'] }, null],
      [{ categoryNames: ['应急管理及消防'] }, null],
      [{ search: '防汛' }, null],
      // One category and one kind: read in the order of their index (department-counts.ts).
      [{ categoryNames: ['应急管理及消防'], kinds: ['COOPERATIVE'] }, null],
      [{ categoryNames: ['民生服务'], kinds: ['COOPERATIVE'] }, 'SHARED'],
      [{ categoryIds: [category('民生服务')], kinds: ['RECLAIMED'] }, null],
      [{ categoryIds: [category('民生服务')], kinds: ['RECLAIMED'] }, 'SHARED'],
    ];
    let cutInsideTies = 0;
    for (const [filter, relation] of slices) {
      const all = (await hub.query(facet, { filter, relation })).data?.facets.byDepartment as { count: number }[];
      cutInsideTies += new Set(all.map((row) => row.count)).size < all.length ? 1 : 0;
      for (let first = 0; first <= all.length + 1; first++) {
        const { data } = await hub.query(facet, { filter, relation, first });
        expect([filter, relation, first, data?.facets.byDepartment]).toEqual([
          filter,
          relation,
          first,
          all.slice(0, first),
        ]);
      }
    }
    expect(cutInsideTies).toBeGreaterThanOrEqual(5);
  });

  it('gives the top N of a facet with first, and refuses a negative first', async () => {
    const { data } = await hub.query(`{
      facets(filter: { categoryNames: ["应急管理及消防"] }) {
        byDepartment(first: 2) { department { name } count }
        byCategory(first: 0) { count }
        byTown(first: 5) { town { name } count }
      }
    }`);
    expect(data?.facets).toEqual({
      byDepartment: [
        { department: { name: '托里县应急管理局' }, count: 8 },
        { department: { name: '托里县消防救援局' }, count: 6 },
      ],
      byCategory: [],
      byTown: [{ town: { name: '托里镇' }, count: 24 }],
    });
    expect(await hub.errorsOf('{ facets { byDepartment(first: -1) { count } } }')).toEqual([
      ['BAD_USER_INPUT', 'first must not be negative, got -1'],
    ]);
  });

  it('counts a slice cut by kind, town and category from the counts kept, any other from the items', async () => {
    const tablesCounted = async (filter: ItemFilter) =>
      (await hub.statementsDuring(() => hub.query(SliceCountDocument, { filter })))
        .filter((sql) => /itemPagesByParent|itemSlice|itemFacetsBy(Category|Town)/u.test(sql))
        // The first item table a page statement reads is its total's (its counts').
        .map((sql) => [sql.match(/\/\* (\w+)/u)?.[1], sql.match(/from "?(item\w*)/u)?.[1]])
        // In the order of the statements' names: loaders' batches run after the resolvers' own.
        .sort(([a], [b]) => String(a).localeCompare(String(b)));
    const slice: ItemFilter = { categoryNames: ['应急管理及消防'], kinds: ['COOPERATIVE'] };
    // Over all towns but what is counted per town (byTown, a town's items); of some towns, per town.
    // items' totalCount, facets' total and byKind are the one count per kind, with items' page.
    expect(await tablesCounted(slice)).toEqual([
      ['itemFacetsByCategory', 'item_total'],
      ['itemFacetsByTown', 'item_count'],
      ['itemPagesByParent', 'item_count'],
      ['itemSlice', 'item_total'],
    ]);
    const ofTowns = await tablesCounted({ ...slice, townIds: [townId] });
    expect(ofTowns.map(([, table]) => table)).toEqual(Array(4).fill('item_count'));
    const counted = await tablesCounted({ categoryNames: ['应急管理及消防'], numbers: [1] });
    expect(counted.map(([, table]) => table)).toEqual(Array(4).fill('item'));
  });

  it("counts a two-character search, alone or in some kinds and categories, from the search counts kept, any other search's from the items", async () => {
    // The counts per kind: the subquery before the page's lateral join.
    const countsOfSlice = async (filter: ItemFilter) => {
      const statements = await hub.statementsDuring(() => hub.query(SliceCountDocument, { filter }));
      const slice = statements.find((sql) => sql.startsWith('/* itemSlice')) ?? '';
      return slice.slice(0, slice.indexOf(') c left join lateral'));
    };
    for (const filter of [
      { search: '防汛' },
      { search: ' 消防 ', kinds: ['COOPERATIVE', 'BASIC'] },
      { search: '防汛', categoryNames: ['应急管理及消防'] },
      { search: '消防', categoryIds: [category('应急管理及消防'), category('党的建设')], kinds: ['BASIC'] },
    ] as ItemFilter[]) {
      expect(await countsOfSlice(filter)).toMatch(/from search_bigram_change .* from search_bigram_total /su);
    }
    for (const filter of [
      { search: '防汛', townIds: [townId] },
      { search: '监察委员会' },
      { search: 'ap' },
      { or: [{ search: '防汛' }] },
    ] as ItemFilter[]) {
      expect(await countsOfSlice(filter)).toMatch(
        / as slice_counts from \(select i\.kind, count\(\*\)::int as count from item as i /u,
      );
    }
    // A category's page of a two-character search: its total from the kept counts of the category.
    const nested = async (search: string) => {
      const query = `{ category(name: "应急管理及消防") { items(filter: { search: "${search}" }, first: 1) { totalCount } } }`;
      let total: number | undefined;
      const statements = await hub.statementsDuring(async () => {
        total = (await hub.query(query)).data?.category.items.totalCount;
      });
      const pages = statements.find((sql) => sql.startsWith('/* itemPagesByParent')) ?? '';
      return {
        total,
        kept: pages.includes('cross join lateral (select coalesce(sum(k.count), 0)::int as total from (with waiting'),
      };
    };
    // 消防: one item with it is of another category.
    expect(await nested('消防')).toEqual({
      total: expectedCount({ search: '消防', categoryNames: ['应急管理及消防'] }),
      kept: true,
    });
    expect(await nested('防汛工作')).toEqual({
      total: expectedCount({ search: '防汛工作', categoryNames: ['应急管理及消防'] }),
      kept: false,
    });
  });

  it('counts departments by relation', async () => {
    const relationCounts = async (relation: Relation) => {
      const { data } = await hub.query(FacetsByRelationDocument, { relation });
      return data?.facets.byDepartment.reduce((total, c) => total + c.count, 0);
    };
    expect(await relationCounts('SHARED')).toBe(166);
    expect(await relationCounts('RECLAIMED')).toBe(51);
  });
});

/**
 * Pages `connection` (a root field, or a nested one opened as `parent { field`) of `filter` seven
 * items at a time forward, then backward, and expects `expected` (ids) both ways and as its
 * totalCount.
 */
async function expectPagedThrough(connection: string, filter: ItemFilter, expected: string[]): Promise<void> {
  const nested = connection.includes('{');
  const request = (position: string, page: string) =>
    `query ($filter: ItemFilter) { ${connection}(filter: $filter, ${position}) { totalCount ${page} } ${nested ? '}' : ''} }`;
  const pageOf = (data: Record<string, any> | undefined) => {
    const root = Object.values(data ?? {})[0];
    const page = nested ? root.items : root;
    expect(page.totalCount).toBe(expected.length);
    return page;
  };
  for (const backwards of [false, true]) {
    expect(await walkPages(hub, request, pageOf, { size: 7, backwards, variables: { filter } })).toEqual(expected);
  }
}

describe('filtered pages', () => {
  // search-page.ts reads these by walking the order index (工作, 安全, 托里县: many matches), by the
  // bigram index (防汛; 托里 among BASIC items), or both (a last page the walk leaves short; a
  // phrase of common bigrams, 协助做好).
  it.each([
    ['工作', undefined],
    ['安全', ['COOPERATIVE']],
    ['防汛', undefined],
    ['托里', ['BASIC']],
    ['托里', ['COOPERATIVE', 'RECLAIMED']],
    ['托里县', undefined],
    ['协助做好', ['COOPERATIVE']],
    ['APP', undefined],
  ] as [string, ItemKind[] | undefined][])(
    'pages the search %s (kinds %j) forward and backward, of all towns and of a category, as the items give it',
    async (search, kinds) => {
      const filter: ItemFilter = { search, kinds };
      const kindOrder = ['BASIC', 'COOPERATIVE', 'RECLAIMED'];
      const found = seed.items
        .filter((item) => matches(item, filter))
        .sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a.number - b.number);
      // The category with most matches, and its own items in the town order.
      const byCategory = new Map<string, number>();
      for (const item of found) byCategory.set(item.category, (byCategory.get(item.category) ?? 0) + 1);
      const [categoryName] = [...byCategory].sort(([, a], [, b]) => b - a)[0];
      const of = (items: NormalizedItem[]) => items.map((item) => Item.idFor(townId, item.kind, item.number));
      await expectPagedThrough('items', filter, of(found));
      await expectPagedThrough(
        `category(name: "${categoryName}") { items`,
        filter,
        of(found.filter((item) => item.category === categoryName)),
      );
    },
  );

  it('pages a filtered slice in a chosen order with no gap or repeat', async () => {
    const filter: ItemFilter = { kinds: ['COOPERATIVE'], departmentIds: [department('托里县住房和城乡建设局')] };
    const orderBy = [{ field: 'NUMBER' as const, direction: 'DESC' as const }];
    const first = await hub.query(SliceItemsDocument, { filter, orderBy, first: 7 });
    const second = await hub.query(SliceItemsDocument, {
      filter,
      orderBy,
      first: 7,
      after: first.data?.items.pageInfo.endCursor,
    });
    const numbers = [...(first.data?.items.nodes ?? []), ...(second.data?.items.nodes ?? [])].map((i) => i.number);
    const expected = seed.items
      .filter((item) => matches(item, filter))
      .map((item) => item.number)
      .sort((a, b) => b - a);
    expect(first.data?.items.totalCount).toBe(expected.length);
    expect(numbers).toEqual(expected.slice(0, 14));
    expect(second.data?.items.pageInfo.hasNextPage).toBe(expected.length > 14);
  });
});

describe('cost', () => {
  it('runs the same SQL statements for a page of 10 items as for 500, nested fields included', async () => {
    const filter: ItemFilter = { kinds: ['COOPERATIVE'] };
    const small = await hub.statementsDuring(() => hub.query(NestedSliceDocument, { filter, first: 10 }));
    const large = await hub.statementsDuring(() => hub.query(NestedSliceDocument, { filter, first: 500 }));
    expect(large.length).toBe(small.length);
    // page with categories and counts per kind (the total), towns, links by item with their departments.
    expect(large.length).toBe(3);
  });

  it('answers each facet with one statement', async () => {
    const statements = await hub.statementsDuring(() =>
      hub.query(SliceCountDocument, { filter: { search: '消防', kinds: ['COOPERATIVE'] } }),
    );
    // byCategory and byTown; total, byKind and byDepartment come in the statement of items' page
    // (its counts per kind give its totalCount).
    const facetStatements = statements.filter((sql) => sql.startsWith('/* itemFacets'));
    expect(facetStatements.map((sql) => sql.match(/\/\* (\w+)/u)?.[1]).sort()).toEqual([
      'itemFacetsByCategory',
      'itemFacetsByTown',
    ]);
    expect(statements.filter((sql) => sql.startsWith('/* itemSlice'))).toHaveLength(1);
    // A town's totalCount comes with its page, in one statement.
    expect(statements.filter((sql) => sql.startsWith('/* itemPagesByParent'))).toHaveLength(1);
  });
});

describe('a dashboard tile: a page, its counts and its top departments', () => {
  /** Departments by the items of `filter` linked to them (by `relation`), most first, then by name. */
  function expectedDepartments(filter: ItemFilter, relation: Relation | null) {
    const counts = new Map<string, number>();
    for (const item of seed.items.filter((each) => matches(each, filter))) {
      const linked = item.links.filter((link) => !relation || link.relation === relation);
      for (const name of new Set(linked.map((link) => link.department))) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return [...counts]
      .map(([name, count]) => ({ department: { name }, count }))
      .sort((a, b) => b.count - a.count || (a.department.name < b.department.name ? -1 : 1));
  }

  const TILE = `query ($filter: ItemFilter) {
    items(filter: $filter, first: 5) { totalCount nodes { kind number } }
    facets(filter: $filter) {
      total
      byKind { kind count }
      top: byDepartment(first: 3) { department { name } count }
      shared: byDepartment(relation: SHARED) { department { name } count }
    }
  }`;
  const statementNames = (sql: string[]) => sql.map((each) => each.match(/\/\* (\w+)/u)?.[1]);

  it.each<[string, ItemFilter]>([
    ['one category and kind (kept totals)', { categoryNames: ['应急管理及消防'], kinds: ['COOPERATIVE'] }],
    ['a search (the items themselves)', { search: '防汛' }],
    ['some numbers of one town (kept counts per town)', { townIds: [townId], numbers: [1, 2, 3, 40, 41] }],
    ['nothing', { search: '没有这个词' }],
  ])('answers %s in one statement, as each part asked alone', async (_, filter) => {
    let together: Record<string, any> | undefined;
    const statements = await hub.statementsDuring(async () => {
      together = (await hub.query(TILE, { filter })).data;
    });
    expect(statementNames(statements)).toEqual(['itemSlice']);
    const items = seed.items.filter((item) => matches(item, filter));
    expect(together).toEqual({
      items: { totalCount: items.length, nodes: items.slice(0, 5).map(({ kind, number }) => ({ kind, number })) },
      facets: {
        total: items.length,
        byKind: ['BASIC', 'COOPERATIVE', 'RECLAIMED'].map((kind) => ({
          kind,
          count: items.filter((item) => item.kind === kind).length,
        })),
        top: expectedDepartments(filter, null).slice(0, 3),
        shared: expectedDepartments(filter, 'SHARED'),
      },
    });
    // Alone, the top departments are a statement of their own, with the same answer.
    const alone = `query ($filter: ItemFilter) { facets(filter: $filter) { top: byDepartment(first: 3) { department { name } count } } }`;
    let departments: Record<string, any> | undefined;
    const aloneStatements = await hub.statementsDuring(async () => {
      departments = (await hub.query(alone, { filter })).data;
    });
    expect(statementNames(aloneStatements)).toEqual(['itemFacetsByDepartment']);
    expect(departments?.facets.top).toEqual(together?.facets.top);
  });

  it('gives a second page of the same filter a statement of its own, the counts once with the first', async () => {
    const filter: ItemFilter = { kinds: ['RECLAIMED'] };
    const query = `query ($filter: ItemFilter) {
      a: items(filter: $filter, first: 2) { totalCount nodes { number } }
      b: items(filter: $filter, first: 3, orderBy: [{ field: NUMBER, direction: DESC }]) { totalCount nodes { number } }
      facets(filter: $filter) { total byDepartment(first: 1) { count } }
    }`;
    let data: Record<string, any> | undefined;
    const statements = await hub.statementsDuring(async () => {
      data = (await hub.query(query, { filter })).data;
    });
    expect(statementNames(statements)).toEqual(['itemSlice', 'itemSlice']);
    const numbers = seed.items.filter((item) => matches(item, filter)).map((item) => item.number);
    expect(data).toEqual({
      a: { totalCount: numbers.length, nodes: numbers.slice(0, 2).map((number) => ({ number })) },
      b: {
        totalCount: numbers.length,
        nodes: [...numbers]
          .sort((x, y) => y - x)
          .slice(0, 3)
          .map((number) => ({ number })),
      },
      facets: { total: numbers.length, byDepartment: [{ count: expectedDepartments(filter, null)[0].count }] },
    });
  });

  describe('pages asked without their total', () => {
    /** A request's statements, and whether any of them counted (the kept totals or the items). */
    const run = async (query: string, variables: Record<string, unknown>) => {
      let reply: GraphQLResponse | undefined;
      const statements = await hub.statementsDuring(async () => {
        reply = await hub.query(query, variables);
      });
      return { data: reply?.data, errors: reply?.errors, statements };
    };
    /** The statements that counted: a slice's carries its counts, a parent's page a total beside it. */
    const counts = (statements: string[]) =>
      statements.filter(
        (sql) =>
          sql.includes('slice_counts') ||
          (sql.startsWith('/* itemPagesByParent */') && !sql.includes('select null::int as total')),
      );
    const filter: ItemFilter = { search: '防汛', kinds: ['BASIC', 'COOPERATIVE'] };
    const numbers = seed.items.filter((item) => matches(item, filter)).map(label);

    it('reads no count for a slice’s page, and the same rows as with its total', async () => {
      const query =
        'query ($filter: ItemFilter) { items(filter: $filter, first: 3) { nodes { kind number } pageInfo { hasNextPage } } }';
      // The second run is compiled (src/graphql/compiled-execution.ts): its resolve info too holds the selection.
      const [without, compiled] = [await run(query, { filter }), await run(query, { filter })];
      expect(compiled).toEqual(without);
      expect(statementNames(without.statements)).toEqual(['itemSlice']);
      expect(counts(without.statements)).toEqual([]);
      const withTotal = await run(
        'query ($filter: ItemFilter) { items(filter: $filter, first: 3) { totalCount nodes { kind number } pageInfo { hasNextPage } } }',
        { filter },
      );
      expect(counts(withTotal.statements)).toHaveLength(1);
      expect(withTotal.data).toEqual({ items: { totalCount: numbers.length, ...without.data?.items } });
      expect(without.data?.items.nodes.map(label)).toEqual(numbers.slice(0, 3));
    });

    it('reads no count for the pages of towns, categories and departments', async () => {
      const nested = (total: string) => `query ($filter: ItemFilter) {
        towns { items(filter: $filter, first: 2) { ${total} nodes { number } } }
        category(name: "应急管理及消防") { items(filter: { search: "防汛" }, first: 2) { ${total} nodes { number } } }
        department(name: "托里县应急管理局") { items(first: 2) { ${total} nodes { number } } }
      }`;
      const without = await run(nested(''), { filter });
      expect(without.errors).toBeUndefined();
      expect(statementNames(without.statements)).toEqual([
        'towns',
        'categoriesByName',
        'departmentsByName',
        'itemPagesByParent',
        'itemPagesByParent',
        'itemPagesByParent',
      ]);
      expect(counts(without.statements)).toEqual([]);
      const withTotal = await run(nested('totalCount'), { filter });
      expect(counts(withTotal.statements)).toHaveLength(3);
      const strip = (data: Record<string, any> | undefined) =>
        JSON.parse(JSON.stringify(data ?? {}, (key, value) => (key === 'totalCount' ? undefined : value)));
      expect(strip(withTotal.data)).toEqual(without.data);
      expect(withTotal.data?.towns[0].items.totalCount).toBe(numbers.length);
    });

    const page = (selection: string) => `items(filter: $filter, first: 1) { ${selection} nodes { number } }`;
    it.each<[string, string]>([
      ['under an alias', `query ($filter: ItemFilter) { ${page('total: totalCount')} }`],
      [
        'in a fragment',
        `query ($filter: ItemFilter) { ${page('...Counted')} } fragment Counted on ItemConnection { totalCount }`,
      ],
      ['in an inline fragment', `query ($filter: ItemFilter) { ${page('... on ItemConnection { totalCount }')} }`],
      [
        'under @include',
        `query ($filter: ItemFilter, $counted: Boolean = true) { ${page('totalCount @include(if: $counted)')} }`,
      ],
    ])('counts when the total is asked %s', async (_, query) => {
      const { data, errors, statements } = await run(query, { filter });
      expect(errors).toBeUndefined();
      expect(counts(statements)).toHaveLength(1);
      expect(Object.values(data?.items)[0]).toBe(numbers.length);
    });

    it('counts once for a page without its total beside the facets of its filter', async () => {
      const { data, statements } = await run(
        'query ($filter: ItemFilter) { items(filter: $filter, first: 2) { nodes { number } } facets(filter: $filter) { total } }',
        { filter },
      );
      expect(statementNames(statements)).toEqual(['itemSlice']);
      expect(data?.facets.total).toBe(numbers.length);
      expect(data?.items.nodes).toHaveLength(2);
    });
  });
});

describe('departments and categories', () => {
  it('lists the departments of a category, by relation', async () => {
    const { data } = await hub.query(CategoryDepartmentsDocument, {
      name: '应急管理及消防',
      relation: 'RECLAIMED',
    });
    expect(data?.category).toEqual({
      name: '应急管理及消防',
      departments: [
        { name: '托里县交通运输局' },
        { name: '托里县商务和工业信息化局' },
        { name: '托里县应急管理局' },
        { name: '托里县水利局' },
        { name: '托里县消防救援局' },
      ],
      items: { totalCount: 24 },
    });
  });

  it('searches departments by name or alias and pages them', async () => {
    const all = await hub.query(DepartmentSearchDocument, { search: '委员会', first: 2 });
    expect(all.data?.departments.totalCount).toBe(6);
    expect(all.data?.departments.nodes).toHaveLength(2);
    const rest = await hub.query(DepartmentSearchDocument, {
      search: '委员会',
      first: 10,
      after: all.data?.departments.pageInfo.endCursor,
    });
    expect(rest.data?.departments.nodes).toHaveLength(4);
    expect(rest.data?.departments.pageInfo.hasNextPage).toBe(false);
    const alias = await hub.query(DepartmentSearchDocument, { search: '数字化' });
    expect(alias.data?.departments.nodes).toEqual([{ name: '托里县发展和改革委员会' }]);
  });

  it('searches departments without regard to case where the search has letters with case', async () => {
    const knex = hub.database.orm.em.getKnex();
    await knex.raw(
      "insert into department (id, name, aliases) values (gen_random_uuid(), '托里县IT服务中心', '{托里县Data局}')",
    );
    try {
      for (const search of ['it服务', 'IT服务', 'DATA局']) {
        const found = await hub.query(DepartmentSearchDocument, { search });
        expect({ search, nodes: found.data?.departments.nodes }).toEqual({
          search,
          nodes: [{ name: '托里县IT服务中心' }],
        });
      }
    } finally {
      await knex.raw("delete from department where name = '托里县IT服务中心'");
    }
  });
});

describe('bad arguments', () => {
  it('refuses an unknown enum value, literal or in a variable', async () => {
    expect(await hub.errorsOf('{ items(filter: { kinds: [FOO] }) { totalCount } }')).toEqual([
      ['BAD_USER_INPUT', 'Value "FOO" does not exist in "ItemKind" enum.'],
    ]);
    const variable = await hub.query(SliceItemsDocument, { filter: { kinds: ['FOO' as ItemKind] } });
    expect(variable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses an empty search, and filters nested too deep', async () => {
    expect(await hub.errorsOf('{ items(filter: { search: "  " }) { totalCount } }')).toEqual([
      ['BAD_USER_INPUT', 'search must not be empty'],
    ]);
    expect(await hub.errorsOf('{ facets(filter: { or: [{ search: "" }] }) { total } }')).toEqual([
      ['BAD_USER_INPUT', 'search must not be empty'],
    ]);
    expect(await hub.errorsOf('{ departments(search: "") { totalCount } }')).toEqual([
      ['BAD_USER_INPUT', 'search must not be empty'],
    ]);
    const deep = `${'{ not: '.repeat(7)}{}${' }'.repeat(7)}`;
    expect(await hub.errorsOf(`{ items(filter: ${deep}) { totalCount } }`)).toEqual([
      ['BAD_USER_INPUT', 'filter nests deeper than 6 levels'],
    ]);
  });

  it('refuses an order naming a field twice', async () => {
    expect(
      await hub.errorsOf('{ items(orderBy: [{ field: NAME }, { field: NAME, direction: DESC }]) { totalCount } }'),
    ).toEqual([['BAD_USER_INPUT', 'orderBy names a field twice']]);
  });
});
