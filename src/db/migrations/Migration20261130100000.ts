import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for pages in number and in name order (`orderBy: [{ field: NUMBER }]`, `NAME`), led by
 * the item's category and kind: the page of one category and kind reads its rows in order and
 * stops, in either direction (ties are broken by id in the order's direction, so an index read
 * backwards holds the descending order as it is). A page of several categories or kinds, or of all
 * items, reads each category and kind's first rows so, and keeps the first of them all
 * (item.repository.ts, `partitionedPageSql`). Without them such a page sorted every item of its
 * slice (at 10,000 towns, 2.5 million for all items: 1.3 s a page; a category's 215,000: 0.6 s).
 * An index over all items in number or name order would serve all items only: a slice's items lie
 * anywhere along it, as names go with categories and kinds (a category's first page by name
 * walked 413,813 items of other categories, 2.4 s). Other orders (KIND or CATEGORY first) have
 * none: each index costs every import (docs/benchmarks.md).
 */
export class Migration20261130100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('create index "item_number_order_index" on "item" ("category_id", "kind", "number", "id");');
    this.addSql('create index "item_name_order_index" on "item" ("category_id", "kind", "name" collate "C", "id");');
  }

  override async down(): Promise<void> {
    this.addSql('drop index "item_name_order_index";');
    this.addSql('drop index "item_number_order_index";');
  }
}
