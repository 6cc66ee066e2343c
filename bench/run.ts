/**
 * `npm run bench`: throughput and latency of a fixed set of operations (bench/operations.ts) at
 * several scales, against the hub, PostGraphile V5 over the same database (its closest request
 * for each operation) and the floor (the same HTTP stack answering prepared bodies). The servers
 * run on core 0, loaded one at a time and in turn, the load generator (autocannon, this process)
 * on core 1.
 *
 *   npm run bench -- --scales 1,100,1000 --duration 10 --runs 3 --connections 8
 *
 * Uses DATABASE_URL's server (databases dutyhub_bench_<scale> are created and kept) or an
 * embedded PostgreSQL under .data/bench. Prints a Markdown table for docs/benchmarks.md row by
 * row, and writes bench/results/latest.json and the chart, bench/results/chart.svg.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { initORM } from '../src/db/orm';
import { createServer } from '../src/http/server';
import { benchPostgres, prepareDatabase } from './bench-database';
import { chartSvg } from './chart';
import { type Operation, operations, post, type Request, requestBody } from './operations';
import { cpuMeter, postmasterOf } from './process-cpu';
import type { Measure, OperationResult, RunSettings } from './results';
import { hubServer, postgraphileServer, type Server, startServer, stopProcess, waitFor } from './server-process';

const root = path.join(__dirname, '..');
const logger = pino({ level: 'info' }, pino.destination(2));
const HUB_PORT = 4601;
const FLOOR_PORT = 4602;
const POSTGRAPHILE_PORT = 4603;
const CACHED_HUB_PORT = 4604;
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
 * bench/results/latest.json and the chart (bench/results/chart.svg), rewritten after each scale so
 * a long run keeps what it measured.
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
    // The benchmarked server's configuration, from the same environment (benchedHub).
    const config = loadConfig(benchedHub(url, cached ? 'memory' : 'off').env);
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
function benchedHub(url: string, responseCache: 'off' | 'memory'): Server {
  return hubServer(url, responseCache, responseCache === 'off' ? HUB_PORT : CACHED_HUB_PORT);
}

function floorServer(bodiesFile: string): Server {
  return {
    args: ['-r', 'ts-node/register/transpile-only', 'bench/floor-server.ts'],
    env: { PORT: String(FLOOR_PORT), FLOOR_BODIES: bodiesFile, TS_NODE_SWC: 'true' },
    port: FLOOR_PORT,
    ready: { url: `http://127.0.0.1:${FLOOR_PORT}/graphql`, method: 'POST' },
  };
}

/**
 * One scale. The hub (and the hub with its response cache, for the operations measured from it),
 * PostGraphile and the floor (serving the hub's responses) all run at once on core 0, each idle
 * but the one being loaded; for each operation their runs alternate (hub, PostGraphile, floor,
 * then again), so that a slower stretch of this shared machine, which can last minutes, falls on
 * all of them alike rather than on whichever server was measured then. Each server's responses
 * are checked once before measuring.
 */
