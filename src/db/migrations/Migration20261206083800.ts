import { Migration } from '@mikro-orm/migrations';

/**
 * Versions of a town's lists (src/modules/version/): a row per version, the states of items and
 * links that later versions changed or removed, and the version each current item's state began.
 * Written by MikroORM's diff of the entities against a database the baseline made. Items already
 * held are version 1's (`valid_from` 1); their town gets its version row on its next import.
 */
export class Migration20261206083800 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "link_history" ("id" uuid not null, "valid_from" int not null, "valid_to" int not null, "item_id" uuid not null, "town_id" uuid not null, "department_id" uuid not null, "relation" "relation" not null, "position" smallint not null, "responsibilities" text[] not null default '{}', constraint "link_history_pkey" primary key ("id", "valid_from"));`,
    );
    this.addSql(`create index "link_history_item_index" on "link_history" ("item_id", "valid_from");`);
    this.addSql(`create index "link_history_town_index" on "link_history" ("town_id", "valid_from", "valid_to");`);

    this.addSql(
      `create table "item_history" ("id" uuid not null, "valid_from" int not null, "valid_to" int not null, "town_id" uuid not null, "kind" "item_kind" not null, "number" int not null, "name" text not null, "category_id" uuid not null, "town_responsibilities" text[] not null default '{}', "working_method" text null, "discontinued" boolean not null default false, "source_file" text not null, "source_line" int not null, "source_cells" text[] not null, "search_text" text not null default '', "search_bigrams" text[] not null default '{}', "town_key" text collate "C" not null default '', constraint "item_history_pkey" primary key ("id", "valid_from"));`,
    );
    this.addSql(`create index "item_history_town_index" on "item_history" ("town_id", "valid_from", "valid_to");`);

    this.addSql(
      `create table "town_version" ("id" uuid not null, "town_id" uuid not null, "number" int not null, "imported_at" timestamptz not null default now(), "effective_date" date null, "sources" jsonb not null default '[]', "digest" text not null, "basic" int not null, "cooperative" int not null, "reclaimed" int not null, "links" int not null, "added" int not null, "removed" int not null, "changed" int not null, constraint "town_version_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "town_version" add constraint "town_version_town_id_number_unique" unique ("town_id", "number");`,
    );

    this.addSql(
      `alter table "link_history" add constraint "link_history_town_id_foreign" foreign key ("town_id") references "town" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "link_history" add constraint "link_history_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "item_history" add constraint "item_history_town_id_foreign" foreign key ("town_id") references "town" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "item_history" add constraint "item_history_category_id_foreign" foreign key ("category_id") references "category" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "town_version" add constraint "town_version_town_id_foreign" foreign key ("town_id") references "town" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "item" add column "valid_from" int not null default 1;`);
  }
}
