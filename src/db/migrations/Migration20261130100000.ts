import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for pages in number and in name order (`orderBy: [{ field: NUMBER }]`, `NAME`), ties
 * broken by id as the page query breaks them. Without them a page over all towns sorted every
 * item (at 10,000 towns, 2.5 million: seconds a page); with them it reads its rows in order and
 * stops, in either direction (descending: the index backwards, each run of equal numbers or names
 * sorted by id as it comes). A category's or a kind's page walks the same index, keeping its own.
 * Other orders (KIND, CATEGORY first) have none: the default order's and a town's pages cover
 * what dashboards page through, and each index costs every import (docs/benchmarks.md).
 */
export class Migration20261130100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index "item_number_order_index" on "item" ("number", "id");');
    this.addSql('create index "item_name_order_index" on "item" ("name" collate "C", "id");');
  }

  override async down(): Promise<void> {
    this.addSql('drop index "item_name_order_index";');
    this.addSql('drop index "item_number_order_index";');
  }
}