async function measureScale(
  url: string,
  scale: number,
  chosen: Operation[],
  settings: RunSettings,
): Promise<OperationResult[]> {
  const statements = await countStatements(url, chosen);
  const postmaster = await postmasterOf(url);
  const cached = chosen.some((operation) => operation.responseCache);
  const servers = [
    benchedHub(url, 'off'),
    postgraphileServer(url, POSTGRAPHILE_PORT),
    ...(cached ? [benchedHub(url, 'memory')] : []),
  ];
  return withServers(servers, async ([uncachedHub, postgraphile, cachedHub]) => {
    const hubFor = (operation: Operation) => (operation.responseCache ? cachedHub : uncachedHub);
    /** The hub's response to each operation, by the request's body: what the floor answers it. */
    const bodies: Record<string, string> = {};
    for (const operation of chosen) {
      const body = await post(hubFor(operation).endpoint, operation);
      const rows = checkedRows(body, operation, `${operation.name} (hub)`);
      bodies[requestBody(operation)] = body;
      if (!operation.postgraphile) continue;
      const theirs = checkedRows(
        await post(postgraphile.endpoint, operation.postgraphile),
        operation.postgraphile,
        `${operation.name} (PostGraphile)`,
      );
      if (theirs !== rows) throw new Error(`${operation.name}: PostGraphile found ${theirs} rows, the hub ${rows}`);
    }
    const bodiesFile = path.join(root, '.data', 'bench', 'floor-bodies.json');
    await mkdir(path.dirname(bodiesFile), { recursive: true });
    await writeFile(bodiesFile, JSON.stringify(bodies));
    return withServers([floorServer(bodiesFile)], async ([floor]) => {
      // The floor answers the hub's body, or 400 to a request it does not know: that is a bug here.
      for (const operation of chosen) {
        if ((await post(floor.endpoint, operation)) !== bodies[requestBody(operation)]) {
          throw new Error(`the floor did not answer ${operation.name}`);
        }
      }
      const results: OperationResult[] = [];
      for (const operation of chosen) {
        logger.info({ scale, operation: operation.name }, 'measuring the hub, PostGraphile and the floor in turn');
        const contestants: Contestant[] = [
          { server: hubFor(operation), request: operation },
          ...(operation.postgraphile ? [{ server: postgraphile, request: operation.postgraphile }] : []),
          { server: floor, request: operation },
        ];
        const [ours, ...rest] = await measureInTurn(contestants, settings, postmaster);
        const floorMeasure = rest[rest.length - 1];
        const theirs = operation.postgraphile ? rest[0] : null;
        const result: OperationResult = {
          operation: operation.name,
          description: operation.description,
          scale,
          sqlStatements: statements.get(operation.name) ?? 0,
          responseBytes: Buffer.byteLength(bodies[requestBody(operation)]),
          hub: ours,
          postgraphile: theirs,
          versus: operation.versus,
          floor: floorMeasure,
          ratios: {
            hubToPostgraphile: theirs ? ours.requestsPerSecond / theirs.requestsPerSecond : null,
            hubToFloor: ours.requestsPerSecond / floorMeasure.requestsPerSecond,
          },
        };
        results.push(result);
        process.stdout.write(tableRow(result));
      }
      return results;
    });
  });
}

interface Running {
  endpoint: string;
  pid: number;
}

interface Contestant {
  server: Running;
  request: Request;
}

/** Starts the servers on core 0, waits until each answers, runs `use`, then stops them all. */
async function withServers<T>(servers: Server[], use: (running: Running[]) => Promise<T>): Promise<T> {
  const children = servers.map((server) => startServer(server));
  try {
    for (const server of servers) await waitFor(server.ready.url, server.ready.method);
    return await use(
      servers.map((server, i) => ({
        endpoint: `http://127.0.0.1:${server.port}/graphql`,
        pid: children[i].pid as number,
      })),
    );
  } finally {
    await Promise.all(children.map(stopProcess));
  }
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
 * Each contestant's warm-up, then `runs` rounds in which each contestant has one fixed-duration
 * run, in turn; for each, its median run by requests per second, with the CPU its server,
 * PostgreSQL and the load generator spent per request in that run.
 */
async function measureInTurn(
  contestants: Contestant[],
  settings: RunSettings,
  postmaster: number | null,
): Promise<Measure[]> {
  const options = ({ server, request }: Contestant) => ({
    url: server.endpoint,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: requestBody(request),
    connections: settings.connections,
  });
  for (const contestant of contestants) await autocannon({ ...options(contestant), duration: settings.warmup });
  const runs: Measure[][] = contestants.map(() => []);
  for (let round = 0; round < settings.runs; round++) {
    for (const [i, contestant] of contestants.entries()) {
      const cpu = cpuMeter(contestant.server.pid, postmaster);
      const result = await autocannon({ ...options(contestant), duration: settings.duration });
      runs[i].push({
        cpu: cpu.perRequest(result.requests.total),
        requestsPerSecond: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.non2xx,
      });
    }
  }
  return runs.map((measured) => {
    const sorted = [...measured].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
    return sorted[Math.floor(sorted.length / 2)];
  });
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
