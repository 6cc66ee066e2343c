/**
 * The counts per kind of slices (`items(filter)`, `facets(filter)`) counted from the items (a
 * longer search, a filter on departments, an `or`), kept for the dataset generation they were counted in: a dashboard paging through such a
 * slice asks each page with its `totalCount`, and each page would count every match again (安全生产
 * at 10,000 towns: 0.3–0.7 s a page, its page alone 12 ms). Counts the imports keep (the kept
 * totals, the search counts) are cheap and never kept here.
 *
 * Keyed by the filter; all of it is dropped when the generation changes (src/cache/dataset-
 * generation.ts), so a count is never older than the data a page reads but in the moment between
 * an import's commit and its NOTIFY, as for the response cache. While the generation cannot be
 * known nothing is kept or read.
 */
import type { ItemKind } from '../modules/common/enums';
import type { DatasetGenerationWatch } from './dataset-generation';

/** Slices kept at most: a few dozen bytes each. */
const MAX_SLICES = 10_000;

export class SliceCounts {
  private readonly counts = new Map<string, Map<ItemKind, number>>();
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

  /** The counts of the slice `filterKey` in the current generation, if counted in it. */
  read(filterKey: string): Map<ItemKind, number> | undefined {
    return this.current() === undefined ? undefined : this.counts.get(filterKey);
  }

  /** Keeps counts counted in `generation`, unless the generation has moved on since. */
  keep(generation: string | undefined, filterKey: string, counts: Map<ItemKind, number>): void {
    if (generation === undefined || this.current() !== generation) return;
    // The oldest first out: a Map iterates in insertion order.
    if (this.counts.size >= MAX_SLICES) this.counts.delete(this.counts.keys().next().value as string);
    this.counts.set(filterKey, counts);
  }
}
