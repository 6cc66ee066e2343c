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
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pino from 'pino';
import { initORM } from '../src/db/orm';
import { createServer } from '../src/server';
import { benchPostgres, prepareDatabase } from './bench-database';
import { type Operation, operations, post, requestBody } from './operations';
import { startProcess, stopProcess, waitFor } from './server-process';

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
  const server = await benchPostgres(logger);
  const results: OperationResult[] = [];
  try {
    for (const scale of values.scales.split(',').map(Number)) {
      const url = await prepareDatabase(server.url, scale, logger);
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
