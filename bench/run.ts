/**
 * `npm run bench`: throughput and latency of a fixed set of operations (bench/operations.ts) at
 * several scales, against the hub and against the floor (the same HTTP stack answering prepared
 * bodies). Servers run on core 0, the load generator (autocannon, this process) on core 1.
 *
 *   npm run bench -- --scales 1,100,1000 --duration 10 --runs 3 --connections 8
 *
 * Uses DATABASE_URL's server (databases dutyhub_bench_<scale> are created and kept) or an
 * embedded PostgreSQL under .data/bench-postgres. Writes bench/results/latest.json and prints a
 * Markdown table for docs/benchmarks.md.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pino from 'pino';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { initORM, migrate } from '../src/db/orm';
import { generateTowns } from '../src/ingest/generate';
import { documentsIn, importFiles } from '../src/ingest/import-files';
import { createServer } from '../src/server';
import { type Operation, operations } from './operations';

const root = path.join(__dirname, '..');
const logger = pino({ level: 'info' }, pino.destination(2));
const HUB_PORT = 4601;
const FLOOR_PORT = 4602;

interface Measure {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

interface OperationResult {
  operation: string;
  description: string;
  scale: number;
  sqlStatements: number;
  responseBytes: number;
  hub: Measure;
  floor: Measure;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scales: { type: 'string', default: '1,100' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      runs: { type: 'string', default: '3' },
      connections: { type: 'string', default: '8' },
      only: { type: 'string' },
    },
  });
  const settings = {
    duration: Number(values.duration),
    warmup: Number(values.warmup),
    runs: Number(values.runs),
    connections: Number(values.connections),
  };
  if (!existsSync(path.join(root, 'dist', 'src', 'main.js'))) throw new Error('run npm run build:server first');
  const server = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, stop: async () => {} }
    : await startEmbeddedPostgres({
        dataDir: path.join(root, '.data', 'bench'),
        port: 54500,
        persistent: true,
        logger,
      });
  const results: OperationResult[] = [];
  try {
    for (const scale of values.scales.split(',').map(Number)) {
      const url = await prepareDatabase(server.url, scale);
      const chosen = operations(scale).filter((op) => !values.only || values.only.split(',').includes(op.name));
      results.push(...(await measureScale(url, scale, chosen, settings)));
      await writeResults(results, settings);
    }
  } finally {
    await server.stop();
  }
  process.stdout.write(markdown(results));
}

/** bench/results/latest.json, rewritten after each scale so a long run keeps what it measured. */
async function writeResults(results: OperationResult[], settings: Record<string, number>): Promise<void> {
  await mkdir(path.join(root, 'bench', 'results'), { recursive: true });
  const machine = { cpus: execFileSync('nproc').toString().trim(), node: process.version, ...settings };
  await writeFile(
    path.join(root, 'bench', 'results', 'latest.json'),
    `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`,
  );
}

