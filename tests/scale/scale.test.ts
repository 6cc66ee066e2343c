/**
 * Many towns: generated documents import concurrently into exact totals, and the hub's page
 * queries are index range scans that stop after the page (no sort of the whole table), which is
 * what keeps deep pages and big towns flat (docs/benchmarks.md has the timings).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Knex } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { generateTowns } from '../../src/ingest/generate';
import { importFiles } from '../../src/ingest/import-files';
import { normalizeDocument } from '../../src/ingest/normalize';
import { parseDocument } from '../../src/ingest/parse';
import { Category } from '../../src/modules/category/category.entity';
import { expectCountsKeptAhead } from '../import/helpers';
import { useHub } from '../support/hub';
import { walkPages } from '../support/pages';
import { byBytes } from '../support/seed';
import {
  type DatasetItem,
  datasetOf,
  expectedSlice,
  orderOf,
  randomFilters,
  randomOrders,
  SLICE,
  sliceOf,
  sliceSizes,
} from '../support/slice-contract';

const TOWNS = 30;
const hub = useHub({ empty: true });
let files: string[];

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dutyhub-scale-'));
  const seedText = readFileSync(path.join(__dirname, '..', '..', 'seeds', '000_6f0578919a8dbf5e.txt'), 'utf8');
  files = [];
  for (const document of generateTowns(seedText, { towns: TOWNS })) {
    const file = path.join(dir, document.fileName);
    await writeFile(file, document.text);
    files.push(file);
  }
  await importFiles(hub.database.orm.em.getKnex(), files, { concurrency: 3 });
  await hub.database.orm.em.getKnex().raw('analyze');
});

describe(`${TOWNS} generated towns`, () => {
  it('import concurrently into exactly the documents’ items, links and departments', async () => {
    const documents = files.map((file) => normalizeDocument(parseDocument(readFileSync(file), file)));
    const items = documents.reduce((sum, d) => sum + d.items.length, 0);
    const links = documents.reduce((sum, d) => sum + d.items.reduce((n, item) => n + item.links.length, 0), 0);
    const departments = new Set(documents.flatMap((d) => d.departments.map((department) => department.name))).size;
    const { data } = await hub.query(
      '{ towns { name } items { totalCount } departments { totalCount } categories { name } }',
    );
    expect(data?.towns).toHaveLength(TOWNS);
    expect(data?.items.totalCount).toBe(items);
    expect(data?.departments.totalCount).toBe(departments);
    expect(departments).toBe(40 * 3);
    expect(data?.categories).toHaveLength(21);
    const knex: Knex = hub.database.orm.em.getKnex();
    const { rows } = await knex.raw('select count(*)::int as links from link');
    expect(rows[0].links).toBe(links);
    // Concurrent imports add to the same totals: none lost, none counted twice.
    await expectCountsKeptAhead(knex, { items, links });
  });
});

describe(`random slices of ${TOWNS} generated towns`, () => {
  const documents = () => datasetOf(files.map((file) => normalizeDocument(parseDocument(readFileSync(file), file))));

  it('are as the contract evaluates them on the documents, in every shape a client asks', async () => {
    const dataset = documents();
    const filters = randomFilters(dataset, 20261201)(60);
    for (const filter of filters) {
      const { data, errors } = await hub.query(SLICE, { filter });
      expect({ filter, errors }).toEqual({ filter, errors: undefined });
      expect({ filter, ...data }).toEqual({ filter, ...expectedSlice(dataset, filter) });
    }
    // Of every size, over more than one town.
    const sizes = sliceSizes(dataset, filters);
    expect(sizes.filter((size) => size === 0).length).toBeGreaterThan(5);
    expect(sizes.filter((size) => size > 0 && size < 250).length).toBeGreaterThan(10);
    expect(sizes.filter((size) => size > 1000).length).toBeGreaterThan(5);
  });

  it('page through their cursors in any order, forwards and backwards, of all items, a category, a town or a department', async () => {
    const dataset = documents();
    const filters = randomFilters(dataset, 20261202)(24);
    const orders = randomOrders(20261203);
    const scopes = [
      { name: 'all items', of: () => true, open: '', close: '', pageOf: (data: any) => data?.items },
      ...dataset.categories.slice(0, 3).map((name) => ({
        name,
        of: (item: DatasetItem) => item.category === name,
        open: `category(name: "${name}") { `,
        close: ' }',
        pageOf: (data: any) => data?.category.items,
      })),
      ...dataset.towns.slice(0, 2).map((town) => ({
        name: town.name,
        of: (item: DatasetItem) => item.townId === town.id,
        open: `town(id: "${town.id}") { `,
        close: ' }',
        pageOf: (data: any) => data?.town.items,
      })),
      // A county department's items over its towns, and those it shares.
      ...(['', 'SHARED'] as const).map((relation) => {
        const name = dataset.departments.find((each) => each.endsWith('应急管理局')) as string;
        return {
          name: `${name} ${relation}`,
          of: (item: DatasetItem) =>
            item.links.some((link) => link.department === name && (!relation || link.relation === relation)),
          open: `department(name: "${name}") { `,
          close: ' }',
          pageOf: (data: any) => data?.department.items,
          relation,
        };
      }),
    ];
    let pages = 0;
    for (const [i, filter] of filters.entries()) {
      const orderBy = orders();
      const scope = scopes[i % scopes.length];
      const expected = sliceOf(dataset, filter)
        .filter(scope.of)
        .sort(orderOf(orderBy))
        .map((item) => item.id);
      // At most about twenty pages each way.
      const size = Math.max([7, 50, 500][i % 3], Math.ceil(expected.length / 20));
      pages += 2 * Math.ceil(expected.length / size);
      const relation = 'relation' in scope && scope.relation ? `relation: ${scope.relation}, ` : '';
      const request = (position: string, page: string) =>
        `query ($filter: ItemFilter, $orderBy: [ItemOrder!]) { ${scope.open}items(${relation}filter: $filter, orderBy: $orderBy, ${position}) { ${page} }${scope.close} }`;
      for (const backwards of [false, true]) {
        const walked = await walkPages(hub, request, scope.pageOf, { size, backwards, variables: { filter, orderBy } });
        expect({ scope: scope.name, filter, orderBy, backwards, walked }).toEqual({
          scope: scope.name,
          filter,
          orderBy,
          backwards,
          walked: expected,
        });
      }
    }
    expect(pages).toBeGreaterThan(50);
  });
});

/** The plan of every statement a request runs: node types and index names, depth first. */
async function plansOf(query: string, variables?: Record<string, unknown>): Promise<string[][]> {
  return (await namedPlansOf(query, variables)).map(([, plan]) => plan);
}

