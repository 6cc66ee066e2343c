/**
 * Server processes of the benchmarks (the hub, PostGraphile, the floor), pinned to core 0 so the load generator,
 * pinned to core 1 by the npm scripts, does not take the server's CPU.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..');

/** PostGraphile V5 declares Node 22 for `Promise.withResolvers`: this polyfill runs it on Node 20 (`-r`). */
const POSTGRAPHILE_POLYFILL = path.join(root, 'bench', 'postgraphile', 'promise-with-resolvers.cjs');

/** A server the benchmarks start with this process's Node. */
export interface Server {
  /** Node's arguments after its own options: the script, and the modules it preloads. */
  args: string[];
  env: Record<string, string>;
  port: number;
  /** Answers once the server is up. */
  ready: { url: string; method?: string };
}

/** The hub's built server over `url`, its response cache off (every request executed) or in memory. */
export function hubServer(url: string, responseCache: string, port: number): Server {
  return {
    args: ['dist/src/main.js'],
    env: {
      DATABASE_URL: url,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      RESPONSE_CACHE: responseCache,
      // Two hubs may run side by side; the soak asks for a metrics port of its own.
      METRICS_PORT: '0',
    },
    port,
    ready: { url: `http://127.0.0.1:${port}/healthz` },
  };
}

/** PostGraphile over `url`, production-like (bench/postgraphile/server.mjs). */
export function postgraphileServer(url: string, port: number): Server {
  return {
    args: ['-r', POSTGRAPHILE_POLYFILL, 'bench/postgraphile/server.mjs'],
    env: { DATABASE_URL: url, PORT: String(port), NODE_ENV: 'production', GRAPHILE_ENV: 'production' },
    port,
    ready: { url: `http://127.0.0.1:${port}/graphql`, method: 'POST' },
  };
}

/**
 * Starts `server` on core 0 (the load runs on core 1), with Node's options `nodeOptions` (a
 * profiler, say) and more environment.
 */
export function startServer(
  server: Server,
  nodeOptions: string[] = [],
  env: Record<string, string> = {},
): ChildProcess {
  return spawn('taskset', ['-c', '0', process.execPath, ...nodeOptions, ...server.args], {
    cwd: root,
    env: { ...process.env, ...server.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const exit = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exit;
}

export async function waitFor(url: string, method = 'GET'): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      await fetch(url, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} did not answer`);
}
