/**
 * Run by global setup in a process of its own (MikroORM's metadata must not be shared between
 * jest's setup realm and the test realms): migrates one template database and seeds a copy of it.
 */
import path from 'node:path';
import { initORM, migrate } from '../../src/db/orm';
import { documentsIn, importFiles } from '../../src/ingest/import-files';
import { copyDatabase, databaseUrl, onServer, readTemplates } from './postgres-server';

async function prepare(): Promise<void> {
  const templates = readTemplates();
  await onServer(templates.serverUrl, [`create database "${templates.migrated}"`]);
  const migrated = await initORM({ url: databaseUrl(templates.serverUrl, templates.migrated) });
  await migrate(migrated);
  await migrated.close(true);

  await copyDatabase(templates.serverUrl, templates.migrated, templates.seeded);
  const seeded = await initORM({ url: databaseUrl(templates.serverUrl, templates.seeded) });
  await importFiles(seeded.em.getKnex(), await documentsIn(path.join(__dirname, '..', '..', 'seeds')));
  await seeded.close(true);
}

prepare().catch((error) => {
  console.error(error);
  process.exit(1);
});
