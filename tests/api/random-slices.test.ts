/**
 * Random slices against the contract: filters generated from a fixed seed, each answered by the
 * hub in every shape a dashboard or an analyst asks it (pages in three orders, facets, nested
 * connections, the department graph) and held to the same slice evaluated here on the parsed
 * seed. The hub answers a filter by whichever way is cheapest (counts kept per town or over all
 * towns, kept search counts, pages read by category and kind, kept department pairs, or the
 * items): whatever the way, the numbers and the order must be the contract's.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NormalizedItem } from '../../src/ingest/normalize';
import { Item } from '../../src/modules/item/item.entity';
import type { ItemFilter, ItemKind, Relation } from '../__generated__/graphql';
import { startHub, type TestHub } from '../support/hub';
import { random } from '../support/query-fuzzer';
import { byBytes, category, department, edgesOf, matches, seed, townId } from '../support/seed';

const FILTERS = 150;
const KINDS: ItemKind[] = ['BASIC', 'COOPERATIVE', 'RECLAIMED'];
const RELATIONS: Relation[] = ['SHARED', 'RECLAIMED'];
const UNKNOWN_TOWN = '00000000-0000-5000-8000-000000000000';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub.close();
});

const next = random(20261130);
const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
/** `min` to `max` distinct values, in the order drawn. */
const some = <T>(values: readonly T[], min: number, max: number): T[] => {
  const size = min + Math.floor(next() * (max - min + 1));
  return [...new Set(Array.from({ length: size }, () => pick(values)))];
};
const maybe = (chance: number) => next() < chance;

/** Two to four characters of an item's text (mostly a common two-character word), or a word in none. */
function searchTerm(): string {
  if (maybe(0.05)) return '无此之词';
  const text = pick(seed.items).searchText.replace(/\s+/gu, '');
  const length = pick([2, 2, 2, 3, 4]);
  const start = Math.floor(next() * Math.max(1, text.length - length));
  return text.slice(start, start + length);
}

/**
 * A filter of depth at most 3; `keptOnly`: of kinds, towns and categories alone (and/or/not of
 * them too), the filters kept counts, partitioned pages and kept pairs answer.
 */
function randomFilter(keptOnly: boolean, depth = 1): ItemFilter {
  const filter: ItemFilter = {};
  if (maybe(0.35)) filter.kinds = some(KINDS, maybe(0.1) ? 0 : 1, 2);
  if (maybe(0.1)) filter.townIds = [maybe(0.8) ? townId : UNKNOWN_TOWN];
  if (maybe(0.25)) filter.categoryNames = some(seed.categories, 1, 2);
  if (maybe(0.1)) filter.categoryIds = some(seed.categories, 1, 2).map(category);
  if (!keptOnly) {
    if (maybe(0.15)) filter.numbers = some([1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 111], 1, 3);
    if (maybe(0.15)) {
      filter.departmentIds = some(seed.departments, 1, 2).map((each) => department(each.name));
      if (maybe(0.5)) filter.relation = pick(RELATIONS);
    } else if (maybe(0.05)) filter.relation = pick(RELATIONS);
    if (maybe(0.3)) filter.search = searchTerm();
  }
  if (depth < 3) {
    if (maybe(0.2))
      filter.and = Array.from({ length: 1 + Math.floor(next() * 2) }, () => randomFilter(keptOnly, depth + 1));
    if (maybe(0.2))
      filter.or = Array.from({ length: 1 + Math.floor(next() * 3) }, () => randomFilter(keptOnly, depth + 1));
    if (maybe(0.15)) filter.not = randomFilter(keptOnly, depth + 1);
  }
  return filter;
}

