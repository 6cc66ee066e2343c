/**
 * Random slices and what the contract says the hub answers for them, evaluated here on parsed
 * documents: the reference the randomized slice tests hold the hub to, on the seed
 * (tests/api/random-slices.test.ts) and on many generated towns (tests/scale/scale.test.ts).
 */
import type { NormalizedDocument, NormalizedItem } from '../../src/ingest/normalize';
import { Item } from '../../src/modules/item/item.entity';
import { Town } from '../../src/modules/town/town.entity';
import type { ItemFilter, ItemKind, Relation } from '../__generated__/graphql';
import { random } from './query-fuzzer';
import { byBytes, category, department, edgesOf, matches } from './seed';

const KINDS: ItemKind[] = ['BASIC', 'COOPERATIVE', 'RECLAIMED'];
const RELATIONS: Relation[] = ['SHARED', 'RECLAIMED'];
const UNKNOWN_TOWN = '00000000-0000-5000-8000-000000000000';

/** An item of a dataset with its id and its town's. */
export type DatasetItem = NormalizedItem & { id: string; townId: string; townKey: string };

/** Imported documents as the contract sees them. */
export interface Dataset {
  items: DatasetItem[];
  /** Towns by prefecture, county and name (the towns query's order). */
  towns: { id: string; key: string; name: string }[];
  categories: string[];
  departments: string[];
}

export function datasetOf(documents: readonly NormalizedDocument[]): Dataset {
  const towns = documents.map(({ town }) => ({
    id: Town.idFor(town.prefecture, town.county, town.name),
    key: Town.sortKey(town),
    name: town.name,
  }));
  const items = documents.flatMap(({ items: documentItems }, i) =>
    documentItems.map((item) => ({
      ...item,
      id: Item.idFor(towns[i].id, item.kind, item.number),
      townId: towns[i].id,
      townKey: towns[i].key,
    })),
  );
  return {
    items,
    towns: towns.sort((a, b) => byBytes(a.key, b.key)),
    categories: [...new Set(documents.flatMap((document) => document.categories))].sort(byBytes),
    departments: [...new Set(documents.flatMap((document) => document.departments.map((each) => each.name)))].sort(
      byBytes,
    ),
  };
}

/** Random filters of a dataset's values, the same for the same seed. */
export function randomFilters(dataset: Dataset, seed: number) {
  const next = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  /** `min` to `max` distinct values, in the order drawn. */
  const some = <T>(values: readonly T[], min: number, max: number): T[] => {
    const size = min + Math.floor(next() * (max - min + 1));
    return [...new Set(Array.from({ length: size }, () => pick(values)))];
  };
  const maybe = (chance: number) => next() < chance;
  /** Two to four characters of an item's text (mostly two), or a word in none. */
  const searchTerm = () => {
    if (maybe(0.05)) return '无此之词';
    const text = pick(dataset.items).searchText.replace(/\s+/gu, '');
    const length = pick([2, 2, 2, 3, 4]);
    const start = Math.floor(next() * Math.max(1, text.length - length));
    return text.slice(start, start + length);
  };
  const townIds = dataset.towns.map((town) => town.id);

  /**
   * A filter of depth at most 3; `keptOnly`: of kinds, towns and categories alone (and/or/not of
   * them too), the filters that kept counts, pages by category and kind and kept pairs answer.
   */
  const filter = (keptOnly: boolean, depth = 1): ItemFilter => {
    const built: ItemFilter = {};
    if (maybe(0.35)) built.kinds = some(KINDS, maybe(0.1) ? 0 : 1, 2);
    if (maybe(0.1)) built.townIds = maybe(0.8) ? some(townIds, 1, 3) : [UNKNOWN_TOWN];
    if (maybe(0.25)) built.categoryNames = some(dataset.categories, 1, 2);
    if (maybe(0.1)) built.categoryIds = some(dataset.categories, 1, 2).map(category);
    if (!keptOnly) {
      if (maybe(0.15)) built.numbers = some([1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 111], 1, 3);
      if (maybe(0.15)) {
        built.departmentIds = some(dataset.departments, 1, 2).map(department);
        if (maybe(0.5)) built.relation = pick(RELATIONS);
      } else if (maybe(0.05)) built.relation = pick(RELATIONS);
      if (maybe(0.3)) built.search = searchTerm();
    }
    if (depth < 3) {
      const children = (most: number) =>
        Array.from({ length: 1 + Math.floor(next() * most) }, () => filter(keptOnly, depth + 1));
      if (maybe(0.2)) built.and = children(2);
      if (maybe(0.2)) built.or = children(3);
      if (maybe(0.15)) built.not = filter(keptOnly, depth + 1);
    }
    return built;
  };
  /** `count` filters, every other one `keptOnly`. */
  return (count: number) => Array.from({ length: count }, (_, i) => filter(i % 2 === 0));
}

