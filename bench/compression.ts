/**
 * `npm run bench:compression`: what compression (src/http/compression.ts) costs and saves.
 *
 * - req/s of a small answer (the lookup, 117 bytes, under the 1 KiB threshold) from a hub with
 *   HTTP_COMPRESSION=false, and from the default hub to a client sending no Accept-Encoding and to
 *   one sending `gzip, deflate, br`: what the middleware costs an answer it leaves alone;
 * - req/s and bytes on the wire of a dashboard's large answer (the seed's 255 items with their
 *   steps, categories and departments: 120.7 kB) as it is, in gzip and in brotli;
 * - the bytes GraphiQL's page and its assets take as they are, in gzip and in brotli.
 *
 *   npm run bench:compression -- --duration 3 --warmup 1 --runs 3 --connections 8
 *
 * The hubs are the built server (dist/, `npm run build:server`) on core 0, in production mode,
 * response cache off; this process, autocannon, on core 1 (the npm script pins it). Runs alternate
 * between the hubs; each line reports the median run. The seed's database, dutyhub_bench_1, is
 * prepared as `npm run bench` prepares it (DATABASE_URL's server or the embedded one).
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pino from 'pino';
import { benchPostgres, prepareDatabase } from './bench-database';
import { operations, requestBody } from './operations';
import { cpuMeter } from './process-cpu';
import { hubServer, startServer, stopProcess, waitFor } from './server-process';

const root = path.join(__dirname, '..');
const logger = pino({ level: 'info' }, pino.destination(2));
const COMPRESSING_PORT = 4611;
const PLAIN_PORT = 4612;
const BROWSER_ENCODINGS = 'gzip, deflate, br';

/** A dashboard's table: every item of the town with what a row shows, 120.7 kB of JSON. */
const DASHBOARD = {
  query: `query Dashboard {
    items(first: 255) {
      totalCount
      nodes { kind number name townResponsibilities category { id name } links { relation department { id name } } }
    }
  }`,
  variables: {},
};

interface Answer {
  encoding: string | undefined;
  bytes: number;
}

/** One GET or POST with exactly these headers; the bytes as sent. */
function fetchRaw(url: string, headers: Record<string, string>, body?: string): Promise<Answer & { text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: body ? 'POST' : 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        if ((response.statusCode ?? 0) !== 200) reject(new Error(`${url}: HTTP ${response.statusCode}`));
        const encoding = response.headers['content-encoding'];
        resolve({ encoding, bytes: bytes.length, text: encoding ? '' : bytes.toString('utf8') });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

const ENCODINGS: [string, Record<string, string>][] = [
  ['identity', {}],
  ['gzip', { 'accept-encoding': 'gzip' }],
  ['br', { 'accept-encoding': BROWSER_ENCODINGS }],
];

async function sizes(
  title: string,
  urls: string[],
  headers: Record<string, string>,
  body?: string,
): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const [name, encoding] of ENCODINGS) {
    let total = 0;
    for (const url of urls) {
      const answer = await fetchRaw(url, { ...headers, ...encoding }, body);
      if ((answer.encoding ?? 'identity') !== name && answer.bytes >= 1024) {
        throw new Error(`${url}: asked ${name}, got ${answer.encoding ?? 'identity'}`);
      }
      total += answer.bytes;
    }
    totals[name] = total;
  }
  process.stdout.write(
    `| ${title} | ${urls.length} | ${ENCODINGS.map(([name]) => `${kb(totals[name])}`).join(' | ')} | ${(totals.identity / totals.br).toFixed(1)}× |\n`,
  );
  return totals;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

interface Load {
  title: string;
  port: number;
  /** The hub's process, whose CPU time per request is measured. */
  pid: number;
  body: string;
  headers: Record<string, string>;
}

