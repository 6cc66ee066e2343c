/**
 * `npm run bench:soak`: the built hub under a steady, moderate, mixed load for several minutes (the
 * operations of bench/operations.ts in turn, at a fixed overall rate), sampled every interval: the
 * hub's memory (its /metrics, on a metrics port of its own), latency percentiles and throughput,
 * errors. Then the verdict: the last third of the run against the first third after the warm-up,
 * for heap, RSS and p99.
 *
 *   npm run bench:soak -- --duration 300 --interval 10 --rate 30 --connections 4 --warmup 60
 *   npm run bench:soak -- --print      # the Markdown of bench/results/soak.json, for docs/reliability.md
 *
 * The hub runs on core 0, this process (autocannon) on core 1, PostgreSQL where the system puts it:
 * DATABASE_URL's server or the embedded one under .data/bench, database dutyhub_bench_1 (the seed).
 * Writes bench/results/soak.json and prints a Markdown table of one row a minute.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pino from 'pino';
import { freePort } from '../tests/support/free-port';
import { benchPostgres, prepareDatabase } from './bench-database';
import { operations, post, requestBody } from './operations';
import { hubServer, startServer, stopProcess, waitFor } from './server-process';

const root = path.join(__dirname, '..');
const resultsFile = path.join(root, 'bench', 'results', 'soak.json');
const logger = pino({ level: 'info' }, pino.destination(2));

/**
 * How much the last third may differ from the first and still count as flat. Memory: a leak adds
 * up steadily, while a heap that only breathes with the collector stays within this. Latency: on
 * a machine shared with others, p99 of a third moves by this much without any cause in the hub.
 */
const FLAT = { memory: 0.1, p99: 0.25 };
/** A memory floor needs collections to show: a third with fewer major ones says nothing of leaks. */
const MIN_MAJOR_COLLECTIONS = 2;

interface Settings {
  duration: number;
  interval: number;
  warmup: number;
  rate: number;
  connections: number;
}

interface Memory {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  eventLoopLagP99Ms: number;
  /** Major garbage collections since the hub started. */
  majorCollections: number;
}

/** One interval: the memory at its end, the responses received during it. */
interface Sample extends Memory {
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** One minute of the run, for the table: memory as the range of its samples (it saws with the collector). */
interface Minute {
  minute: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  rssMb: [number, number];
  heapUsedMb: [number, number];
  majorCollections: number;
}

type Outcome = 'flat' | 'grows' | 'inconclusive';

interface Comparison {
  first: number;
  last: number;
  change: number;
  outcome: Outcome;
}

interface Verdict {
  heapUsedMb: Comparison;
  rssMb: Comparison;
  p99: Comparison;
  /** Major collections during the first and the last third. */
  majorCollections: [number, number];
  errors: number;
  outcome: Outcome;
}

interface SoakResults {
  date: string;
  command: string;
  machine: { cpus: number; cpuModel: string; node: string; loadAverageBefore: number[]; loadAverageAfter: number[] };
  settings: Settings;
  operations: string[];
  idle: Memory;
  samples: Sample[];
  minutes: Minute[];
  verdict: Verdict | undefined;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '300' },
      interval: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '60' },
      rate: { type: 'string', default: '30' },
      connections: { type: 'string', default: '4' },
      print: { type: 'boolean' },
    },
  });
  if (values.print) {
    process.stdout.write(markdown(JSON.parse(await readFile(resultsFile, 'utf8')) as SoakResults));
    return;
  }
  const settings: Settings = {
    duration: Number(values.duration),
    interval: Number(values.interval),
    warmup: Number(values.warmup),
    rate: Number(values.rate),
    connections: Number(values.connections),
  };
  if (!existsSync(path.join(root, 'dist', 'src', 'main.js'))) throw new Error('run npm run build:server first');
  const results = await soak(settings);
  await mkdir(path.dirname(resultsFile), { recursive: true });
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(markdown(results));
}

