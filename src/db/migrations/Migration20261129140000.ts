import { Migration } from '@mikro-orm/migrations';

/**
 * Items counted ahead per town, category and kind: a slice cut by those alone (a dashboard's usual
 * slice) gets its totalCount and facets by summing a few rows per town instead of counting every
 * matching item (127,000 for one category at 10,000 towns). Imports keep it (src/ingest/import.ts);
 * item-counts.ts falls back to the items for other filters.
 */
export class Migration20261129140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "item_count" ("town_id" uuid not null, "category_id" uuid not null, "kind" "item_kind" not null, "items" int not null, constraint "item_count_pkey" primary key ("town_id", "category_id", "kind"));`,
    );
    this.addSql(
      `alter table "item_count" add constraint "item_count_town_id_foreign" foreign key ("town_id") references "town" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create index "item_count_category_index" on "item_count" ("category_id", "kind") include ("items");`);
    this.addSql(
      `insert into "item_count" select "town_id", "category_id", "kind", count(*) from "item" group by 1, 2, 3;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "item_count";`);
  }
}
