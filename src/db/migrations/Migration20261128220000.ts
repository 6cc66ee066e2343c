import { Migration } from '@mikro-orm/migrations';

/**
 * Search: each item keeps the text `search` looks in (its name, steps, working method, its
 * departments' responsibilities and names) and the character bigrams of that text, under a GIN
 * index. Chinese search terms are mostly two or three characters, too short for pg_trgm's trigrams;
 * bigrams let the index answer them, and `ilike` on the text rechecks the candidates.
 */
export class Migration20261128220000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "item" add column "search_text" text not null default '';`);
    this.addSql(`alter table "item" add column "search_bigrams" text[] not null default '{}';`);
    this.addSql(`create index "item_search_bigrams_index" on "item" using gin ("search_bigrams");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "item_search_bigrams_index";`);
    this.addSql(`alter table "item" drop column "search_bigrams";`);
    this.addSql(`alter table "item" drop column "search_text";`);
  }
}
