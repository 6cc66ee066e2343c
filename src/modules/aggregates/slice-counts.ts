/**
 * The counts per kind of slices (`items(filter)`, `facets(filter)`) and the totals of parents'
 * pages (a category's `items(filter)`) counted from the items (a longer search, a filter on
 * departments, an `or`), kept for the dataset generation they were counted in: a dashboard paging
 * through such a slice asks each page with its `totalCount`, and each page would count every match
 * again (安全生产 at 10,000 towns: 0.3–0.7 s a page, its page alone 12 ms). Counts the imports keep
 * (the kept totals, the search counts) are cheap and never kept here.
 *
 * Keyed by the filter; all of it is dropped when the generation changes (src/cache/dataset-
 * generation.ts), so a count is never older than the data a page reads but in the moment between
 * an import's commit and its NOTIFY, as for the response cache. While the generation cannot be
 * known nothing is kept or read.
 */
import type { DatasetGenerationWatch } from '../../cache/dataset-generation';
import type { ItemKind } from '../common/enums';

/** Counts kept at most: a few dozen bytes each. */
const MAX_SLICES = 10_000;

export class SliceCounts {
  // Keys start with what they count: `kinds ` a slice's counts per kind, `total ` a parent's total.
  private readonly counts = new Map<string, Map<ItemKind, number> | number>();
  private generation: string | undefined;

  constructor(private readonly watch: Pick<DatasetGenerationWatch, 'current'>) {}

  /** The generation a statement about to count runs in: pass it to `keep`; undefined keeps nothing. */
  current(): string | undefined {
    const generation = this.watch.current();
    if (generation !== this.generation) {
      this.counts.clear();
      this.generation = generation;
    }
    return generation;
  }

  /** The counts per kind of the slice `filterKey` in the current generation, if counted in it. */
  kinds(filterKey: string): Map<ItemKind, number> | undefined {
    return this.read(`kinds ${filterKey}`) as Map<ItemKind, number> | undefined;
  }

  /** The total of a parent's items (`parentKey`: its scope, id and filter), if counted in this generation. */
  total(parentKey: string): number | undefined {
    return this.read(`total ${parentKey}`) as number | undefined;
  }

  /** Keeps a slice's counts per kind counted in `generation`, unless the generation has moved on since. */
  keepKinds(generation: string | undefined, filterKey: string, counts: Map<ItemKind, number>): void {
    this.keep(generation, `kinds ${filterKey}`, counts);
  }

  /** Keeps a parent's total counted in `generation`, unless the generation has moved on since. */
  keepTotal(generation: string | undefined, parentKey: string, total: number): void {
    this.keep(generation, `total ${parentKey}`, total);
  }

  private read(key: string): Map<ItemKind, number> | number | undefined {
    return this.current() === undefined ? undefined : this.counts.get(key);
  }

  private keep(generation: string | undefined, key: string, value: Map<ItemKind, number> | number): void {
    if (generation === undefined || this.current() !== generation) return;
    // The oldest first out: a Map iterates in insertion order.
    if (this.counts.size >= MAX_SLICES) this.counts.delete(this.counts.keys().next().value as string);
    this.counts.set(key, value);
  }
}
