import { Migration } from '@mikro-orm/migrations';

/**
 * The baseline: the whole schema in one migration. No deployment existed when it was made, so it
 * replaced the migrations of development instead of following them; a database those made must be
 * recreated (docs/operations.md, Migrations), and the first statement refuses one with that advice
 * rather than failing on a table that exists.
 *
 * Then the entities' schema as MikroORM's initial migration writes it (`getCreateSchemaSQL()`), and
 * last what entities cannot declare.
 */
export class Migration20261206043815 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$ begin
      if to_regclass('item') is not null then
        raise exception 'this database was made by migrations that the baseline Migration20261206043815 replaced: recreate it (docs/operations.md, Migrations)';
      end if;
    end $$;`);

    this.addSql(`create type "item_kind" as enum ('BASIC', 'COOPERATIVE', 'RECLAIMED');`);
    this.addSql(`create type "relation" as enum ('SHARED', 'RECLAIMED');`);
    this.addSql(
      `create table "category" ("id" uuid not null, "name" text not null, constraint "category_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "category" add constraint "category_name_unique" unique ("name");`);

    this.addSql(
      `create table "dataset_generation" ("id" smallint not null default 1, "generation" bigint not null default 0, "changed_at" timestamptz not null default now(), constraint "dataset_generation_pkey" primary key ("id"), constraint dataset_generation_single_row check ("id" = 1));`,
    );

    this.addSql(
      `create table "department" ("id" uuid not null, "name" text not null, "aliases" text[] not null default '{}', constraint "department_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "department_name_index" on "department" ("name");`);
    this.addSql(`create index "department_aliases_index" on "department" using gin ("aliases");`);

    this.addSql(
      `create table "department_item_total" ("category_id" uuid not null, "kind" "item_kind" not null, "department_id" uuid not null, "relation" "relation" not null, "items" int not null, constraint "department_item_total_pkey" primary key ("category_id", "kind", "department_id", "relation"));`,
    );
    this.addSql(
      `create index "department_item_total_top_index" on "department_item_total" ("category_id", "kind", "items" desc);`,
    );

    this.addSql(
      `create table "department_pair_total" ("category_id" uuid not null, "kind" "item_kind" not null, "source_id" uuid not null, "target_id" uuid not null, "source_relation" "relation" not null, "target_relation" "relation" not null, "items" int not null, constraint "department_pair_total_pkey" primary key ("category_id", "kind", "source_id", "target_id", "source_relation", "target_relation"));`,
    );

    this.addSql(
      `create table "item_total" ("category_id" uuid not null, "kind" "item_kind" not null, "items" int not null, constraint "item_total_pkey" primary key ("category_id", "kind"));`,
    );

    this.addSql(
      `create table "search_bigram_change" ("id" uuid not null default gen_random_uuid(), "bigrams" text[] not null, "kinds" "item_kind"[] not null, "items" int[] not null, "categories" uuid[] not null, "entry_categories" smallint[] not null, constraint "search_bigram_change_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "search_bigram_total" ("bigram" text collate "C" not null, "category_id" uuid not null, "kind" "item_kind" not null, "items" int not null, constraint "search_bigram_total_pkey" primary key ("bigram", "category_id", "kind"));`,
    );

    this.addSql(
      `create table "town" ("id" uuid not null, "name" text not null, "county" text not null, "prefecture" text not null, constraint "town_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "town" add constraint "town_prefecture_county_name_unique" unique ("prefecture", "county", "name");`,
    );

    this.addSql(
      `create table "item_count" ("town_id" uuid not null, "category_id" uuid not null, "kind" "item_kind" not null, "items" int not null, constraint "item_count_pkey" primary key ("town_id", "category_id", "kind"));`,
    );
    this.addSql(`create index "item_count_category_index" on "item_count" ("category_id", "kind") include ("items");`);

    this.addSql(
      `create table "item" ("id" uuid not null, "town_id" uuid not null, "kind" "item_kind" not null, "number" int not null, "name" text not null, "category_id" uuid not null, "town_responsibilities" text[] not null default '{}', "working_method" text null, "discontinued" boolean not null default false, "source_file" text not null, "source_line" int not null, "source_cells" text[] not null, "search_text" text not null default '', "search_bigrams" text[] not null default '{}', "town_key" text collate "C" not null default '', constraint "item_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "item_name_order_index" on "item" ("category_id", "kind", "name" collate "C", "id");`);
    this.addSql(`create index "item_number_order_index" on "item" ("category_id", "kind", "number", "id");`);
    this.addSql(
      `create index "item_category_order_index" on "item" ("category_id", "town_key", "kind", "number", "id");`,
    );
    this.addSql(`create index "item_town_order_index" on "item" ("town_id", "town_key", "kind", "number", "id");`);
    this.addSql(`create index "item_order_index" on "item" ("town_key", "kind", "number", "id");`);
    this.addSql(`create index "item_search_bigrams_index" on "item" using gin ("search_bigrams");`);
    this.addSql(
      `alter table "item" add constraint "item_town_id_kind_number_unique" unique ("town_id", "kind", "number");`,
    );

    this.addSql(
      `create table "link" ("id" uuid not null, "item_id" uuid not null, "department_id" uuid not null, "relation" "relation" not null, "position" smallint not null, "responsibilities" text[] not null default '{}', constraint "link_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "link_department_id_relation_index" on "link" ("department_id", "relation");`);
    this.addSql(
      `alter table "link" add constraint "link_item_id_department_id_unique" unique ("item_id", "department_id");`,
    );

    this.addSql(
      `create table "department_item_count" ("town_id" uuid not null, "category_id" uuid not null, "kind" "item_kind" not null, "department_id" uuid not null, "relation" "relation" not null, "items" int not null, constraint "department_item_count_pkey" primary key ("town_id", "category_id", "kind", "department_id", "relation"));`,
    );
    this.addSql(
      `create index "department_item_count_category_index" on "department_item_count" ("category_id", "kind", "relation", "department_id") include ("items");`,
    );

    this.addSql(
      `alter table "item_count" add constraint "item_count_town_id_foreign" foreign key ("town_id") references "town" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "item" add constraint "item_town_id_foreign" foreign key ("town_id") references "town" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "item" add constraint "item_category_id_foreign" foreign key ("category_id") references "category" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "link" add constraint "link_item_id_foreign" foreign key ("item_id") references "item" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "link" add constraint "link_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "department_item_count" add constraint "department_item_count_town_id_foreign" foreign key ("town_id") references "town" ("id") on update cascade on delete cascade;`,
    );

    // Storage parameters, which MikroORM 6 has no option for. No parallel scans of the search
    // counts: a count reads a few dozen of their rows, but after an import run the change table
    // holds the dead space of the changes folded, PostgreSQL estimates its rows from its pages
    // until autovacuum visits it, and chose parallel plans whose workers cost 6-8 ms against 0.2 ms
    // (docs/search.md). Room in the totals' pages for the folds' updates: on full pages a new row
    // version goes to another page and into the primary key again, on the same page it is a
    // heap-only update (93% of a fold's updates at fillfactor 70, 1.6% at 100; docs/importing.md).
    this.addSql(`alter table "search_bigram_total" set (parallel_workers = 0, fillfactor = 70);`);
    this.addSql(`alter table "search_bigram_change" set (parallel_workers = 0);`);

    // The dataset's one generation row, which every import that changes something bumps
    // (src/cache/dataset-generation.ts): rows are data, not schema.
    this.addSql(`insert into "dataset_generation" default values;`);
  }
}
