/**
 * The seed (托里镇) parsed here, and the filter semantics of the contract evaluated directly on its
 * items: the independent answer the API tests hold the hub's slices to.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type NormalizedItem, normalizeDocument } from '../../src/ingest/normalize';
import { parseDocument } from '../../src/ingest/parse';
import { Category } from '../../src/modules/category/category.entity';
import { Department } from '../../src/modules/department/department.entity';
import { Town } from '../../src/modules/town/town.entity';
import type { ItemFilter, ItemKind } from '../__generated__/graphql';

export const seedFile = path.join(__dirname, '..', '..', 'seeds', '000_6f0578919a8dbf5e.txt');
export const seed = normalizeDocument(parseDocument(readFileSync(seedFile), seedFile));
export const townId = Town.idFor(seed.town.prefecture, seed.town.county, seed.town.name);
export const department = (name: string) => Department.idFor(name);
export const category = (name: string) => Category.idFor(name);

/** Whether the item (of the town `town`, the seed's by default) is in the slice `filter` selects. */
export function matches(item: NormalizedItem, filter: ItemFilter, town = townId): boolean {
  const links = item.links.filter((link) => !filter.relation || link.relation === filter.relation);
  return (
    (!filter.kinds || filter.kinds.includes(item.kind as ItemKind)) &&
    (!filter.numbers || filter.numbers.includes(item.number)) &&
    (!filter.townIds || filter.townIds.includes(town)) &&
    (!filter.categoryIds || filter.categoryIds.includes(category(item.category))) &&
    (!filter.categoryNames || filter.categoryNames.map((n) => n.replace(/\s/gu, '')).includes(item.category)) &&
    (!(filter.departmentIds || filter.relation) ||
      links.some((link) => !filter.departmentIds || filter.departmentIds.includes(department(link.department)))) &&
    (filter.search == null || item.searchText.toLowerCase().includes(filter.search.trim().toLowerCase())) &&
    (filter.and ?? []).every((each) => matches(item, each, town)) &&
    (!filter.or || filter.or.some((each) => matches(item, each, town))) &&
    (!filter.not || !matches(item, filter.not, town))
  );
}

/** Byte-wise, as PostgreSQL's `collate "C"` compares names. */
export const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * A slice graph's edges over `items`, by links of `relation` (any when null): [source, target,
 * weight], the smaller id first, heaviest first, then by names byte-wise.
 */
export function edgesOf(items: readonly NormalizedItem[], relation: string | null): [string, string, number][] {
  const weights = new Map<string, number>();
  for (const item of items) {
    const departments = item.links
      .filter((link) => !relation || link.relation === relation)
      .map((link) => link.department)
      .sort((a, b) => (department(a) < department(b) ? -1 : 1));
    for (let i = 0; i < departments.length; i++) {
      for (let j = i + 1; j < departments.length; j++) {
        const key = `${departments[i]}|${departments[j]}`;
        weights.set(key, (weights.get(key) ?? 0) + 1);
      }
    }
  }
  return [...weights]
    .map(([key, weight]): [string, string, number] => [...(key.split('|') as [string, string]), weight])
    .sort((a, b) => b[2] - a[2] || byBytes(a[0], b[0]) || byBytes(a[1], b[1]));
}