/** dutyhub_bench_<scale>, migrated and holding `scale` towns (the seed for 1, generated ones else). */
async function prepareDatabase(serverUrl: string, scale: number): Promise<string> {
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
    await migrate(orm, logger);
    const knex = orm.em.getKnex();
    const { rows } = await knex.raw('select count(*)::int as towns from town');
    if (rows[0].towns === scale) return url.toString();
    logger.info({ scale }, 'preparing the database');
    await knex.raw('truncate town, item, link, department, category cascade');
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

/** SQL statements each operation costs, counted on an in-process hub over the same database. */
async function countStatements(url: string, chosen: Operation[]): Promise<Map<string, number>> {
  const orm = await initORM({ url });
  const hub = await createServer({ port: 0, production: true, introspection: false }, orm, pino({ level: 'silent' }));
  const endpoint = await hub.listen(0);
  const counts = new Map<string, number>();
  const knex = orm.em.getKnex();
  try {
    for (const operation of chosen) {
      let statements = 0;
      const listener = () => statements++;
      knex.on('query', listener);
      await post(endpoint, operation);
      knex.removeListener('query', listener);
      counts.set(operation.name, statements);
    }
  } finally {
    await hub.stop();
    await orm.close(true);
  }
  return counts;
}

async function measureScale(
  url: string,
  scale: number,
  chosen: Operation[],
  settings: { duration: number; warmup: number; runs: number; connections: number },
): Promise<OperationResult[]> {
  const statements = await countStatements(url, chosen);
  const hub = await startProcess(['node', 'dist/src/main.js'], {
    DATABASE_URL: url,
    PORT: String(HUB_PORT),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  });
  const bodies: Record<string, string> = {};
  const results: OperationResult[] = [];
  try {
    await waitFor(`http://127.0.0.1:${HUB_PORT}/healthz`);
    for (const operation of chosen) {
      const body = await post(`http://127.0.0.1:${HUB_PORT}/graphql`, operation);
      if (body.includes('"errors"')) throw new Error(`${operation.name} failed: ${body.slice(0, 300)}`);
      bodies[operation.name] = body;
    }
    const measured = new Map<string, Measure>();
    for (const operation of chosen) {
      logger.info({ scale, operation: operation.name }, 'measuring the hub');
      measured.set(operation.name, await load(`http://127.0.0.1:${HUB_PORT}/graphql`, operation, settings));
    }
    await stopProcess(hub);

    const bodiesFile = path.join(root, '.data', 'bench', 'floor-bodies.json');
    await mkdir(path.dirname(bodiesFile), { recursive: true });
    await writeFile(bodiesFile, JSON.stringify(bodies));
    const floor = await startProcess(['node', '-r', 'ts-node/register/transpile-only', 'bench/floor-server.ts'], {
      PORT: String(FLOOR_PORT),
      FLOOR_BODIES: bodiesFile,
      TS_NODE_SWC: 'true',
    });
    try {
      await waitFor(`http://127.0.0.1:${FLOOR_PORT}/graphql`, 'POST');
      for (const operation of chosen) {
        logger.info({ scale, operation: operation.name }, 'measuring the floor');
        results.push({
          operation: operation.name,
          description: operation.description,
          scale,
          sqlStatements: statements.get(operation.name) ?? 0,
          responseBytes: Buffer.byteLength(bodies[operation.name]),
          hub: measured.get(operation.name) as Measure,
          floor: await load(`http://127.0.0.1:${FLOOR_PORT}/graphql`, operation, settings),
        });
      }
    } finally {
      await stopProcess(floor);
    }
  } finally {
    await stopProcess(hub);
  }
  return results;
}

function requestBody(operation: Operation): string {
  const operationName = /query (\w+)/u.exec(operation.query)?.[1];
  return JSON.stringify({ query: operation.query, variables: operation.variables, operationName });
}

async function post(url: string, operation: Operation): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: requestBody(operation),
  });
  return response.text();
}

/** Warm-up, then `runs` fixed-duration runs; the median run by requests per second. */
async function load(
  url: string,
  operation: Operation,
  settings: { duration: number; warmup: number; runs: number; connections: number },
): Promise<Measure> {
  const options = {
    url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: requestBody(operation),
    connections: settings.connections,
  };
  await autocannon({ ...options, duration: settings.warmup });
  const runs: Measure[] = [];
  for (let run = 0; run < settings.runs; run++) {
    const result = await autocannon({ ...options, duration: settings.duration });
    runs.push({
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
    });
  }
  runs.sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return runs[Math.floor(runs.length / 2)];
}

/** A server process on core 0 (the load runs on core 1). */
function startProcess(command: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn('taskset', ['-c', '0', ...command], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return Promise.resolve(child);
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function stopProcess(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const exit = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exit;
}

async function waitFor(url: string, method = 'GET'): Promise<void> {
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

function markdown(results: OperationResult[]): string {
  const lines = [
    '| scale (towns) | operation | SQL / request | hub req/s | hub p50 ms | hub p99 ms | floor req/s | hub / floor |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.scale} | ${r.operation} | ${r.sqlStatements} | ${r.hub.requestsPerSecond.toFixed(0)} | ${r.hub.p50} | ${r.hub.p99} | ${r.floor.requestsPerSecond.toFixed(0)} | ${((100 * r.hub.requestsPerSecond) / r.floor.requestsPerSecond).toFixed(1)}% |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

main().catch((error) => {
  logger.fatal({ err: error }, 'benchmark failed');
  process.exit(1);
});
