import { Migration } from '@mikro-orm/migrations';

/**
 * Keyset pages in the default order (town, kind, number) straight from an index, at any depth and
 * any number of towns: each item carries its town's sort key (prefecture, county, name, compared
 * byte-wise), and the order has an index globally, per town and per category.
 */
export class Migration20261128223000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "item" add column "town_key" text collate "C" not null default '';`);
    this.addSql(
      `update "item" i set "town_key" = t."prefecture" || chr(31) || t."county" || chr(31) || t."name" from "town" t where t."id" = i."town_id";`,
    );
    this.addSql(`create index "item_order_index" on "item" ("town_key", "kind", "number", "id");`);
    this.addSql(`create index "item_town_order_index" on "item" ("town_id", "town_key", "kind", "number", "id");`);
    this.addSql(
      `create index "item_category_order_index" on "item" ("category_id", "town_key", "kind", "number", "id");`,
    );
    this.addSql(`drop index "item_category_id_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "item_category_id_index" on "item" ("category_id");`);
    this.addSql(`drop index "item_category_order_index";`);
    this.addSql(`drop index "item_town_order_index";`);
    this.addSql(`drop index "item_order_index";`);
    this.addSql(`alter table "item" drop column "town_key";`);
  }
}
