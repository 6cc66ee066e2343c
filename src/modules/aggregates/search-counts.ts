/**
 * Items per search bigram, category and kind over all towns, kept for the counts of two-character
 * searches over all towns or within categories (read in count-planner.ts). Kept in two steps, so
 * that imports never write the same rows:
 * - an import adds its town's change as one row of `search_bigram_change`, in its transaction:
 *   one row however many bigrams changed. Updating the totals there cost imports 2.6× their time,
 *   concurrent ones queueing on the same thousands of rows (docs/benchmarks.md);
 * - the import runner folds the waiting changes into `search_bigram_total`, one fold at a time,
 *   each total written once for all the changes it takes.
 * A count is the total plus the changes not folded yet, read in one statement: a fold moves
 * numbers from one table to the other in one transaction, so no reader sees a count change. A
 * search's page reads the totals alone as a hint (searchHintSql).
 */
import type { Knex } from '@mikro-orm/postgresql';
import { bigramCodes, bigramOfCode, bigrams } from '../../ingest/search-text';
import type { ItemKind } from '../common/enums';
import { raw, runIn, type Sql, sql, unseenByPlanner } from '../common/sql';
import { itemConditions } from '../item/item-filter';
import { dropEmptiedTotals } from './town-counts';

/** What an import changes in the totals: per kind, category and bigram, the items to add (negative to take away). */
export class SearchCountChange {
  /** Bigrams as numbers (bigramCodes), for the same reason as there; by kind and category. */
  private readonly byGroup = new Map<string, { kind: ItemKind; category: string; counts: Map<number, number> }>();

  /** An item of this kind and category with these bigrams (bigramCodes) is added (`items` 1) or taken away (-1). */
  add(kind: ItemKind, category: string, codes: readonly number[], items: 1 | -1): void {
    const key = `${kind} ${category}`;
    let group = this.byGroup.get(key);
    if (!group) {
      group = { kind, category, counts: new Map() };
      this.byGroup.set(key, group);
    }
    const { counts } = group;
    for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + items);
  }

  /** An item of this kind and category with this search text is taken away. */
  remove(kind: ItemKind, category: string, searchText: string): void {
    this.add(kind, category, bigramCodes(searchText), -1);
  }

  /**
   * The entries that changed, as four lists of one length, each entry's category as its position
   * (from 1) in `categories`, the categories it uses; empty when nothing changed.
   */
  entries(): {
    bigrams: string[];
    categories: string[];
    entryCategories: number[];
    kinds: ItemKind[];
    items: number[];
  } {
    const entries = {
      bigrams: [] as string[],
      categories: [] as string[],
      entryCategories: [] as number[],
      kinds: [] as ItemKind[],
      items: [] as number[],
    };
    for (const { kind, category, counts } of this.byGroup.values()) {
      let position = entries.categories.indexOf(category) + 1;
      for (const [code, items] of counts) {
        if (items === 0) continue;
        if (position === 0) position = entries.categories.push(category);
        entries.bigrams.push(bigramOfCode(code));
        entries.entryCategories.push(position);
        entries.kinds.push(kind);
        entries.items.push(items);
      }
    }
    return entries;
  }
}

/**
 * Adds the change to those waiting to be folded; call it in the import's transaction. Sent as
 * strings split by the server (no bigram holds a space): a town changes some 18,000 entries,
 * which as a JSON object cost the import a third of its time to build and store. Each entry names
 * its category by position in the change's few categories, not by its UUID (36 bytes of text an
 * entry to send and parse).
 */
export async function recordSearchCountChange(trx: Knex.Transaction, change: SearchCountChange): Promise<void> {
  const { bigrams, categories, entryCategories, kinds, items } = change.entries();
  if (bigrams.length === 0) return;
  const split = (values: readonly unknown[]) => sql`string_to_array(${values.join(' ')}, ' ')`;
  await runIn(
    trx,
    'recordSearchCountChange',
    sql`insert into search_bigram_change (bigrams, categories, entry_categories, kinds, items)
     values (${split(bigrams)}, ${split(categories)}::uuid[], ${split(entryCategories)}::smallint[],
       ${split(kinds)}::item_kind[], ${split(items)}::int[])`,
  );
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
    const locked = await runIn<{ locked: string }>(
      trx,
      'foldSearchCountsLock',
      sql`select ${raw(lock)}(hashtext(${'dutyhub:fold-search-counts'}))::text as locked`,
    );
    // pg_advisory_xact_lock returns void (an empty text), the try form a boolean.
    if (locked[0].locked === 'false') return 0;
    const waiting = await runIn<{ changes: number }>(
      trx,
      'foldSearchCountsWaiting',
      sql`select count(*)::int as changes from search_bigram_change`,
    );
    if (waiting[0].changes < (options.atLeast ?? 1)) return 0;
    const [{ changes, emptied }] = await runIn<{ changes: number; emptied: { items: number }[] }>(
      trx,
      'foldSearchCounts',
      sql`with taken as (
         delete from search_bigram_change returning bigrams, categories, entry_categories, kinds, items
       ),
       summed as (
         select e.bigram, taken.categories[e.category] as category_id, e.kind, sum(e.items)::int as items
         from taken, unnest(taken.bigrams, taken.entry_categories, taken.kinds, taken.items) as e(bigram, category, kind, items)
         group by 1, 2, 3
       ),
       written as (
         insert into search_bigram_total (bigram, category_id, kind, items)
         select bigram, category_id, kind, items from summed where items <> 0
         on conflict (bigram, category_id, kind) do update set items = search_bigram_total.items + excluded.items
         returning bigram, category_id, kind, items
       )
       select (select count(*) from taken)::int as changes,
         coalesce(json_agg(written) filter (where written.items = 0), '[]') as emptied
       from written`,
    );
    await dropEmptiedTotals(trx, 'search_bigram_total', ['bigram', 'category_id', 'kind'], emptied);
    return changes;
  });
}

/**
 * One row for a search's page (search-page.ts), from the kept totals: the search's matches
 * (`matches`: the fewest items any of its bigrams has, of the kinds asked; exact for two
 * characters, the changes not folded yet left out) and the items a walk could read (`items`: all
 * items, or those of the category `p.parent_id` of a lateral join).
 */
export function searchHintSql(scope: 'all' | 'category', search: string, kinds: ItemKind[] | null | undefined): Sql {
  const wanted = bigrams(search);
  const items = scope === 'all' ? raw('item_total as it') : raw('item_total as it where it.category_id = p.parent_id');
  return sql`select (select case when count(*) = ${wanted.length} then coalesce(min(b.items), 0) else 0 end from (
        select sum(t.items) as items from search_bigram_total as t
        where t.bigram = any(${unseenByPlanner(wanted, 'text[]')}) and ${itemConditions({ kinds }, 't')} group by t.bigram
      ) as b)::float8 as matches,
      (select coalesce(sum(it.items), 0) from ${items})::float8 as items`;
}
