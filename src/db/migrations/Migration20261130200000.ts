import { Migration } from '@mikro-orm/migrations';

/**
 * Items two departments share, per category and kind over all towns (department_pair_total): the
 * edges of a slice graph of kinds and categories are summed from it instead of joining every link
 * of the slice's items to the item's other links (a category and kind's graph over 10,000 towns
 * read 127,000 items' links, 0.5 s). A pair is kept once, its smaller id first, as the graph's
 * edges are; with each department's relation to the items. Imports add their town's change
 * (src/ingest/kept-counts.ts). Few rows: most shared items are a county department's and a
 * town's, and a county's towns list the same ones (15,200 rows at 1,000 towns).
 */
export class Migration20261130200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "department_pair_total" ("category_id" uuid not null, "kind" "item_kind" not null, "source_id" uuid not null, "target_id" uuid not null, "source_relation" "relation" not null, "target_relation" "relation" not null, "items" int not null, constraint "department_pair_total_pkey" primary key ("category_id", "kind", "source_id", "target_id", "source_relation", "target_relation"));`,
    );
    this.addSql(
      `insert into "department_pair_total"
       select i.category_id, i.kind, a.department_id, b.department_id, a.relation, b.relation, count(*)
       from item i join link a on a.item_id = i.id join link b on b.item_id = i.id and b.department_id > a.department_id
       group by 1, 2, 3, 4, 5, 6;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "department_pair_total";`);
  }
}
