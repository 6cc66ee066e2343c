/**
 * The benchmarks' PostgreSQL and databases: DATABASE_URL's server, or an embedded one under
 * .data/bench; a database dutyhub_bench_<scale> per scale, created once and kept between runs.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { type RunningDatabase, startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { initORM, migrate } from '../src/db/orm';
import { generateTowns } from '../src/ingest/generate';
import { emptyDataset } from '../src/ingest/import';
import { documentsIn, importFiles } from '../src/ingest/import-files';

const root = path.join(__dirname, '..');

/** DATABASE_URL's server, else the embedded one under .data/bench (started, or joined if running on `port`). */
export async function benchPostgres(logger: Logger, port = 54500): Promise<RunningDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  return startEmbeddedPostgres({ dataDir: path.join(root, '.data', 'bench'), port, persistent: true, logger });
}

/** dutyhub_bench_<scale>, migrated and holding `scale` towns (the seed for 1, generated ones else). */
export async function prepareDatabase(serverUrl: string, scale: number, logger: Logger): Promise<string> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const url = new URL(serverUrl);
  url.pathname = `/dutyhub_bench_${scale}`;
  const { Client } = await import('pg');
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = (await client.query('select 1 from pg_database where datname = $1', [`dutyhub_bench_${scale}`]))
    .rowCount;
  if (!exists) await client.query(`create database "dutyhub_bench_${scale}"`);
  await client.end();

  const orm = await initORM({ url: url.toString() });
  try {
    const applied = await migrate(orm, logger);
    const knex = orm.em.getKnex();
    const { rows } = await knex.raw('select count(*)::int as towns from town');
    if (rows[0].towns === scale) {
      // A migration may have filled a table (the counts kept ahead): plans need its statistics.
      if (applied.length > 0) await knex.raw('vacuum analyze');
      return url.toString();
    }
    logger.info({ scale }, 'preparing the database');
    await emptyDataset(knex);
    let files = await documentsIn(path.join(root, 'seeds'));
    if (scale > 1) {
      const dir = path.join(root, '.data', 'bench', `towns-${scale}`);
      await mkdir(dir, { recursive: true });
      const seedText = await readFile(files[0], 'utf8');
      files = [];
      for (const document of generateTowns(seedText, { towns: scale })) {
        const file = path.join(dir, document.fileName);
        if (!existsSync(file)) await writeFile(file, document.text);
        files.push(file);
      }
    }
    await importFiles(knex, files, { logger, concurrency: 3 });
    await knex.raw('vacuum analyze');
    return url.toString();
  } finally {
    await orm.close(true);
  }
}

/**
 * A migrated, empty database for a one-off measurement: DATABASE_URL's, emptied (its public schema
 * dropped), or a throw-away embedded PostgreSQL in a temporary folder. `close` stops what it started.
 */
export async function scratchDatabase(logger: Logger): Promise<{ orm: MikroORM; close(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dutyhub-bench-'));
  const database: RunningDatabase = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, stop: async () => {} }
    : await startEmbeddedPostgres({ dataDir, port: 54400 + (process.pid % 500), persistent: false, logger });
  const close = async (orm?: MikroORM) => {
    await orm?.close(true);
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  let orm: MikroORM | undefined;
  try {
    orm = await initORM({ url: database.url });
    await orm.em.getKnex().raw('drop schema public cascade; create schema public');
    await migrate(orm);
    const opened = orm;
    return { orm: opened, close: () => close(opened) };
  } catch (error) {
    await close(orm);
    throw error;
  }
}