/** A slice in every shape a dashboard or an analyst asks for it. */
export const SLICE = `query ($filter: ItemFilter) {
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

const nodes = (list: DatasetItem[]) => list.map(({ id }) => ({ id }));

/** Counts by key, most first, then by `order` of the keys: the facets' lists. */
function ranked<Entry>(
  keys: string[],
  order: (a: string, b: string) => number,
  entry: (key: string, count: number) => Entry,
) {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || order(a, b)).map(([key, count]) => entry(key, count));
}

/** The items of `dataset` that `filter` selects. */
export function sliceOf(dataset: Dataset, filter: ItemFilter): DatasetItem[] {
  return dataset.items.filter((item) => matches(item, filter, item.townId));
}

/** What the contract says the hub answers to SLICE for `filter`. */
export function expectedSlice(dataset: Dataset, filter: ItemFilter) {
  const found = sliceOf(dataset, filter);
  const inOrder = [...found].sort(
    orderOf([
      { field: 'TOWN', direction: 'ASC' },
      { field: 'KIND', direction: 'ASC' },
      { field: 'NUMBER', direction: 'ASC' },
    ]),
  );
  const nameOfTown = new Map(dataset.towns.map((town) => [town.key, town.name]));
  return {
    items: { totalCount: found.length, nodes: nodes(inOrder.slice(0, 500)) },
    byNumber: { nodes: nodes([...found].sort(orderOf([{ field: 'NUMBER', direction: 'DESC' }])).slice(0, 500)) },
    byName: { nodes: nodes([...found].sort(orderOf([{ field: 'NAME', direction: 'ASC' }])).slice(0, 30)) },
    facets: {
      total: found.length,
      byKind: KINDS.map((kind) => ({ kind, count: found.filter((item) => item.kind === kind).length })),
      byCategory: ranked(
        found.map((item) => item.category),
        byBytes,
        (name, count) => ({ category: { name }, count }),
      ),
      byDepartment: ranked(
        found.flatMap((item) => item.links.map((link) => link.department)),
        byBytes,
        (name, count) => ({ department: { name }, count }),
      ),
      byTown: ranked(
        found.map((item) => item.townKey),
        byBytes,
        (key, count) => ({ town: { name: nameOfTown.get(key) }, count }),
      ),
    },
    categories: dataset.categories.map((name) => {
      const own = inOrder.filter((item) => item.category === name);
      return { name, items: { totalCount: own.length, nodes: nodes(own.slice(0, 2)) } };
    }),
    towns: dataset.towns.map((town) => {
      const own = inOrder.filter((item) => item.townId === town.id);
      return { items: { totalCount: own.length, nodes: nodes(own.slice(0, 3)) } };
    }),
    departmentGraph: {
      edges: edgesOf(found, null).map(([source, target, weight]) => ({
        source: { name: source },
        target: { name: target },
        weight,
      })),
    },
  };
}

export type ItemOrder = { field: 'TOWN' | 'KIND' | 'NUMBER' | 'NAME' | 'CATEGORY'; direction: 'ASC' | 'DESC' };

/** One to three fields, each in either direction. */
export function randomOrders(seed: number) {
  const next = random(seed);
  const fields: ItemOrder['field'][] = ['TOWN', 'KIND', 'NUMBER', 'NAME', 'CATEGORY'];
  return (): ItemOrder[] => {
    const count = 1 + Math.floor(next() * 3);
    const chosen = [...fields].sort(() => next() - 0.5).slice(0, count);
    return chosen.map((field) => ({ field, direction: next() < 0.5 ? 'ASC' : 'DESC' }));
  };
}

/**
 * The contract's order of `orderBy`: names byte-wise, kinds in their declared order, ties broken
 * by id in the last field's direction.
 */
export function orderOf(orderBy: readonly ItemOrder[]): (a: DatasetItem, b: DatasetItem) => number {
  const keys: Record<ItemOrder['field'], (a: DatasetItem, b: DatasetItem) => number> = {
    TOWN: (a, b) => byBytes(a.townKey, b.townKey),
    KIND: (a, b) => KINDS.indexOf(a.kind as ItemKind) - KINDS.indexOf(b.kind as ItemKind),
    NUMBER: (a, b) => a.number - b.number,
    NAME: (a, b) => byBytes(a.name, b.name),
    CATEGORY: (a, b) => byBytes(a.category, b.category),
  };
  const sign = (order: ItemOrder) => (order.direction === 'DESC' ? -1 : 1);
  const tie = sign(orderBy[orderBy.length - 1]);
  return (a, b) => {
    for (const order of orderBy) {
      const compared = keys[order.field](a, b) * sign(order);
      if (compared !== 0) return compared;
    }
    return (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * tie;
  };
}

/** How many of a dataset's items each filter selects. */
export function sliceSizes(dataset: Dataset, filters: readonly ItemFilter[]): number[] {
  return filters.map((filter) => sliceOf(dataset, filter).length);
}
