import { describe, expect, it } from '@jest/globals';
import { useHub } from '../support/hub';
import { walkPages } from '../support/pages';
import { seed, townId } from '../support/seed';
import { type DatasetItem, datasetOf, type ItemOrder, orderOf } from '../support/slice-contract';

const hub = useHub();

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { kind: string; number: number } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PAGE = `totalCount edges { cursor node { kind number } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
const KIND_ORDER = ['BASIC', 'COOPERATIVE', 'RECLAIMED'];
const label = (node: { kind: string; number: number }) => `${node.kind}-${node.number}`;

/** The seed's 255 items in the default order: BASIC 1..104, COOPERATIVE 1..111, RECLAIMED 1..40. */
const DEFAULT_ORDER = [
  ...Array.from({ length: 104 }, (_, i) => `BASIC-${i + 1}`),
  ...Array.from({ length: 111 }, (_, i) => `COOPERATIVE-${i + 1}`),
  ...Array.from({ length: 40 }, (_, i) => `RECLAIMED-${i + 1}`),
];

const ANOTHER_ORDER =
  'after is a cursor of another order or of an older hub; pass the orderBy it came from, or start from the first page';

async function items(args: string): Promise<Page> {
  const response = await hub.query(`{ items${args ? `(${args})` : ''} { ${PAGE} } }`);
  expect(response.errors).toBeUndefined();
  return response.data?.items as Page;
}

describe('items pages', () => {
  it('walks forward over page boundaries with no gap or repeat, in the default order', async () => {
    const seen: string[] = [];
    const flags: [boolean, boolean][] = [];
    let after: string | null = null;
    do {
      const page: Page = await items(`first: 100${after ? `, after: "${after}"` : ''}`);
      expect(page.totalCount).toBe(255);
      seen.push(...page.edges.map((edge) => label(edge.node)));
      flags.push([page.pageInfo.hasPreviousPage, page.pageInfo.hasNextPage]);
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(DEFAULT_ORDER);
    expect(flags).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
  });

  it('walks backward from the end to the same order', async () => {
    const pages: string[][] = [];
    let before: string | null = null;
    do {
      const page: Page = await items(`last: 100${before ? `, before: "${before}"` : ''}`);
      pages.unshift(page.edges.map((edge) => label(edge.node)));
      before = page.pageInfo.hasPreviousPage ? page.pageInfo.startCursor : null;
    } while (before);
    expect(pages.map((page) => page.length)).toEqual([55, 100, 100]);
    expect(pages.flat()).toEqual(DEFAULT_ORDER);
  });

  it('defaults to 50 rows and allows 500', async () => {
    expect((await items('')).edges).toHaveLength(50);
    expect((await items('first: 500')).edges).toHaveLength(255);
  });

  it('orders by several keys, DESC included, and pages through them', async () => {
    const orderBy = 'orderBy: [{ field: KIND, direction: DESC }, { field: NUMBER, direction: DESC }]';
    const first = await items(`${orderBy}, first: 45`);
    const second = await items(`${orderBy}, first: 45, after: "${first.pageInfo.endCursor}"`);
    const labels = [...first.edges, ...second.edges].map((edge) => label(edge.node));
    expect(labels.slice(0, 41)).toEqual([
      ...Array.from({ length: 40 }, (_, i) => `RECLAIMED-${40 - i}`),
      'COOPERATIVE-111',
    ]);
    expect(labels[89]).toBe('COOPERATIVE-62');
    const expected = [...DEFAULT_ORDER].sort(
      (a, b) =>
        KIND_ORDER.indexOf(b.split('-')[0]) - KIND_ORDER.indexOf(a.split('-')[0]) ||
        Number(b.split('-')[1]) - Number(a.split('-')[1]),
    );
    expect(labels).toEqual(expected.slice(0, 90));
  });

  it('pages a nested connection: 托里县自然资源局 shares 17 items and reclaimed 3', async () => {
    const query = (after: string | null) => `{
      department(name: "托里县自然资源局") {
        all: items(first: 8${after ? `, after: "${after}"` : ''}) { ${PAGE} }
        shared: items(relation: SHARED) { totalCount }
        reclaimed: items(relation: RECLAIMED) { totalCount nodes { number } }
      }
    }`;
    const first = (await hub.query(query(null))).data?.department;
    expect(first.shared.totalCount).toBe(17);
    expect(first.reclaimed).toEqual({ totalCount: 3, nodes: [{ number: 21 }, { number: 23 }, { number: 31 }] });
    const labels: string[] = [];
    let page: Page = first.all;
    labels.push(...page.edges.map((edge) => label(edge.node)));
    while (page.pageInfo.hasNextPage) {
      page = (await hub.query(query(page.pageInfo.endCursor))).data?.department.all;
      labels.push(...page.edges.map((edge) => label(edge.node)));
    }
    expect(page.totalCount).toBe(20);
    expect(labels).toEqual([
      ...[45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 62, 90, 100].map((n) => `COOPERATIVE-${n}`),
      ...[21, 23, 31].map((n) => `RECLAIMED-${n}`),
    ]);
  });
});

describe('bad arguments', () => {
  it('refuses page sizes above 500 or below 0, and first with last', async () => {
    expect(await hub.errorsOf('{ items(first: 501) { totalCount } }')).toEqual([
      ['BAD_USER_INPUT', 'first must be between 0 and 500, got 501'],
    ]);
    expect(await hub.errorsOf('{ items(last: -1) { totalCount } }')).toEqual([
      ['BAD_USER_INPUT', 'last must be between 0 and 500, got -1'],
    ]);
    expect(await hub.errorsOf('{ items(first: 1, last: 1) { totalCount } }')).toEqual([
      ['BAD_USER_INPUT', 'pass either first or last, not both'],
    ]);
    expect(await hub.errorsOf('{ departments(first: 1000) { totalCount } }')).toEqual([
      ['BAD_USER_INPUT', 'first must be between 0 and 500, got 1000'],
    ]);
  });

  it('refuses a malformed cursor, and a cursor of another order', async () => {
    expect(await hub.errorsOf('{ items(after: "not-a-cursor") { totalCount } }')).toEqual([
      ['BAD_USER_INPUT', 'after is not a cursor of this API'],
    ]);
    const byName = await items('orderBy: [{ field: NAME }], first: 1');
    expect(await hub.errorsOf(`{ items(after: "${byName.pageInfo.endCursor}") { totalCount } }`)).toEqual([
      ['BAD_USER_INPUT', ANOTHER_ORDER],
    ]);
    const forged = Buffer.from(JSON.stringify(['TOWN:ASC,KIND:ASC,NUMBER:ASC', 1, 2])).toString('base64url');
    expect(await hub.errorsOf(`{ items(after: "${forged}") { totalCount } }`)).toEqual([
      ['BAD_USER_INPUT', 'cursor does not fit this order'],
    ]);
  });

  it('refuses a cursor of another filter, and takes one of the same filter however it is spelt', async () => {
    const basic = await items('filter: { kinds: [BASIC], numbers: [1, 2, 3] }, first: 2');
    const cursor = basic.pageInfo.endCursor;
    // The RECLAIMED tab asked with the BASIC tab's cursor read after BASIC-2 in its own rows: empty.
    expect(await hub.errorsOf(`{ items(filter: { kinds: [RECLAIMED] }, after: "${cursor}") { totalCount } }`)).toEqual([
      [
        'BAD_USER_INPUT',
        'after is a cursor of another filter; pass the filter it came from, or start from the first page',
      ],
    ]);
    const same = await items(`filter: { numbers: [1, 2, 3], kinds: [BASIC], search: null }, after: "${cursor}"`);
    expect(same.edges.map(({ node }) => `${node.kind}-${node.number}`)).toEqual(['BASIC-3']);
  });

  it('refuses a descending cursor made before ties followed the last key, and keeps ascending ones', async () => {
    // Until session 12 ties were broken by ascending id in every order: such a cursor of a
    // descending order would repeat or skip tied rows, so it is refused; an ascending one still
    // means what it meant.
    const byNameDesc = await items('orderBy: [{ field: NAME, direction: DESC }], first: 1');
    const [signature, ...keys] = JSON.parse(Buffer.from(byNameDesc.pageInfo.endCursor ?? '', 'base64url').toString());
    // The order's signature, then its slice's (the filter's digest).
    expect(signature).toMatch(/^NAME:DESC,ID:DESC\|[\w-]{8}$/u);
    const before = Buffer.from(JSON.stringify(['NAME:DESC', ...keys])).toString('base64url');
    expect(
      await hub.errorsOf(`{ items(orderBy: [{ field: NAME, direction: DESC }], after: "${before}") { totalCount } }`),
    ).toEqual([['BAD_USER_INPUT', ANOTHER_ORDER]]);
    const byName = await items('orderBy: [{ field: NAME }], first: 1');
    const [ascending, ...nameKeys] = JSON.parse(Buffer.from(byName.pageInfo.endCursor ?? '', 'base64url').toString());
    expect(ascending).toMatch(/^NAME:ASC\|/u);
    // An ascending cursor made before ties followed the last key, or before slices were named,
    // reads the page after its row as it did.
    const old = Buffer.from(JSON.stringify(['NAME:ASC', ...nameKeys])).toString('base64url');
    const next = await items(`orderBy: [{ field: NAME }], first: 2, after: "${old}"`);
    const fromNew = await items(`orderBy: [{ field: NAME }], first: 2, after: "${byName.pageInfo.endCursor}"`);
    expect(next.edges.map(({ node }) => node)).toEqual(fromNew.edges.map(({ node }) => node));
    expect(next.edges).toHaveLength(2);
  });

  it('answers null for ids of no row, and refuses a lookup with neither id nor name', async () => {
    const { data } = await hub.query(`{
      item(id: "not-an-id") { name }
      town(id: "00000000-0000-5000-8000-000000000000") { name }
      category(name: "没有的类别") { name }
    }`);
    expect(data).toEqual({ item: null, town: null, category: null });
    expect(await hub.errorsOf('{ department { name } }')).toEqual([
      ['BAD_USER_INPUT', 'pass exactly one of id and name'],
    ]);
  });
});

describe('pages in number and name order', () => {
  const rows = datasetOf([seed]).items;
  type Row = DatasetItem;
  // Names compare byte-wise (collate "C"), ties by id in the order's direction.
  const NUMBER: ItemOrder = { field: 'NUMBER', direction: 'ASC' };
  const NAME: ItemOrder = { field: 'NAME', direction: 'ASC' };
  const DESC = { direction: 'DESC' } as const;

  /** Every page of 10, through cursors, forwards or backwards, of all items or of a filter's. */
  const walk = (orderBy: string, filter: string, backwards = false) =>
    walkPages(
      hub,
      (position, page) => `{ items(orderBy: [${orderBy}], ${position}${filter}) { ${page} } }`,
      (data) => data?.items,
      { size: 10, backwards },
    );

  it.each([
    ['all items', '', () => true],
    ['a category’s', ', filter: { categoryNames: ["党的建设"] }', (row: Row) => row.category === '党的建设'],
    [
      'two kinds’ of two categories',
      ', filter: { kinds: [BASIC, RECLAIMED], categoryNames: ["党的建设", "城乡建设"] }',
      (row: Row) => ['BASIC', 'RECLAIMED'].includes(row.kind) && ['党的建设', '城乡建设'].includes(row.category),
    ],
    [
      'a town’s',
      `, filter: { townIds: ["${townId}"], kinds: [COOPERATIVE] }`,
      (row: Row) => row.kind === 'COOPERATIVE',
    ],
  ])(
    'walks %s in both directions of each order, forwards and backwards, ties by id in the order’s direction',
    async (_, filter, kept) => {
      const of = rows.filter(kept);
      const expected: [string, (a: Row, b: Row) => number][] = [
        ['{ field: NUMBER }', orderOf([NUMBER])],
        ['{ field: NUMBER, direction: DESC }', orderOf([{ ...NUMBER, ...DESC }])],
        ['{ field: NAME }', orderOf([NAME])],
        ['{ field: NAME, direction: DESC }', orderOf([{ ...NAME, ...DESC }])],
      ];
      for (const [orderBy, compare] of expected) {
        const sorted = [...of].sort(compare).map((row) => row.id);
        expect(await walk(orderBy, filter)).toEqual(sorted);
        expect(await walk(orderBy, filter, true)).toEqual(sorted);
      }
      expect(of.length).toBeGreaterThan(30);
    },
  );

  it('reads a category’s own items in those orders, as its parent', async () => {
    const response = await hub.query(`{ category(name: "党的建设") {
      byName: items(orderBy: [{ field: NAME, direction: DESC }], first: 50) { nodes { id } }
      byNumber: items(orderBy: [{ field: NUMBER }], filter: { kinds: [BASIC, COOPERATIVE] }, first: 50) { nodes { id } }
    } }`);
    expect(response.errors).toBeUndefined();
    const ids = (nodes: { id: string }[]) => nodes.map((node) => node.id);
    const of = rows.filter((row) => row.category === '党的建设');
    expect(ids(response.data?.category.byName.nodes)).toEqual(
      [...of].sort(orderOf([{ ...NAME, ...DESC }])).map((row) => row.id),
    );
    expect(ids(response.data?.category.byNumber.nodes)).toEqual(
      of
        .filter((row) => row.kind !== 'RECLAIMED')
        .sort(orderOf([NUMBER]))
        .map((row) => row.id),
    );
  });
});
