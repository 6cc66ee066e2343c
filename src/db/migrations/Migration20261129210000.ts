import { Migration } from '@mikro-orm/migrations';

/**
 * No parallel scans of the search counts: a count reads a few dozen rows of them, but after an
 * import run the change table holds the dead space of the changes folded, and until autovacuum
 * visits it PostgreSQL estimates its rows from its pages (3,240 for 81 empty pages after 300
 * towns) and chose a parallel plan, whose workers cost 6–8 ms against 0.2 ms without
 * (EXPLAIN ANALYZE). A prepared statement keeps such a plan until the table's statistics change.
 * With the count's statement shape (item-counts.ts, keptBigramCountsByKind), no parallel plan.
 */
export class Migration20261129210000 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "search_bigram_total" set (parallel_workers = 0);');
    this.addSql('alter table "search_bigram_change" set (parallel_workers = 0);');
  }

  override async down(): Promise<void> {
    this.addSql('alter table "search_bigram_total" reset (parallel_workers);');
    this.addSql('alter table "search_bigram_change" reset (parallel_workers);');
  }
}
