/**
 * `npm run bench`: throughput and latency of a fixed set of operations (bench/operations.ts) at
 * several scales, against the hub, PostGraphile V5 over the same database (its closest request
 * for each operation) and the floor (the same HTTP stack answering prepared bodies). One server
 * at a time runs on core 0, the load generator (autocannon, this process) on core 1.
 *
 *   npm run bench -- --scales 1,100,1000 --duration 10 --runs 3 --connections 8
 *
 * Uses DATABASE_URL's server (databases dutyhub_bench_<scale> are created and kept) or an
 * embedded PostgreSQL under .data/bench. Prints a Markdown table for docs/benchmarks.md row by
 * row, and writes bench/results/latest.json and the chart (bench/results/chart.svg, copied to
 * docs/benchmarks.svg).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { initORM } from '../src/db/orm';
import { createServer } from '../src/server';
import { benchPostgres, prepareDatabase } from './bench-database';
import { chartSvg } from './chart';
import { type Operation, operations, post, type Request, requestBody } from './operations';
import { cpuMeter, postmasterOf } from './process-cpu';
import type { Measure, OperationResult, RunSettings } from './results';
import { POSTGRAPHILE_POLYFILL, startProcess, stopProcess, waitFor } from './server-process';

const root = path.join(__dirname, '..');
const logger = pino({ level: 'info' }, pino.destination(2));
const HUB_PORT = 4601;
const FLOOR_PORT = 4602;
const POSTGRAPHILE_PORT = 4603;
/** PostGraphile V5 needs `Promise.withResolvers` (Node 22): polyfilled, so it runs on our Node 20. */

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scales: { type: 'string', default: '1,100' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      runs: { type: 'string', default: '3' },
      connections: { type: 'string', default: '8' },
      only: { type: 'string' },
      /** Generate and import the databases of the scales, then stop (a 10,000-town import is long). */
      'prepare-only': { type: 'boolean', default: false },
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
  if (!values['prepare-only']) process.stdout.write(TABLE_HEADER);
  try {
    for (const scale of values.scales.split(',').map(Number)) {
      const url = await prepareDatabase(server.url, scale, logger);
      if (values['prepare-only']) continue;
      const chosen = operations(scale).filter((op) => !values.only || values.only.split(',').includes(op.name));
      results.push(...(await measureScale(url, scale, chosen, settings)));
      if (!values['prepare-only']) await writeResults(results, settings);
    }
  } finally {
    await server.stop();
  }
}

/**
 * bench/results/latest.json and the chart (bench/results/chart.svg, copied to docs/benchmarks.svg),
 * rewritten after each scale so a long run keeps what it measured.
 */
