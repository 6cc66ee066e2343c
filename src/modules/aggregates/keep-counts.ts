/**
 * The one way an import keeps the counts ahead of reads: called once, last in its transaction,
 * with what it changed in one town. It records the town's search count change (folded later by
 * the import runner, search-counts.ts), recounts the town's per-town counts and adds their
 * difference, and that of its department pairs, to the totals over all towns (town-counts.ts).
 * Last, because the totals are shared by every import: their rows are locked after every other
 * lock the import takes, in key order, so concurrent imports wait instead of deadlocking.
 */
import type { Knex } from '@mikro-orm/postgresql';
import type { ItemKind } from '../common/enums';
import { recordSearchCountChange, SearchCountChange } from './search-counts';
import { addToTotals, recountTown, type TownRows } from './town-counts';

/** An item as an import reads and writes it: what its search counts are kept by. */
type ItemRow = { id: string; kind: ItemKind; category_id: string; search_text?: string };

export interface TownChange {
  townId: string;
  /** The town's items (id, kind, category_id, search_text) and links as they were before the import. */
  before: TownRows & { items: readonly Record<string, unknown>[] };
  /** The town's items and links as the import wrote them. */
  after: TownRows;
  /** The items the import wrote (new or changed) and the ids of those it removed. */
  written: readonly ItemRow[];
  gone: readonly string[];
  /** Each item's search bigrams (bigramCodes), by id. */
  bigramsById: ReadonlyMap<string, readonly number[]>;
  /** Whether any item or link changed (an unchanged town keeps its counts as they are). */
  changed: boolean;
}

export async function keepCountsOf(trx: Knex.Transaction, change: TownChange): Promise<void> {
  await recordSearchCountChange(trx, searchCountChange(change));
  if (!change.changed) return;
  await addToTotals(trx, await recountTown(trx, change.townId, change));
}

/** What the items written and removed change in the search counts: old versions out, new ones in. */
function searchCountChange({ before, written, gone, bigramsById }: TownChange): SearchCountChange {
  const result = new SearchCountChange();
  const previous = new Map(before.items.map((row) => [row.id as string, row]));
  for (const id of [...written.map((row) => row.id), ...gone]) {
    const old = previous.get(id);
    if (old) result.remove(old.kind as ItemKind, old.category_id as string, old.search_text as string);
  }
  for (const row of written) result.add(row.kind, row.category_id, bigramsById.get(row.id) ?? [], 1);
  return result;
}
