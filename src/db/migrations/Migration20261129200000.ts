import { Migration } from '@mikro-orm/migrations';

/**
 * The search counts per category too: items per search bigram, category and kind, so that a
 * two-character search within a category (工作 in 党的建设: 263,000 matches at 10,000 towns, 2.6 s
 * counted from the items) is counted from a few rows as it is over all towns, which now sums the
 * categories' (at most 21 × 3 rows a bigram). The changes imports leave waiting get the category
 * of each entry (its position in the change's list of categories). Waiting changes are already in the items, so both tables are rebuilt from them:
 * run it with no import running, as every migration.
 */
export class Migration20261129200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('truncate table "search_bigram_change", "search_bigram_total";');
    // Each entry's category by its position in the change's few categories (src/ingest/search-counts.ts).
    this.addSql(
      'alter table "search_bigram_change" add column "categories" uuid[] not null, add column "entry_categories" smallint[] not null;',
    );
    this.addSql('alter table "search_bigram_total" add column "category_id" uuid not null;');
    this.addSql('alter table "search_bigram_total" drop constraint "search_bigram_total_pkey";');
    this.addSql(
      'alter table "search_bigram_total" add constraint "search_bigram_total_pkey" primary key ("bigram", "category_id", "kind");',
    );
    // An item's bigrams are distinct (search-text.ts): each counts the item once.
    this.addSql(
      `insert into "search_bigram_total" ("bigram", "category_id", "kind", "items")
       select b, "category_id", "kind", count(*) from "item", unnest("search_bigrams") as b group by 1, 2, 3;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('truncate table "search_bigram_change", "search_bigram_total";');
    this.addSql('alter table "search_bigram_change" drop column "categories", drop column "entry_categories";');
    this.addSql('alter table "search_bigram_total" drop constraint "search_bigram_total_pkey";');
    this.addSql('alter table "search_bigram_total" drop column "category_id";');
    this.addSql(
      'alter table "search_bigram_total" add constraint "search_bigram_total_pkey" primary key ("bigram", "kind");',
    );
    this.addSql(
      `insert into "search_bigram_total" ("bigram", "kind", "items")
       select b, "kind", count(*) from "item", unnest("search_bigrams") as b group by 1, 2;`,
    );
  }
}
