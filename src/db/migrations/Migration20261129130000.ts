import { Migration } from '@mikro-orm/migrations';

/**
 * A department's id is the UUID v5 of its name, so the primary key already holds one row per
 * name. The second unique constraint, on the name, made concurrent imports of one county's towns
 * fail: both insert the same new department, `on conflict (id)` settles the primary key but not the
 * other constraint (found importing 10,000 towns, 3 at a time). The name keeps a plain index.
 */
export class Migration20261129130000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "department" drop constraint "department_name_unique";`);
    this.addSql(`create index "department_name_index" on "department" ("name");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "department_name_index";`);
    this.addSql(`alter table "department" add constraint "department_name_unique" unique ("name");`);
  }
}
