/**
 * The entities are the schema's truth: a database the migrations made is what MikroORM's metadata
 * declares, so `npx mikro-orm migration:create` writes only the next change. MikroORM's diff cannot
 * see everything (it compares an index declared by `expression` by name only, and no column's
 * collation), so the catalog of the migrated database is also held against one created from the
 * entities alone.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import { initORM, migrate } from '../../src/db/orm';
import { useForBlock } from '../support/lifecycle';
import { databaseUrl, onServer, readTemplates } from '../support/postgres-server';

/** An empty database of this file's own, built by `build`. */
function useFreshDatabase(what: string, build: (orm: MikroORM) => Promise<unknown>): { orm: MikroORM } {
  return useForBlock(
    what,
    async () => {
      const { serverUrl } = readTemplates();
      const name = `dutyhub_test_${randomBytes(6).toString('hex')}`;
      await onServer(serverUrl, [`create database "${name}"`]);
      const orm = await initORM({ url: databaseUrl(serverUrl, name) });
      await build(orm);
      return {
        orm,
        drop: async () => {
          await orm.close(true);
          await onServer(serverUrl, [`drop database if exists "${name}"`]);
        },
      };
    },
    (database) => database.drop(),
  );
}

const migrated = useFreshDatabase('the migrated database', (orm) => migrate(orm));
const fromEntities = useFreshDatabase('the database created from the entities', (orm) =>
  orm.getSchemaGenerator().createSchema(),
);

/** What the catalog says of the tables, indexes and constraints, leaving out the migrations' own table. */
async function catalog(orm: MikroORM): Promise<Record<string, string[]>> {
  const knex = orm.em.getKnex();
  const lines = async (statement: string) =>
    ((await knex.raw(statement)).rows as { line: string }[]).map((row) => row.line);
  return {
    columns: await lines(`
      select c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
        || coalesce(' collate ' || nullif(co.collname, 'default'), '')
        || case when a.attnotnull then ' not null' else '' end
        || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') as line
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid and c.relkind = 'r'
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      left join pg_collation co on co.oid = a.attcollation
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attnum > 0 and not a.attisdropped and c.relname <> 'mikro_orm_migrations'
      order by 1`),
    indexes: await lines(`
      select indexdef as line from pg_indexes
      where schemaname = 'public' and tablename <> 'mikro_orm_migrations' order by indexname`),
    constraints: await lines(`
      select c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) as line
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where c.relname <> 'mikro_orm_migrations'
      order by 1`),
    types: await lines(`
      select t.typname || ' ' || string_agg(e.enumlabel, ' ' order by e.enumsortorder) as line
      from pg_type t join pg_enum e on e.enumtypid = t.oid
      join pg_namespace n on n.oid = t.typnamespace and n.nspname = 'public'
      group by t.typname order by 1`),
  };
}

describe('the migrated schema', () => {
  it('is what the entities declare: MikroORM finds nothing to change', async () => {
    expect(await migrated.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).toBe('');
  });

  it("has the entities' columns, collations, indexes, constraints and enum types", async () => {
    const [made, declared] = [await catalog(migrated.orm), await catalog(fromEntities.orm)];
    expect(made.indexes.join('\n')).toContain('USING gin (search_bigrams)');
    expect(made).toEqual(declared);
  });

  it("has what entities cannot declare: the search totals' storage parameters and the generation row", async () => {
    const knex = migrated.orm.em.getKnex();
    const { rows } = await knex.raw(`
      select relname, reloptions from pg_class
      where relname in ('search_bigram_total', 'search_bigram_change') order by relname`);
    expect(rows).toEqual([
      { relname: 'search_bigram_change', reloptions: ['parallel_workers=0'] },
      { relname: 'search_bigram_total', reloptions: ['parallel_workers=0', 'fillfactor=70'] },
    ]);
    const generations = await knex('dataset_generation').select('id', 'generation');
    expect(generations).toEqual([{ id: 1, generation: '0' }]);
  });
});

describe('a database made by the migrations the baseline replaced', () => {
  const old = useFreshDatabase('a database with the tables of before', (orm) =>
    orm.em.getKnex().raw('create table item (id uuid primary key)'),
  );

  it('is refused with the advice to recreate it, and left as it was', async () => {
    await expect(migrate(old.orm)).rejects.toThrow(/replaced: recreate it \(docs\/operations\.md, Migrations\)/u);
    const { rows } = await old.orm.em.getKnex().raw(`select to_regtype('item_kind') as kind`);
    expect(rows).toEqual([{ kind: null }]);
  });
});
