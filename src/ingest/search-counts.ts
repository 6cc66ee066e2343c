/**
 * Items per search bigram and kind over all towns, kept for the counts of two-character searches
 * (Migration20261129170000; read in item-counts.ts). Kept in two steps, so that imports never
 * write the same rows:
 * - an import adds its town's change as one row of `search_bigram_change`, in its transaction:
 *   one row however many bigrams changed. Updating the totals there cost imports 2.6× their time,
 *   concurrent ones queueing on the same thousands of rows (docs/benchmarks.md);
 * - the import runner folds the waiting changes into `search_bigram_total`, one fold at a time,
 *   each total written once for all the changes it takes.
 * A count is the total plus the changes not folded yet, read in one statement: a fold moves
 * numbers from one table to the other in one transaction, so no reader sees a count change.
 */
import type { Knex } from '@mikro-orm/postgresql';
import type { ItemKind } from '../modules/common/enums';
import { bigrams } from './search-text';

/** What an import changes in the totals: per bigram and kind, the items to add (negative to take away). */
export class SearchCountChange {
  private readonly byBigram = new Map<string, Map<ItemKind, number>>();

  /** An item with these bigrams is added (`items` 1) or taken away (-1). */
  add(kind: ItemKind, itemBigrams: readonly string[], items: 1 | -1): void {
    for (const bigram of itemBigrams) {
      const kinds = this.byBigram.get(bigram) ?? new Map<ItemKind, number>();
      kinds.set(kind, (kinds.get(kind) ?? 0) + items);
      this.byBigram.set(bigram, kinds);
    }
  }

  /** An item with this search text is taken away. */
  remove(kind: ItemKind, searchText: string): void {
    this.add(kind, bigrams(searchText), -1);
  }

  /** `{ bigram: { kind: items } }` without what did not change; null when nothing did. */
  toJSON(): Record<string, Partial<Record<ItemKind, number>>> | null {
    const json: Record<string, Partial<Record<ItemKind, number>>> = {};
    for (const [bigram, kinds] of this.byBigram) {
      const changed = [...kinds].filter(([, items]) => items !== 0);
      if (changed.length > 0) json[bigram] = Object.fromEntries(changed);
    }
    return Object.keys(json).length > 0 ? json : null;
  }
}

/** Adds the change to those waiting to be folded; call it in the import's transaction. */
export async function recordSearchCountChange(trx: Knex.Transaction, change: SearchCountChange): Promise<void> {
  const json = change.toJSON();
  if (!json) return;
  await trx.raw('insert into search_bigram_change (change) values (?::jsonb) /* recordSearchCountChange */', [
    JSON.stringify(json),
  ]);
}

/**
 * Folds the waiting changes into the totals when at least `atLeast` wait. Another fold running
 * makes this one skip, unless `wait`: the end of an import run waits, so that it leaves nothing
 * waiting. Returns how many changes were folded.
 */
export async function foldSearchCounts(
  knex: Knex,
  options: { atLeast?: number; wait?: boolean } = {},
): Promise<number> {
  return knex.transaction(async (trx) => {
    // One fold at a time: a second would only wait on the first's rows.
    const lock = options.wait ? 'pg_advisory_xact_lock' : 'pg_try_advisory_xact_lock';
    const { rows: locked } = await trx.raw(`select ${lock}(hashtext(?))::text as locked /* foldSearchCountsLock */`, [
      'dutyhub:fold-search-counts',
    ]);
    // pg_advisory_xact_lock returns void (an empty text), the try form a boolean.
    if (locked[0].locked === 'false') return 0;
    const { rows: waiting } = await trx.raw('select count(*)::int as changes from search_bigram_change');
    if (waiting[0].changes < (options.atLeast ?? 1)) return 0;
    const { rows } = await trx.raw(
      `/* foldSearchCounts */ with taken as (delete from search_bigram_change returning change),
       summed as (
         select b.key as bigram, k.key::item_kind as kind, sum(k.value::int)::int as items
         from taken, jsonb_each(taken.change) as b, jsonb_each_text(b.value) as k group by 1, 2
       ),
       written as (
         insert into search_bigram_total (bigram, kind, items)
         select bigram, kind, items from summed where items <> 0
         on conflict (bigram, kind) do update set items = search_bigram_total.items + excluded.items
         returning bigram, kind, items
       )
       select (select count(*) from taken)::int as changes,
         coalesce(json_agg(written) filter (where written.items = 0), '[]') as emptied
       from written`,
    );
    const { changes, emptied } = rows[0] as { changes: number; emptied: unknown[] };
    // A total that reaches zero goes, as a count never kept: only rows this fold just wrote.
    if (emptied.length > 0) {
      await trx.raw(
        `/* dropEmptiedSearchTotals */ delete from search_bigram_total t
         using json_populate_recordset(null::search_bigram_total, ?) e
         where t.bigram = e.bigram and t.kind = e.kind and t.items = 0`,
        [JSON.stringify(emptied)],
      );
    }
    return changes;
  });
}
