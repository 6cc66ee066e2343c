import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { entities } from './entities';
import { migrationsList } from './migrations';

/**
 * The one MikroORM configuration. The CLI (`npx mikro-orm migration:create`) reads it too, with
 * DATABASE_URL pointing at a scratch database.
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