const SLICE = `query ($filter: ItemFilter) {
  items(filter: $filter, first: 500) { totalCount nodes { id } }
  byNumber: items(filter: $filter, first: 500, orderBy: [{ field: NUMBER, direction: DESC }]) { nodes { id } }
  byName: items(filter: $filter, first: 30, orderBy: [{ field: NAME }]) { nodes { id } }
  facets(filter: $filter) {
    total
    byKind { kind count }
    byCategory { category { name } count }
    byDepartment { department { name } count }
    byTown { town { name } count }
  }
  categories { name items(filter: $filter, first: 2) { totalCount nodes { id } } }
  towns { items(filter: $filter, first: 3) { totalCount nodes { id } } }
  departmentGraph(filter: $filter) { edges { source { name } target { name } weight } }
}`;

type SeedItem = NormalizedItem & { id: string };
const items: SeedItem[] = seed.items.map((item) => ({ ...item, id: Item.idFor(townId, item.kind, item.number) }));
const ids = (list: SeedItem[]) => list.map((item) => item.id);
const byId = (a: SeedItem, b: SeedItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const inTownOrder = (a: SeedItem, b: SeedItem) =>
  KINDS.indexOf(a.kind as ItemKind) - KINDS.indexOf(b.kind as ItemKind) || a.number - b.number;

/** Counts by key, most first, then by key byte-wise: the facets' lists. */
function ranked<Entry>(keys: string[], entry: (key: string, count: number) => Entry): Entry[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || byBytes(a, b)).map(([key, count]) => entry(key, count));
}

/** What the contract says the hub answers to SLICE for `filter`. */
function expectedSlice(filter: ItemFilter) {
  const found = items.filter((item) => matches(item, filter));
  const inOrder = [...found].sort(inTownOrder);
  const ofCategory = (name: string) => inOrder.filter((item) => item.category === name);
  return {
    items: { totalCount: found.length, nodes: inOrder.map(({ id }) => ({ id })) },
    byNumber: { nodes: [...found].sort((a, b) => b.number - a.number || byId(b, a)).map(({ id }) => ({ id })) },
    byName: {
      nodes: [...found]
        .sort((a, b) => byBytes(a.name, b.name) || byId(a, b))
        .slice(0, 30)
        .map(({ id }) => ({ id })),
    },
    facets: {
      total: found.length,
      byKind: KINDS.map((kind) => ({ kind, count: found.filter((item) => item.kind === kind).length })),
      byCategory: ranked(
        found.map((item) => item.category),
        (name, count) => ({ category: { name }, count }),
      ),
      byDepartment: ranked(
        found.flatMap((item) => item.links.map((link) => link.department)),
        (name, count) => ({ department: { name }, count }),
      ),
      byTown: found.length > 0 ? [{ town: { name: seed.town.name }, count: found.length }] : [],
    },
    categories: [...seed.categories].sort(byBytes).map((name) => ({
      name,
      items: { totalCount: ofCategory(name).length, nodes: ids(ofCategory(name).slice(0, 2)).map((id) => ({ id })) },
    })),
    towns: [{ items: { totalCount: found.length, nodes: ids(inOrder.slice(0, 3)).map((id) => ({ id })) } }],
    departmentGraph: {
      edges: edgesOf(found, null).map(([source, target, weight]) => ({
        source: { name: source },
        target: { name: target },
        weight,
      })),
    },
  };
}

describe(`${FILTERS} random slices`, () => {
  const filters = Array.from({ length: FILTERS }, (_, i) => randomFilter(i % 2 === 0));

  it('are as the contract evaluates them on the seed, in every shape a client asks', async () => {
    for (const filter of filters) {
      const { data, errors } = await hub.query(SLICE, { filter });
      expect({ filter, errors }).toEqual({ filter, errors: undefined });
      expect({ filter, ...data }).toEqual({ filter, ...expectedSlice(filter) });
    }
  });

  it('are of every size: many empty, many broad, and some in between', () => {
    const sizes = filters.map((filter) => items.filter((item) => matches(item, filter)).length);
    const share = (test: (size: number) => boolean) => sizes.filter(test).length / sizes.length;
    expect(share((size) => size === 0)).toBeGreaterThan(0.1);
    expect(share((size) => size > 0 && size < 50)).toBeGreaterThan(0.2);
    expect(share((size) => size >= 100)).toBeGreaterThan(0.1);
  });
});
