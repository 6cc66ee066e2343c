import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for pages of all items in number and in name order (`orderBy: [{ field: NUMBER }]`,
 * `NAME`), ties broken by id as the page query breaks them. Without them such a page sorted every
 * item (at 10,000 towns, 2.5 million: 1.3 s a page); with them it reads its rows in order and
 * stops, in either direction (descending: the index backwards, each run of equal numbers or names
 * sorted by id as it comes). A filter's or a parent's page sorts its own items instead (`inSlice`
 * in item.repository.ts: their items lie anywhere along these indexes). Other orders (KIND or
 * CATEGORY first) have none: each index costs every import (docs/benchmarks.md).
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
