import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { entities } from './entities';
import { migrationsList } from './migrations';

/**
 * The one MikroORM configuration. The CLI reads it too: `npx mikro-orm migration:create`, with
 * DATABASE_URL pointing at a scratch database that `npm run cli -- migrate` brought up to date,
 * writes the difference between the entities and that database (no snapshot file: the database is
 * the reference). The entities declare the whole schema (tests/db/schema-diff.test.ts keeps a
 * migrated database's difference empty), so the new migration holds just the change the entities
 * made; add it to `migrationsList`. Steps and what no entity can declare: docs/operations.md,
 * Migrations.
 */
export function ormConfig(overrides: Options = {}): Options {
  return defineConfig({
    clientUrl: process.env.DATABASE_URL,
    entities,
    extensions: [Migrator],
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    migrations: {
      migrationsList,
      path: 'src/db/migrations',
      pathTs: 'src/db/migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
    // Schema comes from migrations only, never from the entities at boot.
    ensureDatabase: false,
    allowGlobalContext: false,
    ...overrides,
  });
}

export default ormConfig();
