/**
 * Import throughput per format: N generated towns (`npm run cli -- generate`'s towns) written as
 * text, .xlsx, .xls, .docx and web pages by the tests' document generators, each set imported into
 * an empty database as `import --concurrency 3` does; then a revision of one town in the database
 * of N towns, against that town's first import into an empty database. Prints a Markdown table.
 *
 *   npm run bench:import -- [--towns 100] [--formats txt,xlsx,xls,docx,html] [--runs 5]
 *
 * Uses DATABASE_URL (a scratch database: it is emptied) or an embedded PostgreSQL in a temp folder
 * (scratchDatabase).
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { generateTowns } from '../src/ingest/generate';
import { emptyDataset } from '../src/ingest/import';
import { importFiles } from '../src/ingest/import-files';
import { type ParsedDocument, parseDocument } from '../src/ingest/parse';
import { type GeneratedFile, seedDocx, seedXls, seedXlsx } from '../tests/support/documents/seed-documents';
import { seedHtmlBytes } from '../tests/support/documents/seed-html';
import { SEED_FILE, seedLists } from '../tests/support/documents/seed-lists';
import { scratchDatabase } from './bench-database';

const logger = pino({ level: 'info' }, pino.destination(2));

/** One town's document in a format: its files (the three lists in one file). */
const WRITERS: Record<string, (parsed: ParsedDocument, text: string) => Promise<GeneratedFile[]> | GeneratedFile[]> = {
  txt: (_, text) => [{ name: 'lists.txt', bytes: Buffer.from(text) }],
  xlsx: (parsed) => seedXlsx(seedLists(parsed), 'sheet-per-list'),
  xls: (parsed) => seedXls(seedLists(parsed), 'sheet-per-list'),
  docx: (parsed) => seedDocx(seedLists(parsed), 'one-file'),
  html: (parsed) => [{ name: 'notice.html', bytes: seedHtmlBytes({ declared: 'utf-8' }, parsed) }],
};

/** A revision: every duty named 开展… renamed (a changed item each, none removed). */
const revise = (text: string) => text.replaceAll('\t开展', '\t组织开展');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      towns: { type: 'string', default: '100' },
      formats: { type: 'string', default: Object.keys(WRITERS).join(',') },
      runs: { type: 'string', default: '5' },
    },
  });
  const towns = Number(values.towns);
  const runs = Number(values.runs);
  const formats = values.formats.split(',');
  const unknown = formats.filter((format) => !(format in WRITERS));
  if (unknown.length > 0) throw new Error(`unknown formats: ${unknown.join(', ')}`);

  const scratch = await mkdtemp(path.join(tmpdir(), 'dutyhub-bench-import-'));
  const { orm, close } = await scratchDatabase(logger);
  try {
    const knex = orm.em.getKnex();
    const texts = [...generateTowns(readFileSync(SEED_FILE, 'utf8'), { towns })];
    const rows = texts.reduce((sum, { text }) => sum + parseDocument(text, 'town.txt').rows.length, 0);
    const table = [
      '| format | towns | files | MB | seconds | documents/s | items/s |',
      '|---|---|---|---|---|---|---|',
    ];
    for (const format of formats) {
      const dir = path.join(scratch, format);
      await mkdir(dir);
      const files: string[] = [];
      let bytes = 0;
      for (const [index, { text, fileName }] of texts.entries()) {
        for (const file of await WRITERS[format](parseDocument(text, fileName), text)) {
          const name = path.join(dir, `${String(index).padStart(6, '0')}-${file.name}`);
          await writeFile(name, file.bytes);
          files.push(name);
          bytes += file.bytes.length;
        }
      }
      logger.info({ format, files: files.length }, 'written; importing');
      await emptyDataset(knex);
      const ms = await timed(() => importFiles(knex, files, { concurrency: 3, logger }));
      const seconds = ms / 1000;
      table.push(
        `| ${format} | ${towns} | ${files.length} | ${(bytes / 1e6).toFixed(1)} | ${seconds.toFixed(1)} | ${(towns / seconds).toFixed(1)} | ${Math.round(rows / seconds)} |`,
      );
    }

    // One town revised among all the others, against the same town imported alone.
    const town = texts[Math.floor(towns / 2)];
    const original = path.join(scratch, 'town.txt');
    const revised = path.join(scratch, 'town-revised.txt');
    await writeFile(original, town.text);
    await writeFile(revised, revise(town.text));
    const revisions: number[] = [];
    for (let run = 0; run < runs; run++) {
      revisions.push(await timed(() => importFiles(knex, [run % 2 === 0 ? revised : original])));
    }
    const alone: number[] = [];
    for (let run = 0; run < runs; run++) {
      await emptyDataset(knex);
      alone.push(await timed(() => importFiles(knex, [original])));
    }
    console.log(table.join('\n'));
    console.log(
      `\na revision of one town among ${towns}: median ${median(revisions).toFixed(0)} ms (${revisions.map((ms) => ms.toFixed(0)).join(', ')}); ` +
        `its first import into an empty database: median ${median(alone).toFixed(0)} ms (${alone.map((ms) => ms.toFixed(0)).join(', ')})`,
    );
  } finally {
    await close();
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  logger.error(error);
  process.exit(1);
});
