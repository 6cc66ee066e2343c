import { Migration } from '@mikro-orm/migrations';

/**
 * Items per search bigram and kind over all towns, so that a two-character search's count (防汛,
 * the usual one) sums a few rows instead of reading every match's page of the item table (18,000
 * pages for 防汛 at 10,000 towns). Imports do not update the totals in their transactions, which
 * made them queue on the same rows: each adds its town's change as one row of
 * `search_bigram_change` (three arrays, an entry a bigram and kind), and the import runner folds the changes into the totals now and then
 * (src/ingest/search-counts.ts). A count is the total plus the changes not yet folded. A change's
 * key is random, not a sequence's: the importer's role may write rows, not use sequences.
 */
export class Migration20261129170000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "search_bigram_total" ("bigram" text collate "C" not null, "kind" "item_kind" not null, "items" int not null, constraint "search_bigram_total_pkey" primary key ("bigram", "kind"));`,
    );
    this.addSql(
      `create table "search_bigram_change" ("id" uuid not null default gen_random_uuid(), "bigrams" text[] not null, "kinds" "item_kind"[] not null, "items" int[] not null, constraint "search_bigram_change_pkey" primary key ("id"));`,
    );
    // An item's bigrams are distinct (search-text.ts): each counts the item once.
    this.addSql(
      `insert into "search_bigram_total" select b, "kind", count(*) from "item", unnest("search_bigrams") as b group by 1, 2;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "search_bigram_change";`);
    this.addSql(`drop table "search_bigram_total";`);
  }
}
