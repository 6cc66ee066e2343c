import { Migration } from '@mikro-orm/migrations';

/**
 * The dataset's generation: one row that every import which changes something bumps in its own
 * transaction (and announces with NOTIFY), so that response caches drop answers of older data.
 */
export class Migration20261129100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "dataset_generation" ("id" smallint not null default 1, "generation" bigint not null default 0, "changed_at" timestamptz not null default now(), constraint "dataset_generation_pkey" primary key ("id"), constraint "dataset_generation_single_row" check ("id" = 1));`,
    );
    this.addSql(`insert into "dataset_generation" default values;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "dataset_generation";`);
  }
}