/** The same, each with its statement's name (`/* itemSlice *\/`). */
async function namedPlansOf(query: string, variables?: Record<string, unknown>): Promise<[string, string[]][]> {
  return (await explainedStatements(query, variables)).map(([name, plan]) => {
    const nodes: string[] = [];
    walk(plan, (node) => {
      const scanned = node['Index Name']
        ? `(${node['Index Name']})`
        : node['Relation Name']
          ? `[${node['Relation Name']}]`
          : '';
      nodes.push(`${node['Node Type']}${scanned}`);
    });
    return [name, nodes];
  });
}

/** A property (`Index Cond`, `Scan Direction`) of every scan of `index` in the plans of a request's statements. */
async function indexScansOf(query: string, index: string, property: string): Promise<string[]> {
  const found: string[] = [];
  for (const [, plan] of await explainedStatements(query)) {
    walk(plan, (node) => {
      if (node['Index Name'] === index) found.push(node[property]);
    });
  }
  return found;
}

type PlanNode = Record<string, any>;

/** Visits a plan's nodes, depth first. */
function walk(node: PlanNode, visit: (node: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/**
 * Each statement a request runs, by its name, with its plan (EXPLAIN's JSON); run (EXPLAIN ANALYZE)
 * with `analyzed`, so that parts of a plan not run show as such (`Actual Loops` 0).
 */
async function explainedStatements(
  query: string,
  variables?: Record<string, unknown>,
  { analyzed = false } = {},
): Promise<[string, PlanNode][]> {
  const knex: Knex = hub.database.orm.em.getKnex();
  const statements: { sql: string; bindings: unknown[] }[] = [];
  const listener = (q: { sql: string; bindings: unknown[] }) => statements.push({ sql: q.sql, bindings: q.bindings });
  knex.on('query', listener);
  try {
    const response = await hub.query(query, variables);
    expect(response.errors).toBeUndefined();
  } finally {
    knex.removeListener('query', listener);
  }
  const client = new Client({ connectionString: hub.database.url });
  await client.connect();
  try {
    const plans: [string, PlanNode][] = [];
    for (const { sql, bindings } of statements) {
      const explain = analyzed ? 'explain (analyze, format json)' : 'explain (format json)';
      const { rows } = await client.query(`${explain} ${sql}`, bindings as unknown[]);
      plans.push([sql.match(/^\/\* (\w+)/u)?.[1] ?? '', rows[0]['QUERY PLAN'][0].Plan]);
    }
    return plans;
  } finally {
    await client.end();
  }
}

describe('page plans on many towns', () => {
  // Each item joined to its category by key as it is read, in order: the page stops after 20.
  // Beside it, the page's counts per kind (its total), summed from the kept totals; the page's rows
  // numbered (WindowAgg) so that only the first carries the counts.
  const PAGE_PLAN = ['Limit', 'Nested Loop', 'Index Scan(item_order_index)', 'Memoize', 'Index Scan(category_pkey)'];

  it('reads the first page of all items from the order index, without sorting, and counts only when asked', async () => {
    const [page] = await plansOf('{ items(first: 20) { nodes { number } } }');
    expect(page).toEqual(PAGE_PLAN);
    // With its total: the kept totals beside the same page.
    const [counted] = await plansOf('{ items(first: 20) { totalCount nodes { number } } }');
    expect(counted).toEqual([
      ...['Nested Loop', 'Aggregate', 'Aggregate', 'Seq Scan[item_total]', 'WindowAgg'],
      ...PAGE_PLAN,
    ]);
  });

  it('reads a deep page by its cursor from the same index', async () => {
    const { data } = await hub.query('{ items(first: 500) { pageInfo { endCursor } } }');
    const deep = `{ items(first: 20, after: "${data?.items.pageInfo.endCursor}") { nodes { number } } }`;
    const [page] = await plansOf(deep);
    expect(page).toEqual(PAGE_PLAN);
  });

  it("reads each town's and each category's page from their order indexes, in one statement", async () => {
    const pagesOf = async (query: string) =>
      (await namedPlansOf(query)).find(([name]) => name === 'itemPagesByParent')?.[1] ?? [];
    const townPages = await pagesOf('{ towns { items(first: 5) { nodes { number } } } }');
    expect(townPages).toContain('Index Scan(item_town_order_index)');
    expect(townPages).not.toContain('Sort');
    const categoryPages = await pagesOf('{ categories { items(first: 5) { nodes { number } } } }');
    expect(categoryPages).toContain('Index Scan(item_category_order_index)');
    expect(categoryPages).not.toContain('Sort');
  });
});

describe('pages in other orders on many towns', () => {
  const page = (order: string, filter = '') =>
    `{ items(first: 20, orderBy: [${order}]${filter}) { nodes { number name } pageInfo { endCursor } } }`;
  const ofCategory = (order: string) =>
    `{ category(name: "应急管理及消防") { items(first: 20, orderBy: [${order}]) { nodes { number name } } } }`;

  /** The page statement's plan, and how many times (partitions) and which way it read `index`. */
  async function partitionedRead(query: string, index: string) {
    const statements = await explainedStatements(query, undefined, { analyzed: true });
    const [, plan] = statements.find(([name]) => /^item(Slice|PagesByParent)$/u.test(name)) ?? [];
    const nodes: string[] = [];
    const scans: { loops: number; rows: number; direction: string }[] = [];
    walk(plan ?? {}, (node) => {
      nodes.push(node['Node Type']);
      if (node['Index Name'] === index) {
        scans.push({ loops: node['Actual Loops'], rows: node['Actual Rows'], direction: node['Scan Direction'] });
      }
    });
    return { nodes, scans };
  }

  it.each([
    ['number', 'NUMBER', 'item_number_order_index'],
    ['name', 'NAME', 'item_name_order_index'],
  ])(
    'reads a page in %s order one category and kind at a time from its index, in either direction',
    async (_, field, index) => {
      const { rows } = await hub.database.orm.em.getKnex().raw('select count(*)::int as categories from category');
      const categories: number = rows[0].categories;
      const cases: [string, number][] = [
        [page(`{ field: ${field} }`), categories * 3],
        [page(`{ field: ${field}, direction: DESC }`), categories * 3],
        [page(`{ field: ${field} }`, ', filter: { kinds: [BASIC, RECLAIMED] }'), categories * 2],
        [page(`{ field: ${field}, direction: DESC }`, ', filter: { categoryNames: ["应急管理及消防"] }'), 3],
        [ofCategory(`{ field: ${field}, direction: DESC }`), 3],
      ];
      for (const [query, partitions] of cases) {
        const { nodes, scans } = await partitionedRead(query, index);
        // One page of at most 21 rows a partition, in the index's order; one sort of those alone.
        expect(scans).toHaveLength(1);
        expect(scans[0].loops).toBe(partitions);
        expect(scans[0].rows).toBeLessThanOrEqual(21);
        expect(scans[0].direction).toBe(query.includes('DESC') ? 'Backward' : 'Forward');
        expect(nodes.filter((node) => /Sort/u.test(node))).toEqual(['Sort']);
      }
      // A deep page: each partition starts after the cursor.
      const { data } = await hub.query(page(`{ field: ${field}, direction: DESC }`));
      const deep = page(`{ field: ${field}, direction: DESC }`, `, after: "${data?.items.pageInfo.endCursor}"`);
      expect((await partitionedRead(deep, index)).scans).toHaveLength(1);
    },
  );

  it('sorts the items of other filters (numbers, a search) in those orders', async () => {
    for (const filter of [', filter: { kinds: [BASIC], numbers: [1, 2, 3] }', ', filter: { search: "应急" }']) {
      const plans = (await plansOf(page('{ field: NAME }', filter))).flat();
      // Sorted, not read partition by partition: no list of categories and kinds (partitioned-page.ts's
      // unnest of the kinds) to loop over. Which index finds the matching items is the planner's
      // choice (PostgreSQL 15 reads 1, 2, 3 from item_number_order_index, 18 does not).
      expect(plans).toContain('Sort');
      expect(plans.filter((node) => node === 'Function Scan')).toEqual([]);
    }
  });
});

/** The tables (`[table]`, scanned whole) and indexes (`(index)`) a plan reads. */
function readsOf(...plans: string[][]): string[] {
  return [...new Set(plans.flat().flatMap((node) => node.match(/[[(][\w]+[\])]$/u) ?? []))].sort();
}

/** The tables of kept counts a plan reads, whole or by an index. */
function keptCountsRead(plan: string[]): string[] {
  const tables = readsOf(plan).map((read) => read.match(/^[[(]((department_)?item_(count|total))/u)?.[1]);
  return [...new Set(tables.filter((table) => table !== undefined))];
}

/** Reads of the items or the links themselves. */
const ITEMS_OR_LINKS = /^[[(](item|link)(?!_count|_total)/u;

describe('facet plans on many towns', () => {
  const SLICE = 'categoryNames: ["应急管理及消防"], kinds: [COOPERATIVE]';

  it('counts and sums the top departments of a category slice of every town from the totals', async () => {
    // One field a request: statements of loaders and of resolvers run in no fixed order.
    const plans = [
      ...(await plansOf(`{ facets(filter: { ${SLICE} }) { total } }`)),
      ...(await plansOf(`{ facets(filter: { ${SLICE} }) { byDepartment(first: 10) { department { name } count } } }`)),
    ];
    expect(plans.map(keptCountsRead)).toEqual([['item_total'], ['department_item_total']]);
    expect(readsOf(...plans).filter((read) => ITEMS_OR_LINKS.test(read))).toEqual([]);
  });

  // The bench's slice (bench/operations.ts): a page, its counts per kind and its top departments.
  it("answers a dashboard tile in one statement: its page from the category's order index, its counts from the totals", async () => {
    const tile = `{
      items(filter: { ${SLICE} }, first: 20) { totalCount nodes { number category { name } } }
      facets(filter: { ${SLICE} }) { total byKind { count } byDepartment(first: 10) { department { name } count } }
    }`;
    const plans = await namedPlansOf(tile);
    expect(plans.map(([name]) => name)).toEqual(['itemSlice']);
    const [[, plan]] = plans;
    expect(keptCountsRead(plan)).toEqual(['department_item_total', 'item_total']);
    expect(readsOf(plan).filter((read) => ITEMS_OR_LINKS.test(read))).toEqual(['(item_category_order_index)']);
  });

  it('reads the page of one category and kind within the category, even one without items', async () => {
    // No town has a cooperative 安全稳定 item. Written `= any(…)`, the one category and kind had the
    // planner walk every town's items in order for a first match (0.8 s at 10,000 towns); written
    // `= …`, the read is bounded by the category's range of an index it leads (its order index,
    // kind checked there, or one led by category and kind), whichever the planner finds cheaper.
    const page = '{ items(filter: { categoryNames: ["安全稳定"], kinds: [COOPERATIVE] }, first: 20) { totalCount } }';
    const { data } = await hub.query(page);
    expect(data?.items.totalCount).toBe(0);
    const bounded = `((category_id = '${Category.idFor('安全稳定')}'::uuid) AND (kind = 'COOPERATIVE'::item_kind))`;
    const byIndex = await Promise.all(
      ['item_category_order_index', 'item_number_order_index', 'item_name_order_index'].map((index) =>
        indexScansOf(page, index, 'Index Cond'),
      ),
    );
    expect(byIndex.flat().length).toBeGreaterThan(0);
    expect(new Set(byIndex.flat())).toEqual(new Set([bounded]));
    expect(await indexScansOf(page, 'item_order_index', 'Index Cond')).toEqual([]);
  });

  it('counts and/or/not of kinds, towns and categories from the kept counts, as the items would', async () => {
    const { data } = await hub.query<{ towns: { id: string }[] }>('{ towns { id } }');
    const [town] = (data?.towns ?? []).map((each) => each.id);
    const facets = (filter: string) =>
      `{ facets(filter: ${filter}) { total byKind { kind count } byDepartment(first: 5) { department { name } count } } }`;
    const totals = ['department_item_total', 'item_total'];
    const perTown = ['department_item_count', 'item_count'];
    // Each filter, the kept counts that answer it, and whether it keeps any item.
    const cases: [string, string[], boolean][] = [
      ['{ not: { kinds: [BASIC] } }', totals, true],
      ['{ or: [{ categoryNames: ["应急管理及消防"] }, { kinds: [RECLAIMED] }] }', totals, true],
      [`{ kinds: [COOPERATIVE], not: { townIds: ["${town}"] } }`, perTown, true],
      // One category and kind, but not that category: nothing, whatever its top-level fields say.
      [
        '{ categoryNames: ["应急管理及消防"], kinds: [COOPERATIVE], not: { categoryNames: ["应急管理及消防"] } }',
        totals,
        false,
      ],
    ];
    for (const [filter, kept, matches] of cases) {
      const plans = await plansOf(facets(filter));
      expect([...new Set(plans.flatMap(keptCountsRead))].sort()).toEqual(kept);
      expect(readsOf(...plans).filter((read) => ITEMS_OR_LINKS.test(read))).toEqual([]);
      // The same numbers as the items give: `not: { numbers: [] }` keeps every item, but the kept
      // counts have no numbers, so this filter is counted from the items.
      const fromItems = `{ and: [${filter}, { not: { numbers: [] } }] }`;
      expect(readsOf(...(await plansOf(facets(fromItems)))).some((read) => ITEMS_OR_LINKS.test(read))).toBe(true);
      const [answer, counted] = [await hub.query(facets(filter)), await hub.query(facets(fromItems))];
      expect(answer.data).toEqual(counted.data);
      expect(answer.data?.facets.total > 0).toBe(matches);
    }
  });

  it('ranks towns and categories most items first, ties by name, as the items count them', async () => {
    const knex: Knex = hub.database.orm.em.getKnex();
    const ranked = (rows: { key: string[]; count: number }[], first: number) =>
      rows
        .sort((a, b) => b.count - a.count || a.key.reduce((order, part, i) => order || byBytes(part, b.key[i]), 0))
        .slice(0, first)
        .map((row) => [row.key[row.key.length - 1], row.count]);
    for (const [filter, where] of [
      ['{}', 'true'],
      ['{ kinds: [RECLAIMED] }', "i.kind = 'RECLAIMED'"],
      [
        '{ categoryNames: ["应急管理及消防"], kinds: [COOPERATIVE] }',
        "c.name = '应急管理及消防' and i.kind = 'COOPERATIVE'",
      ],
      ['{ search: "防汛" }', "i.search_text like '%防汛%'"],
    ]) {
      const { data } = await hub.query(
        `{ facets(filter: ${filter}) { byTown(first: 12) { town { name } count } byCategory(first: 4) { category { name } count } } }`,
      );
      const { rows: towns } = await knex.raw(
        `select t.prefecture, t.county, t.name, count(*)::int as count from item i join town t on t.id = i.town_id
         join category c on c.id = i.category_id where ${where} group by t.id`,
      );
      const { rows: categories } = await knex.raw(
        `select c.name, count(*)::int as count from item i join category c on c.id = i.category_id where ${where} group by c.id`,
      );
      const expected = {
        byTown: ranked(
          towns.map((row: Record<string, string> & { count: number }) => ({
            key: [row.prefecture, row.county, row.name],
            count: row.count,
          })),
          12,
        ),
        byCategory: ranked(
          categories.map((row: { name: string; count: number }) => ({ key: [row.name], count: row.count })),
          4,
        ),
      };
      // Generated towns have equal counts: the ties are what the names decide.
      expect(new Set(expected.byTown.map(([, count]) => count)).size).toBeLessThan(expected.byTown.length);
      expect({
        byTown: data?.facets.byTown.map((row: { town: { name: string }; count: number }) => [row.town.name, row.count]),
        byCategory: data?.facets.byCategory.map((row: { category: { name: string }; count: number }) => [
          row.category.name,
          row.count,
        ]),
      }).toEqual(expected);
    }
  });

  it('counts per town, or the slice of some towns, from the counts kept per town', async () => {
    const { data } = await hub.query<{ towns: { id: string }[] }>('{ towns { id } }');
    const townIds = JSON.stringify((data?.towns ?? []).slice(0, 2).map((town) => town.id));
    const [byTown] = await plansOf(`{ facets(filter: { ${SLICE} }) { byTown(first: 5) { count } } }`);
    expect(byTown.some((node) => node.endsWith('(item_count_category_index)'))).toBe(true);
    const [total] = await plansOf(`{ facets(filter: { ${SLICE}, townIds: ${townIds} }) { total } }`);
    const [byDepartment] = await plansOf(
      `{ facets(filter: { ${SLICE}, townIds: ${townIds} }) { byDepartment(first: 10) { count } } }`,
    );
    expect([byTown, total, byDepartment].map(keptCountsRead)).toEqual([
      ['item_count'],
      ['item_count'],
      ['department_item_count'],
    ]);
    expect(readsOf(byTown, total, byDepartment).filter((read) => ITEMS_OR_LINKS.test(read))).toEqual([]);
  });
});

describe('search plans on many towns', () => {
  it('counts a two-character search from the search counts kept, reading no item for it', async () => {
    const search = '{ items(filter: { search: "防汛" }, first: 20) { totalCount nodes { number } } }';
    const knex: Knex = hub.database.orm.em.getKnex();
    const { rows } = await knex.raw("select count(*)::int as n from item where search_bigrams @> '{防汛}'");
    const { data } = await hub.query<{ items: { totalCount: number } }>(search);
    expect(data?.items.totalCount).toBe(rows[0].n);
    const [[name, plan], ...others] = await explainedStatements(search);
    expect([name, others]).toEqual(['itemSlice', []]);
    // The statement joins its counts per kind (its first input) to its page (its second).
    // Tables and indexes read (an index scan names both, a bitmap scan each in a node of its own).
    const counted: string[] = [];
    walk(plan.Plans[0], (node) => {
      for (const read of [node['Relation Name'], node['Index Name']]) if (read) counted.push(read);
    });
    expect([...new Set(counted)].sort()).toEqual([
      'search_bigram_change',
      'search_bigram_total',
      'search_bigram_total_pkey',
    ]);
  });

  /**
   * How a search's page read the items when run: by walking an order index, by fetching the
   * matches (from the bigram index, or a scan of the table on few towns), or both; and that the
   * page holds the first 20 matches in the town order, of all items or of `category`'s.
   */
  async function searchPage(search: string, category?: string): Promise<{ walked: boolean; fetched: boolean }> {
    const items = `items(filter: { search: "${search}" }, first: 20) { nodes { id } }`;
    const query = category ? `{ category(name: "${category}") { ${items} } }` : `{ ${items} }`;
    const statements = await explainedStatements(query, undefined, { analyzed: true });
    const page = statements.find(([name]) => /^item(Slice|PagesByParent)$/u.test(name));
    if (!page) throw new Error(`no page statement in ${statements.map(([name]) => name)}`);
    const [, plan] = page;
    // The page: search-page.ts's statement, the plan node whose inputs hold its walk (`CTE walked`).
    let pageNode: PlanNode | undefined;
    walk(plan, (node) => {
      if (!pageNode && (node.Plans ?? []).some((child: PlanNode) => child['Subplan Name'] === 'CTE walked')) {
        pageNode = node;
      }
    });
    const read = { walked: false, fetched: false };
    walk(pageNode ?? {}, (node) => {
      if (node['Relation Name'] !== 'item' || node['Actual Loops'] === 0) return;
      if (/^item(_category)?_order_index$/u.test(node['Index Name'] ?? '')) read.walked = true;
      else read.fetched = true;
    });
    const response =
      await hub.query<Record<string, { nodes?: { id: string }[]; items?: { nodes: { id: string }[] } }>>(query);
    const connection = category ? response.data?.category.items : response.data?.items;
    const knex: Knex = hub.database.orm.em.getKnex();
    const expected = await knex('item')
      .whereRaw('search_bigrams @> array[?]', [search])
      .modify((matching) => {
        if (category) matching.where('category_id', Category.idFor(category));
      })
      .orderByRaw('town_key, kind, number, id')
      .limit(20)
      .pluck('id');
    expect(expected.length).toBeGreaterThan(0);
    expect(connection?.nodes?.map((node) => node.id)).toEqual(expected);
    expect(pageNode).toBeDefined();
    return read;
  }

  /**
   * Bigrams by how search-page.ts reads their first page of 20 (21 rows): each with its matches,
   * and the position of its first match in the town order.
   */
  async function bigramsByMatches(): Promise<{ bigram: string; matches: number; first: number; items: number }[]> {
    const knex: Knex = hub.database.orm.em.getKnex();
    const { rows } = await knex.raw(
      `with ordered as (select search_bigrams, row_number() over (order by town_key, kind, number, id) as position from item)
       select b as bigram, count(*)::int as matches, min(position)::int as first, (select count(*) from item)::int as items
       from ordered, unnest(search_bigrams) as b where b ~ '^[一-龥]{2}$' group by b order by b`,
    );
    return rows;
  }

  it("reads a two-character search's page by walking the order index when matches are many, by fetching them when few", async () => {
    const bigrams = await bigramsByMatches();
    const few = bigrams.reduce((fewest, each) => (each.matches < fewest.matches ? each : fewest));
    // Fewer than the walk needs: 8 × matches² ≤ 21 × items (search-page.ts).
    expect(8 * few.matches ** 2).toBeLessThanOrEqual(21 * few.items);
    expect(await searchPage('工作')).toEqual({ walked: true, fetched: false });
    expect(await searchPage(few.bigram)).toEqual({ walked: false, fetched: true });
  });

  it('fetches the matches when the walk finds the page short: matches bunched late in the order', async () => {
    // Many matches, the first past the rows the walk reads (8 × 21 × items / matches).
    const bunched = (await bigramsByMatches()).find(
      (each) => 8 * each.matches ** 2 > 21 * each.items && each.first > (8 * 21 * each.items) / each.matches,
    );
    expect(bunched).toBeDefined();
    expect(await searchPage(bunched?.bigram ?? '')).toEqual({ walked: true, fetched: true });
  });

  it("reads a category's search page the same way, by the category's order index", async () => {
    const knex: Knex = hub.database.orm.em.getKnex();
    const { rows } = await knex.raw(
      `select c.name, sum(it.items)::int as items from item_total it join category c on c.id = it.category_id
       group by 1 order by 2 desc limit 1`,
    );
    const [{ name, items }] = rows;
    const { rows: few } = await knex.raw(
      `select b as bigram, count(*)::int as matches from item, unnest(search_bigrams) as b
       where category_id = ? and b ~ '^[一-龥]{2}$' group by b order by 2, 1 limit 1`,
      [Category.idFor(name)],
    );
    const { rows: all } = await knex.raw(
      'select sum(items)::int as matches from search_bigram_total where bigram = ?',
      [few[0].bigram],
    );
    // Fewer than the walk needs, over all towns (the hint) and so in the category.
    expect(8 * all[0].matches ** 2).toBeLessThanOrEqual(21 * items);
    expect(await searchPage('工作', name)).toEqual({ walked: true, fetched: false });
    expect(await searchPage(few[0].bigram, name)).toEqual({ walked: false, fetched: true });
    // A count (and a fetch) reads the matches over all towns and keeps the category's when they
    // are under a fiftieth of its items (search-page.ts's `fetched`); a common word's reads the
    // category's.
    const countedBy = async (search: string) => {
      const query = `{ category(name: "${name}") { items(filter: { search: "${search}" }) { totalCount } } }`;
      let fetched = false;
      for (const [, plan] of await explainedStatements(query, undefined, { analyzed: true })) {
        walk(plan, (node) => {
          if (node.Alias === 'fetched' && node['Actual Loops'] > 0) fetched = true;
        });
      }
      const { data } = await hub.query<{ category: { items: { totalCount: number } } }>(query);
      const { rows: counted } = await knex.raw(
        'select count(*)::int as n from item where category_id = ? and search_bigrams @> array[?]',
        [Category.idFor(name), search],
      );
      expect(data?.category.items.totalCount).toBe(counted[0].n);
      return fetched ? 'fetched' : 'in the category';
    };
    const { rows: rarest } = await knex.raw(
      "select bigram, sum(items)::int as matches from search_bigram_total where bigram ~ '^[一-龥]{2}$' group by 1 order by 2, 1 limit 1",
    );
    expect(50 * rarest[0].matches).toBeLessThan(items);
    expect(await countedBy(rarest[0].bigram)).toBe('fetched');
    expect(await countedBy('工作')).toBe('in the category');
  });
});