async function soak(settings: Settings): Promise<SoakResults> {
  const server = await benchPostgres(logger);
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}/graphql`;
  const metricsPort = await freePort();
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  const chosen = operations(1);
  try {
    const url = await prepareDatabase(server.url, 1, logger);
    // Every request executed: a cached answer would hide what execution leaks or slows.
    const hubServed = hubServer(url, 'off', port);
    const hub = startServer(hubServed, [], { METRICS_PORT: String(metricsPort) });
    try {
      await waitFor(hubServed.ready.url);
      for (const operation of chosen) {
        const body = await post(endpoint, operation);
        if (body.includes('"errors"')) throw new Error(`${operation.name} failed: ${body.slice(0, 300)}`);
      }
      const loadAverageBefore = os.loadavg();
      const idle = await memoryOf(metricsUrl);
      const { samples, minutes } = await steadyLoad(endpoint, metricsUrl, chosen.map(requestBody), settings, idle);
      return {
        date: new Date().toISOString(),
        command: `npm run bench:soak -- ${process.argv.slice(2).join(' ')}`.trim(),
        machine: {
          cpus: os.cpus().length,
          cpuModel: os.cpus()[0]?.model ?? 'unknown',
          node: process.version,
          loadAverageBefore,
          loadAverageAfter: os.loadavg(),
        },
        settings,
        operations: chosen.map((operation) => operation.name),
        idle,
        samples,
        minutes,
        verdict: judge(samples, settings, idle),
      };
    } finally {
      await stopProcess(hub);
    }
  } finally {
    await server.stop();
  }
}

/** The responses of one stretch of time: latencies (ms) and errors. */
class Window {
  latencies: number[] = [];
  errors = 0;

  summary(seconds: number): Pick<Sample, 'requests' | 'requestsPerSecond' | 'p50' | 'p99' | 'errors'> {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      requests: sorted.length,
      requestsPerSecond: round(sorted.length / seconds),
      p50: round(percentile(sorted, 0.5)),
      p99: round(percentile(sorted, 0.99)),
      errors: this.errors,
    };
  }
}

/** autocannon for `duration` seconds, the hub's memory and the latencies sampled every interval. */
async function steadyLoad(
  endpoint: string,
  metricsUrl: string,
  bodies: string[],
  settings: Settings,
  idle: Memory,
): Promise<{ samples: Sample[]; minutes: Minute[] }> {
  const samples: Sample[] = [];
  const minutes: Minute[] = [];
  let interval = new Window();
  let minute = new Window();
  const countError = () => {
    interval.errors++;
    minute.errors++;
  };
  let finished: (error: Error | null) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    finished = (error) => (error ? reject(error) : resolve());
  });
  const instance = autocannon(
    {
      url: endpoint,
      connections: settings.connections,
      overallRate: settings.rate,
      duration: settings.duration,
      requests: bodies.map((body) => ({
        method: 'POST' as const,
        headers: { 'content-type': 'application/json' },
        body,
        // An answer with GraphQL errors is an error too, though HTTP says 200.
        onResponse: (status: number, responseBody: string) => {
          if (status < 300 && responseBody.includes('"errors"')) countError();
        },
      })),
    },
    (error) => finished(error),
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    interval.latencies.push(responseTime);
    minute.latencies.push(responseTime);
    if (statusCode >= 300) countError();
  });
  instance.on('reqError', countError);

  // Samples at their nominal times (10 s, 20 s, …), the last one when the load ends.
  const take = async (seconds: number) => {
    const memory = await memoryOf(metricsUrl);
    const sample = { seconds, ...memory, ...interval.summary(seconds - (samples.at(-1)?.seconds ?? 0)) };
    interval = new Window();
    samples.push(sample);
    logger.info(progressLine(sample));
    if (seconds % 60 === 0 || seconds === settings.duration) {
      const start = minutes.length * 60;
      const inMinute = samples.filter((s) => s.seconds > start);
      const before = samples.filter((s) => s.seconds <= start).at(-1) ?? idle;
      const { requestsPerSecond, p50, p99, errors } = minute.summary(seconds - start);
      minutes.push({
        minute: minutes.length + 1,
        requestsPerSecond,
        p50,
        p99,
        errors,
        rssMb: range(inMinute.map((s) => s.rssMb)),
        heapUsedMb: range(inMinute.map((s) => s.heapUsedMb)),
        majorCollections: memory.majorCollections - before.majorCollections,
      });
      minute = new Window();
    }
  };
  let sampling = Promise.resolve();
  let ticks = 0;
  const timer = setInterval(() => {
    const seconds = Math.min(++ticks * settings.interval, settings.duration);
    sampling = sampling.then(() => take(seconds));
  }, settings.interval * 1000);
  try {
    await done;
  } finally {
    clearInterval(timer);
  }
  await sampling;
  if ((samples.at(-1)?.seconds ?? 0) < settings.duration) await take(settings.duration);
  return { samples, minutes };
}

/** The hub's own view of its memory: prom-client's process metrics on /metrics. */
async function memoryOf(metricsUrl: string): Promise<Memory> {
  const text = await (await fetch(metricsUrl)).text();
  // `absent`: the value of a labelled series not yet observed (no major collection so far).
  const metric = (name: string, absent?: number) => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
    if (line) return Number(line.split(' ')[1]);
    if (absent === undefined) throw new Error(`${name} is not on /metrics`);
    return absent;
  };
  const mb = (bytes: number) => round(bytes / 2 ** 20);
  return {
    rssMb: mb(metric('dutyhub_process_resident_memory_bytes')),
    heapUsedMb: mb(metric('dutyhub_nodejs_heap_size_used_bytes')),
    heapTotalMb: mb(metric('dutyhub_nodejs_heap_size_total_bytes')),
    eventLoopLagP99Ms: round(metric('dutyhub_nodejs_eventloop_lag_p99_seconds') * 1000),
    majorCollections: metric('dutyhub_nodejs_gc_duration_seconds_count{kind="major"}', 0),
  };
}

/**
 * The first third of the samples after the warm-up against the last third. Memory: the lowest
 * sample of each third, the floor the collector gets back to (what is retained), since heap and
 * RSS saw up and down between major collections; inconclusive when a third saw too few of those.
 * Latency: the median of the thirds' p99s.
 */
function judge(samples: Sample[], settings: Settings, idle: Memory): Verdict | undefined {
  const steady = samples.filter((sample) => sample.seconds > settings.warmup);
  const third = Math.floor(steady.length / 3);
  if (third === 0) return undefined;
  const [first, last] = [steady.slice(0, third), steady.slice(-third)];
  const collectionsDuring = (part: Sample[]) =>
    part[part.length - 1].majorCollections - (samples[samples.indexOf(part[0]) - 1] ?? idle).majorCollections;
  const majorCollections: [number, number] = [collectionsDuring(first), collectionsDuring(last)];
  const enoughCollections = Math.min(...majorCollections) >= MIN_MAJOR_COLLECTIONS;
  const compare = (pick: (sample: Sample) => number, limit: number, summary: (values: number[]) => number) => {
    const before = summary(first.map(pick));
    const after = summary(last.map(pick));
    const change = before === 0 ? 0 : (after - before) / before;
    const outcome: Outcome = change <= limit ? 'flat' : 'grows';
    return { first: round(before), last: round(after), change: Math.round(change * 1000) / 1000, outcome };
  };
  const floor = (values: number[]) => Math.min(...values);
  const memory = (comparison: Comparison): Comparison =>
    enoughCollections ? comparison : { ...comparison, outcome: 'inconclusive' };
  const heapUsedMb = memory(compare((sample) => sample.heapUsedMb, FLAT.memory, floor));
  const rssMb = memory(compare((sample) => sample.rssMb, FLAT.memory, floor));
  const p99 = compare((sample) => sample.p99, FLAT.p99, median);
  const errors = samples.reduce((sum, sample) => sum + sample.errors, 0);
  const outcomes = [heapUsedMb.outcome, rssMb.outcome, p99.outcome];
  const outcome: Outcome =
    errors > 0 || outcomes.includes('grows') ? 'grows' : outcomes.includes('inconclusive') ? 'inconclusive' : 'flat';
  return { heapUsedMb, rssMb, p99, majorCollections, errors, outcome };
}

function progressLine(sample: Sample): string {
  return (
    `${String(sample.seconds).padStart(5)} s  rss ${sample.rssMb} MB  heap ${sample.heapUsedMb} MB  ` +
    `${sample.requestsPerSecond} req/s  p50 ${sample.p50} ms  p99 ${sample.p99} ms  errors ${sample.errors}`
  );
}

function markdown(results: SoakResults): string {
  const { settings, machine, verdict } = results;
  const percent = (change: number) => `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`;
  const compared = (label: string, unit: string, c: Comparison) =>
    `- ${label}: ${c.first} ${unit} → ${c.last} ${unit} (${percent(c.change)}): ${c.outcome}`;
  const span = ([low, high]: [number, number]) => `${low}–${high}`;
  const lines = [
    `\`${results.command}\` on ${results.date.slice(0, 10)}: ${machine.cpus} cores (${machine.cpuModel}), ` +
      `Node ${machine.node}; load average ${machine.loadAverageBefore[0].toFixed(1)} before, ` +
      `${machine.loadAverageAfter[0].toFixed(1)} after. ${settings.duration} s at ${settings.rate} req/s over ` +
      `${settings.connections} connections, the operations ${results.operations.join(', ')} in turn; ` +
      `idle hub before the load: RSS ${results.idle.rssMb} MB, heap used ${results.idle.heapUsedMb} MB.`,
    '',
    `| minute | req/s | p50 ms | p99 ms | errors | RSS MB (lowest–highest of the ${settings.interval} s samples) | heap used MB (same) | major GCs |`,
    '|---|---|---|---|---|---|---|---|',
    ...results.minutes.map(
      (m) =>
        `| ${m.minute} | ${m.requestsPerSecond} | ${m.p50} | ${m.p99} | ${m.errors} | ${span(m.rssMb)} | ${span(m.heapUsedMb)} | ${m.majorCollections} |`,
    ),
    '',
    verdict
      ? [
          `Verdict, the last third of the ${settings.interval} s samples against the first third after ${settings.warmup} s of warm-up: **${verdict.outcome}**.`,
          compared('heap used, lowest sample', 'MB', verdict.heapUsedMb),
          compared('RSS, lowest sample', 'MB', verdict.rssMb),
          compared('p99, median sample', 'ms', verdict.p99),
          `- major collections in the first and the last third: ${verdict.majorCollections.join(' and ')} (memory needs ${MIN_MAJOR_COLLECTIONS} in each)`,
          `- errors: ${verdict.errors}`,
        ].join('\n')
      : 'Verdict: too short a run to compare thirds.',
  ];
  return `${lines.join('\n')}\n`;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

const round = (value: number) => Math.round(value * 10) / 10;

const range = (values: number[]): [number, number] => [Math.min(...values), Math.max(...values)];

main().catch((error) => {
  logger.fatal({ err: error }, 'soak failed');
  process.exit(1);
});
