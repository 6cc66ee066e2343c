import { Migration } from '@mikro-orm/migrations';

/**
 * Items per department, counted ahead per town, category, kind and relation: the facets and slice
 * graphs of a slice cut by those alone (a dashboard's usual slice) sum a few rows per town here
 * instead of visiting every link of every matching item (seconds at 10,000 towns). Imports keep it
 * (src/ingest/import.ts); `department-counts.ts` falls back to the links for other filters.
 */
export class Migration20261129120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "department_item_count" ("town_id" uuid not null, "category_id" uuid not null, "kind" "item_kind" not null, "department_id" uuid not null, "relation" "relation" not null, "items" int not null, constraint "department_item_count_pkey" primary key ("town_id", "category_id", "kind", "department_id", "relation"));`,
    );
    this.addSql(
      `alter table "department_item_count" add constraint "department_item_count_town_id_foreign" foreign key ("town_id") references "town" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `create index "department_item_count_category_index" on "department_item_count" ("category_id", "kind", "relation", "department_id") include ("items");`,
    );
    this.addSql(
      `insert into "department_item_count" select i."town_id", i."category_id", i."kind", l."department_id", l."relation", count(*) from "item" i join "link" l on l."item_id" = i."id" group by 1, 2, 3, 4, 5;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "department_item_count";`);
  }
}
