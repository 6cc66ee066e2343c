import { Migration } from '@mikro-orm/migrations';

/** Towns, categories, departments, items and their links. */
export class Migration20261128214027 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "item_kind" as enum ('BASIC', 'COOPERATIVE', 'RECLAIMED');`);
    this.addSql(`create type "relation" as enum ('SHARED', 'RECLAIMED');`);
    this.addSql(
      `create table "category" ("id" uuid not null, "name" text not null, constraint "category_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "category" add constraint "category_name_unique" unique ("name");`);

    this.addSql(
      `create table "department" ("id" uuid not null, "name" text not null, "aliases" text[] not null default '{}', constraint "department_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "department" add constraint "department_name_unique" unique ("name");`);
    // Lookups by alias use `aliases @> array[$1]`.
    this.addSql(`create index "department_aliases_index" on "department" using gin ("aliases");`);

    this.addSql(
      `create table "town" ("id" uuid not null, "name" text not null, "county" text not null, "prefecture" text not null, constraint "town_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "town" add constraint "town_prefecture_county_name_unique" unique ("prefecture", "county", "name");`,
    );

    this.addSql(
      `create table "item" ("id" uuid not null, "town_id" uuid not null, "kind" "item_kind" not null, "number" int not null, "name" text not null, "category_id" uuid not null, "town_responsibilities" text[] not null default '{}', "working_method" text null, "discontinued" boolean not null default false, "source_file" text not null, "source_line" int not null, "source_cells" text[] not null, constraint "item_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "item_category_id_index" on "item" ("category_id");`);
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
  }
}