async function measure(
  loads: Load[],
  settings: { duration: number; warmup: number; runs: number; connections: number },
) {
  const options = (load: Load) => ({
    url: `http://127.0.0.1:${load.port}/graphql`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', ...load.headers },
    body: load.body,
    connections: settings.connections,
  });
  for (const load of loads) await autocannon({ ...options(load), duration: settings.warmup });
  const runs: { rps: number; cpu: number; p99: number; errors: number; bytes: number }[][] = loads.map(() => []);
  for (let round = 0; round < settings.runs; round++) {
    // Each round starts one load later, so that no load always runs first (or after the same one).
    const order = loads.map((_, i) => (i + round) % loads.length);
    for (const i of order) {
      const load = loads[i];
      const cpu = cpuMeter(load.pid, null);
      const result = await autocannon({ ...options(load), duration: settings.duration });
      runs[i].push({
        cpu: cpu.perRequest(result.requests.total).server,
        rps: result.requests.average,
        p99: result.latency.p99,
        errors: result.errors + result.non2xx,
        bytes: result.throughput.average,
      });
    }
  }
  for (const [i, load] of loads.entries()) {
    const sorted = [...runs[i]].sort((a, b) => a.rps - b.rps);
    const median = sorted[Math.floor(sorted.length / 2)];
    const cpus = runs[i].map((run) => run.cpu).sort((a, b) => a - b);
    process.stdout.write(
      `| ${load.title} | ${median.rps.toFixed(0)} | ${runs[i].map((run) => run.rps.toFixed(0)).join(', ')} | ${cpus[Math.floor(cpus.length / 2)].toFixed(3)} | ${median.p99} | ${(median.bytes / 1e6).toFixed(2)} | ${median.errors} |\n`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '1' },
      runs: { type: 'string', default: '3' },
      connections: { type: 'string', default: '8' },
    },
  });
  const settings = {
    duration: Number(values.duration),
    warmup: Number(values.warmup),
    runs: Number(values.runs),
    connections: Number(values.connections),
  };
  if (!existsSync(path.join(root, 'dist', 'src', 'main.js'))) throw new Error('run npm run build:server first');
  if (!existsSync(path.join(root, 'dist', 'web', 'graphiql', 'index.html')))
    throw new Error('run npm run build:web first');
  const database = await benchPostgres(logger);
  const children: ChildProcess[] = [];
  try {
    const url = await prepareDatabase(database.url, 1, logger);
    const compressing = hubServer(url, 'off', COMPRESSING_PORT);
    const plain = hubServer(url, 'off', PLAIN_PORT);
    const [compressingHub, plainHub] = [
      startServer(compressing),
      startServer(plain, [], { HTTP_COMPRESSION: 'false' }),
    ];
    children.push(compressingHub, plainHub);
    const pids = { [COMPRESSING_PORT]: compressingHub.pid as number, [PLAIN_PORT]: plainHub.pid as number };
    await waitFor(compressing.ready.url);
    await waitFor(plain.ready.url);
    const base = `http://127.0.0.1:${COMPRESSING_PORT}`;
    const json = { 'content-type': 'application/json' };

    process.stdout.write(
      '| what | files | as it is | gzip | brotli | as it is / brotli |\n|---|---|---|---|---|---|\n',
    );
    const page = await fetchRaw(`${base}/graphql`, { accept: 'text/html' });
    const assets = [...page.text.matchAll(/(?:src|href)="(\/explorer\/assets\/[^"]+)"/gu)].map((m) => `${base}${m[1]}`);
    await sizes('GraphiQL: page and assets', [`${base}/graphql`, ...assets], { accept: 'text/html' });
    const lookup = operations(1).find((operation) => operation.name === 'lookup');
    if (!lookup) throw new Error('no lookup operation');
    await sizes('lookup answer', [`${base}/graphql`], json, requestBody(lookup));
    await sizes('dashboard answer: 255 items', [`${base}/graphql`], json, requestBody(DASHBOARD));

    process.stdout.write(
      '\n| load | req/s (median) | runs | hub CPU ms/request (median) | p99 ms | MB/s on the wire | errors |\n|---|---|---|---|---|---|---|\n',
    );
    const small = requestBody(lookup);
    await measure(
      [
        { title: 'lookup, HTTP_COMPRESSION=false', port: PLAIN_PORT, pid: pids[PLAIN_PORT], body: small, headers: {} },
        {
          title: 'lookup, no Accept-Encoding',
          port: COMPRESSING_PORT,
          pid: pids[COMPRESSING_PORT],
          body: small,
          headers: {},
        },
        {
          title: `lookup, Accept-Encoding: ${BROWSER_ENCODINGS}`,
          port: COMPRESSING_PORT,
          pid: pids[COMPRESSING_PORT],
          body: small,
          headers: { 'accept-encoding': BROWSER_ENCODINGS },
        },
      ],
      settings,
    );
    const large = requestBody(DASHBOARD);
    await measure(
      [
        {
          title: 'dashboard, HTTP_COMPRESSION=false',
          port: PLAIN_PORT,
          pid: pids[PLAIN_PORT],
          body: large,
          headers: {},
        },
        {
          title: 'dashboard, gzip',
          port: COMPRESSING_PORT,
          pid: pids[COMPRESSING_PORT],
          body: large,
          headers: { 'accept-encoding': 'gzip' },
        },
        {
          title: 'dashboard, brotli',
          port: COMPRESSING_PORT,
          pid: pids[COMPRESSING_PORT],
          body: large,
          headers: { 'accept-encoding': BROWSER_ENCODINGS },
        },
      ],
      settings,
    );
  } finally {
    for (const child of children) await stopProcess(child);
    await database.stop();
  }
}

main().catch((error) => {
  logger.error(error);
  process.exitCode = 1;
});