async function writeResults(results: OperationResult[], settings: RunSettings): Promise<void> {
  const dir = path.join(root, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const date = new Date().toISOString();
  const machine = {
    cpus: cpus().length,
    node: process.version,
    ...settings,
  };
  await writeFile(path.join(dir, 'latest.json'), `${JSON.stringify({ date, machine, results }, null, 2)}\n`);
  const caption =
    `${date.slice(0, 10)}, ${machine.cpus} cores: median of ${settings.runs} run(s) of ${settings.duration} s, ` +
    `${settings.connections} connections; Node ${machine.node} (PostGraphile with a Promise.withResolvers polyfill)`;
  await writeFile(path.join(dir, 'chart.svg'), chartSvg(results, caption));
  await copyFile(path.join(dir, 'chart.svg'), path.join(root, 'docs', 'benchmarks.svg'));
}

/**
 * SQL statements each operation costs, counted on an in-process hub over the same database: with
 * the response cache off, or, for an operation served from it, on, after one request filled it.
 */
async function countStatements(url: string, chosen: Operation[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const [cached, group] of byResponseCache(chosen)) {
    if (group.length === 0) continue;
    const orm = await initORM({ url });
    // The benchmarked server's configuration, from the same environment (hubServer).
    const config = loadConfig(hubServer(url, cached ? 'memory' : 'off').env);
    const hub = await createServer({ ...config, port: 0 }, orm, pino({ level: 'silent' }));
    const endpoint = await hub.listen(0);
    const knex = orm.em.getKnex();
    try {
      for (const operation of group) {
        if (cached) await post(endpoint, operation);
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
  }
  return counts;
}

/** The operations measured with the hub's response cache off, then those served from it. */
function byResponseCache(chosen: Operation[]): [cached: boolean, group: Operation[]][] {
  return [false, true].map((cached) => [
    cached,
    chosen.filter((operation) => Boolean(operation.responseCache) === cached),
  ]);
}

/** The hub's server on core 0: its response cache off (every request executed) or in memory. */
function hubServer(url: string, responseCache: 'off' | 'memory'): Server {
  return {
    label: responseCache === 'off' ? 'the hub' : 'the hub with its response cache',
    command: [process.execPath, 'dist/src/main.js'],
    env: {
      DATABASE_URL: url,
      PORT: String(HUB_PORT),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      RESPONSE_CACHE: responseCache,
    },
    port: HUB_PORT,
    ready: { url: `http://127.0.0.1:${HUB_PORT}/healthz` },
  };
}

/**
 * One scale: the hub, then PostGraphile, then the floor (serving the hub's responses), each alone
 * on core 0 for every operation, on this process's Node. Each server's responses are checked once
 * before measuring.
 */
async function measureScale(
  url: string,
  scale: number,
  chosen: Operation[],
  settings: RunSettings,
): Promise<OperationResult[]> {
  const statements = await countStatements(url, chosen);
  const postmaster = await postmasterOf(url);
  /** The hub's response to each operation, by the request's body: what the floor answers it. */
  const bodies: Record<string, string> = {};
  const rows = new Map<string, number>();
  // Uncached: each request is executed, as PostGraphile's are (a cached answer costs no SQL);
  // an operation marked `responseCache` is measured apart, on a hub with its cache on.
  const hub = new Map<string, Measure>();
  for (const [cached, group] of byResponseCache(chosen)) {
    const measured = await measureServer(
      hubServer(url, cached ? 'memory' : 'off'),
      group.map((operation) => ({
        operation,
        request: operation,
        check: (body: string) => {
          rows.set(operation.name, checkedRows(body, operation, `${operation.name} (hub)`));
          bodies[requestBody(operation)] = body;
        },
      })),
      { scale, settings, postmaster },
    );
    for (const [name, measure] of measured) hub.set(name, measure);
  }

  const comparable = chosen.filter((operation) => operation.postgraphile);
  const postgraphile = await measureServer(
    {
      label: 'PostGraphile',
      command: [process.execPath, '-r', POSTGRAPHILE_POLYFILL, 'bench/postgraphile/server.mjs'],
      env: { DATABASE_URL: url, PORT: String(POSTGRAPHILE_PORT), NODE_ENV: 'production', GRAPHILE_ENV: 'production' },
      port: POSTGRAPHILE_PORT,
      ready: { url: `http://127.0.0.1:${POSTGRAPHILE_PORT}/graphql`, method: 'POST' },
    },
    comparable.map((operation) => {
      const request = operation.postgraphile as Request;
      return {
        operation,
        request,
        check: (body: string) => {
          const found = checkedRows(body, request, `${operation.name} (PostGraphile)`);
          if (found !== rows.get(operation.name)) {
            throw new Error(`${operation.name}: PostGraphile found ${found} rows, the hub ${rows.get(operation.name)}`);
          }
        },
      };
    }),
    { scale, settings, postmaster },
  );

  const bodiesFile = path.join(root, '.data', 'bench', 'floor-bodies.json');
  await mkdir(path.dirname(bodiesFile), { recursive: true });
  await writeFile(bodiesFile, JSON.stringify(bodies));
  const results: OperationResult[] = [];
  await measureServer(
    {
      label: 'the floor',
      command: [process.execPath, '-r', 'ts-node/register/transpile-only', 'bench/floor-server.ts'],
      env: { PORT: String(FLOOR_PORT), FLOOR_BODIES: bodiesFile, TS_NODE_SWC: 'true' },
      port: FLOOR_PORT,
      ready: { url: `http://127.0.0.1:${FLOOR_PORT}/graphql`, method: 'POST' },
    },
    chosen.map((operation) => ({
      operation,
      request: operation,
      // The floor answers the hub's body, or 400 to a request it does not know: that is a bug here.
      check: (body: string) => {
        if (body !== bodies[requestBody(operation)]) throw new Error(`the floor did not answer ${operation.name}`);
      },
    })),
    { scale, settings, postmaster },
    (operation, floor) => {
      const ours = hub.get(operation.name) as Measure;
      const theirs = postgraphile.get(operation.name) ?? null;
      const result: OperationResult = {
        operation: operation.name,
        description: operation.description,
        scale,
        sqlStatements: statements.get(operation.name) ?? 0,
        responseBytes: Buffer.byteLength(bodies[requestBody(operation)]),
        hub: ours,
        postgraphile: theirs,
        versus: operation.versus,
        floor,
        ratios: {
          hubToPostgraphile: theirs ? ours.requestsPerSecond / theirs.requestsPerSecond : null,
          hubToFloor: ours.requestsPerSecond / floor.requestsPerSecond,
        },
      };
      results.push(result);
      process.stdout.write(tableRow(result));
    },
  );
  return results;
}

interface Server {
  label: string;
  command: string[];
  env: Record<string, string>;
  port: number;
  /** Answers once the server is up. */
  ready: { url: string; method?: string };
}

interface Measured {
  operation: Operation;
  request: Request;
  /** Throws when the server's answer is wrong, before any load. */
  check(body: string): void;
}

/** Starts a server on core 0, checks its answers, loads it with each request in turn, stops it. */
async function measureServer(
  server: Server,
  measured: Measured[],
  at: { scale: number; settings: RunSettings; postmaster: number | null },
  onMeasure?: (operation: Operation, measure: Measure) => void,
): Promise<Map<string, Measure>> {
  const measures = new Map<string, Measure>();
  if (measured.length === 0) return measures;
  const child = startProcess(server.command, server.env);
  try {
    await waitFor(server.ready.url, server.ready.method);
    const endpoint = `http://127.0.0.1:${server.port}/graphql`;
    for (const { request, check } of measured) check(await post(endpoint, request));
    for (const { operation, request } of measured) {
      logger.info({ scale: at.scale, operation: operation.name }, `measuring ${server.label}`);
      const measure = await load(endpoint, request, at.settings, () => cpuMeter(child.pid as number, at.postmaster));
      measures.set(operation.name, measure);
      onMeasure?.(operation, measure);
    }
  } finally {
    await stopProcess(child);
  }
  return measures;
}

/** The rows of a response, after checking it has data, no errors, and found something. */
function checkedRows(body: string, request: Request, label: string): number {
  const { data, errors } = JSON.parse(body);
  if (errors?.length || !data) throw new Error(`${label} failed: ${body.slice(0, 300)}`);
  const found = request.rows(data);
  if (!found) throw new Error(`${label} found nothing: ${body.slice(0, 300)}`);
  return found;
}

/**
 * Warm-up, then `runs` fixed-duration runs; the median run by requests per second, with the CPU
 * its server, PostgreSQL and the load generator spent per request in that run.
 */
async function load(
  url: string,
  request: Request,
  settings: RunSettings,
  meter: () => ReturnType<typeof cpuMeter>,
): Promise<Measure> {
  const options = {
    url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: requestBody(request),
    connections: settings.connections,
  };
  await autocannon({ ...options, duration: settings.warmup });
  const runs: Measure[] = [];
  for (let run = 0; run < settings.runs; run++) {
    const cpu = meter();
    const result = await autocannon({ ...options, duration: settings.duration });
    runs.push({
      cpu: cpu.perRequest(result.requests.total),
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
    });
  }
  runs.sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return runs[Math.floor(runs.length / 2)];
}

const TABLE_HEADER = [
  '| towns | operation | SQL / request | hub req/s | hub p50 ms | hub p99 ms | PostGraphile req/s | PostGraphile p99 ms | floor req/s | hub / PostGraphile | hub / floor | hub CPU ms/req (server + PostgreSQL) | PostGraphile CPU ms/req (server + PostgreSQL) |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  '',
].join('\n');

function tableRow(r: OperationResult): string {
  const theirs = r.postgraphile;
  const cells = [
    r.scale,
    r.operation,
    r.sqlStatements,
    r.hub.requestsPerSecond.toFixed(0),
    r.hub.p50,
    r.hub.p99,
    theirs ? theirs.requestsPerSecond.toFixed(0) : 'n/a',
    theirs ? theirs.p99 : 'n/a',
    r.floor.requestsPerSecond.toFixed(0),
    r.ratios.hubToPostgraphile === null ? 'n/a' : `${r.ratios.hubToPostgraphile.toFixed(2)}×`,
    `${(100 * r.ratios.hubToFloor).toFixed(1)}%`,
    cpuCell(r.hub),
    theirs ? cpuCell(theirs) : 'n/a',
  ];
  return `| ${cells.join(' | ')} |\n`;
}

/** CPU per request of a server and of PostgreSQL, as `0.31 + 0.12`. */
function cpuCell({ cpu }: Measure): string {
  return `${cpu.server.toFixed(2)} + ${cpu.database === null ? '?' : cpu.database.toFixed(2)}`;
}

main().catch((error) => {
  logger.fatal({ err: error }, 'benchmark failed');
  process.exit(1);
});
