import { Migration } from '@mikro-orm/migrations';

/**
 * Room in the search totals' pages for the folds' updates (search-counts.ts). A fold adds to
 * thousands of totals at once; on full pages (the default fillfactor of 100) each new row version
 * went to another page and into the primary key again, where one on the same page is a heap-only
 * update (HOT: no index entry; `items` is in no index). At 10,000 towns, 150 more towns imported
 * with 3 at a time: 1.6% of the fold's updates HOT before, 93% after; the folds' time 5.1–5.8 →
 * 3.9 s, the import 13.8–14.4 → 12.4–12.5 s (docs/benchmarks.md). CLUSTER rewrites the existing
 * rows at the new fillfactor and drops the dead ones (44,000 totals in 78 MB at 10,000 towns:
 * 50 ms, the table locked meanwhile); unlike VACUUM FULL it runs inside the migration's transaction.
 */
export class Migration20261130000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "search_bigram_total" set (fillfactor = 70);');
    this.addSql('cluster "search_bigram_total" using "search_bigram_total_pkey";');
  }

  override async down(): Promise<void> {
    this.addSql('alter table "search_bigram_total" reset (fillfactor);');
    this.addSql('alter table "search_bigram_total" set without cluster;');
  }
}
