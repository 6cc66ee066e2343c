import { Migration } from '@mikro-orm/migrations';

/**
 * The kept counts summed over all towns: per category and kind (item_total), and per category,
 * kind, department and relation (department_item_total). A slice of every town (a dashboard's
 * usual slice) sums a few rows per department here, where the per-town counts held one row per
 * town and department (77,000 rows for the top ten departments of a category at 10,000 towns).
 * Imports add their town's change to them (src/ingest/kept-counts.ts).
 */
export class Migration20261129150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "item_total" ("category_id" uuid not null, "kind" "item_kind" not null, "items" int not null, constraint "item_total_pkey" primary key ("category_id", "kind"));`,
    );
    this.addSql(
      `create table "department_item_total" ("category_id" uuid not null, "kind" "item_kind" not null, "department_id" uuid not null, "relation" "relation" not null, "items" int not null, constraint "department_item_total_pkey" primary key ("category_id", "kind", "department_id", "relation"));`,
    );
    this.addSql(`insert into "item_total" select "category_id", "kind", sum("items") from "item_count" group by 1, 2;`);
    this.addSql(
      `insert into "department_item_total" select "category_id", "kind", "department_id", "relation", sum("items") from "department_item_count" group by 1, 2, 3, 4;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "department_item_total";`);
    this.addSql(`drop table "item_total";`);
  }
}
