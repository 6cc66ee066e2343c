import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { initORM } from '../../src/db/orm';
import { useForBlock } from './lifecycle';
import { copyDatabase, databaseUrl, onServer, readTemplates } from './postgres-server';

export interface TestDatabase {
  url: string;
  orm: MikroORM;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** A database of this test file's own: migrated, and holding the seed unless `empty`. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const templates = readTemplates();
  const name = `dutyhub_test_${randomBytes(6).toString('hex')}`;
  await copyDatabase(templates.serverUrl, options.empty ? templates.migrated : templates.seeded, name);
  const url = databaseUrl(templates.serverUrl, name);
  const orm = await initORM({ url });
  return {
    url,
    orm,
    drop: async () => {
      await orm.close(true);
      await onServer(templates.serverUrl, [`drop database if exists "${name}"`]);
    },
  };
}

/** A database (createTestDatabase) for the calling describe block or file: made before its tests, dropped after them. */
export function useDatabase(options: { empty?: boolean } = {}): TestDatabase {
  return useForBlock(
    'the test database',
    () => createTestDatabase(options),
    (database) => database.drop(),
  );
}
