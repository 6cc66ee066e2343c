/**
 * The version queries at scale: a copy of the benchmark database of N towns (default 10,000) in which
 * `--towns` of them (default 20) are revised twice (three versions each: every duty named 开展… renamed,
 * then every 负责… one), asked one at a time of an in-process hub with its response cache off, as
 * bench/latency-survey.ts asks: `Town.versions` with their changes, `townDiff` from 1 to 3,
 * `TownVersion.items` of version 2 (a page, and a filtered page). Each request is sent `--runs` times,
 * in turn over the revised towns; prints the median and p99 and the SQL statements of one request.
 * First, the time of a revision of one more town imported alone (five, revised and back in turn).
 *
 *   npm run bench:versions -- --scale 10000 [--towns 20] [--runs 200]
 *
 * Needs the benchmark database of the scale (`npm run bench -- --scales N --prepare-only`); the copy,
 * dutyhub_bench_<scale>_versions, is made once (a file copy) and kept.
 */

import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { initORM } from '../src/db/orm';
import { createServer } from '../src/http/server';
import { generateTowns } from '../src/ingest/generate';
import { importFiles } from '../src/ingest/import-files';
import { benchPostgres, prepareDatabase } from './bench-database';
import { post, timedRuns } from './operations';

const SEED_FILE = path.join(__dirname, '..', 'seeds', '000_6f0578919a8dbf5e.txt');

/** Version 2 and 3 of a town's text. */
const REVISIONS = [
  (text: string) => text.replaceAll('\t开展', '\t组织开展'),
  (text: string) => text.replaceAll('\t开展', '\t组织开展').replaceAll('\t负责', '\t具体负责'),
];

function probes(town: string) {
  const page = 'totalCount nodes { id number name category { name } }';
  return [
    {
      name: 'Town.versions with their changes',
      query: `{ town(id: "${town}") { versions { number effectiveDate counts { basic cooperative reclaimed }
        changes { added { itemId } removed { itemId } changed { itemId fields } } } } }`,
    },
    {
      name: 'townDiff 1 → 3',
      query: `{ townDiff(town: "${town}", from: 1, to: 3) { added { itemId } removed { itemId }
        changed { itemId fields before { name } after { name } } } }`,
    },
    {
      name: 'TownVersion.items (v2, 50)',
      query: `{ town(id: "${town}") { version(number: 2) { items(first: 50) { ${page} } } } }`,
    },
    {
      name: 'TownVersion.items (v2, COOPERATIVE, by name, 50)',
      query: `{ town(id: "${town}") { version(number: 2) {
        items(first: 50, filter: { kinds: [COOPERATIVE] }, orderBy: [{ field: NAME }]) { ${page} } } } }`,
    },
  ];
}

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '10000' },
      towns: { type: 'string', default: '20' },
      runs: { type: 'string', default: '200' },
    },
  });
  const [scale, towns, runs] = [Number(values.scale), Number(values.towns), Number(values.runs)];
  const logger = pino({ level: 'info' }, pino.destination(2));
  const postgres = await benchPostgres(logger);
  const source = await prepareDatabase(postgres.url, scale, logger);
  const copy = `dutyhub_bench_${scale}_versions`;
  const { Client } = await import('pg');
  const admin = new Client({ connectionString: postgres.url });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [copy])).rowCount;
  if (!exists) {
    logger.info({ copy }, 'copying the benchmark database');
    await admin.query(`create database "${copy}" template "${new URL(source).pathname.slice(1)}" strategy file_copy`);
  }
  await admin.end();
  const url = new URL(source);
  url.pathname = `/${copy}`;
  const orm = await initORM({ url: url.toString() });
  const knex = orm.em.getKnex();

  // The first `towns` towns of the generated set, revised twice (once only: a kept copy has them).
  const revised = (await knex.raw('select count(*)::int as count from town_version where number = 3')).rows[0].count;
  const texts = [...generateTowns(readFileSync(SEED_FILE, 'utf8'), { towns })];
  if (revised < towns) {
    const dir = await mkdtemp(path.join(tmpdir(), 'dutyhub-bench-versions-'));
    try {
      for (const revise of REVISIONS) {
        const files = await Promise.all(
          texts.map(async ({ fileName, text }) => {
            const file = path.join(dir, fileName);
            await writeFile(file, revise(text));
            return file;
          }),
        );
        await importFiles(knex, files, { concurrency: 3, logger });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  // A revision of one more town among all of them, imported alone, revised and back in turn.
  const [, other] = [...generateTowns(readFileSync(SEED_FILE, 'utf8'), { towns: towns + 1 })].slice(towns - 1);
  const revisionTimes: number[] = [];
  const scratch = await mkdtemp(path.join(tmpdir(), 'dutyhub-bench-revision-'));
  try {
    for (let run = 0; run < 5; run++) {
      const file = path.join(scratch, other.fileName);
      await writeFile(file, run % 2 === 0 ? REVISIONS[0](other.text) : other.text);
      const started = performance.now();
      await importFiles(knex, [file]);
      revisionTimes.push(performance.now() - started);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  revisionTimes.sort((x, y) => x - y);
  process.stdout.write(
    `a revision of one town among ${scale}: median ${revisionTimes[2].toFixed(0)} ms (${revisionTimes.map((ms) => ms.toFixed(0)).join(', ')})\n\n`,
  );

  // The towns of exactly three versions: the revised ones, not the one revised back and forth above.
  const ids = (
    await knex.raw('select town_id from town_version group by town_id having max(number) = 3 order by town_id')
  ).rows.map((row: { town_id: string }) => row.town_id);

  const config = loadConfig({ DATABASE_URL: url.toString(), NODE_ENV: 'production', RESPONSE_CACHE: 'off' });
  const hub = await createServer({ ...config, keepSliceCounts: false, port: 0 }, orm, pino({ level: 'silent' }));
  const endpoint = await hub.listen(0);
  try {
    process.stdout.write(
      `| request (${scale} towns, ${ids.length} with 3 versions) | median ms | p99 ms | statements |\n|---|---|---|---|\n`,
    );
    for (const [index, { name }] of probes(ids[0]).entries()) {
      const { times, statements } = await timedRuns(knex, runs, async (run) => {
        const probe = probes(ids[run % ids.length])[index];
        const body = JSON.parse(await post(endpoint, probe)) as { errors?: unknown[] };
        if (body.errors) throw new Error(`${probe.query}: ${JSON.stringify(body.errors)}`);
      });
      times.sort((x, y) => x - y);
      const at = (share: number) => times[Math.min(times.length - 1, Math.floor(times.length * share))];
      process.stdout.write(`| ${name} | ${at(0.5).toFixed(1)} | ${at(0.99).toFixed(1)} | ${statements} |\n`);
    }
  } finally {
    await hub.stop();
    await orm.close(true);
    await postgres.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
