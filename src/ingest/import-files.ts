import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { foldSearchCounts } from '../modules/aggregates/search-counts';
import { type ImportReport, importDocument } from './import';
import { type NormalizedDocument, normalizeDocument } from './normalize';
import { parseDocument } from './parse';

async function readDocument(file: string): Promise<NormalizedDocument> {
  return normalizeDocument(parseDocument(await readFile(file), file));
}

/** The documents of a folder, in name order (`seeds/`): town documents, or others by `extension`. */
export async function documentsIn(dir: string, extension = '.txt'): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith(extension)).sort();
  return names.map((name) => path.join(dir, name));
}

/** Files as given, with each folder replaced by the documents in it. */
export async function expandPaths(paths: string[], extension = '.txt'): Promise<string[]> {
  const files: string[] = [];
  for (const entry of paths) {
    if ((await stat(entry)).isDirectory()) files.push(...(await documentsIn(entry, extension)));
    else files.push(entry);
  }
  return files;
}

/** How often a long import says how far it is. */
const PROGRESS_INTERVAL_MS = 2000;

/**
 * How many imports' search count changes may wait before a fold (search-counts.ts): each waiting
 * change costs a two-character search's count one more row to read, each fold a write of every
 * total the changes name.
 */
const FOLD_AFTER = 8;

/**
 * Imports documents one transaction each. Every file is read and checked before anything is
 * written: one bad file stops the whole import. Files are parsed twice rather than held in memory,
 * so ten thousand towns import in constant memory. Returns one report per document.
 */
export async function importFiles(
  knex: Knex,
  files: string[],
  options: { dryRun?: boolean; logger?: Logger; concurrency?: number } = {},
): Promise<ImportReport[]> {
  const { logger } = options;
  // Every IngestError is the parser's: checking a file needs no normalising.
  for (const file of files) parseDocument(await readFile(file), file);
  const reports: ImportReport[] = new Array(files.length);
  const started = Date.now();
  let lastProgress = started;
  let done = 0;
  let rows = 0;
  let next = 0;
  // Each worker takes the next file; towns are independent, so their transactions run side by side.
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      const report = await importDocument(knex, await readDocument(files[index]), options);
      reports[index] = report;
      if (!report.dryRun) await foldSearchCounts(knex, { atLeast: FOLD_AFTER });
      done++;
      rows += Object.values(report.changes).reduce(
        (sum, c) => sum + c.created + c.updated + c.removed + c.unchanged,
        0,
      );
      logger?.debug({ file: files[index], town: report.town.name, items: report.changes.items }, 'document imported');
      const now = Date.now();
      if (done === files.length || now - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = now;
        const seconds = Math.max((now - started) / 1000, 0.001);
        logger?.info(
          {
            progress: `${done}/${files.length}`,
            documentsPerSecond: Math.round(done / seconds),
            rowsPerSecond: Math.round(rows / seconds),
            dryRun: report.dryRun,
          },
          done === files.length ? 'import done' : 'importing',
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 1, files.length) }, worker));
  // The run's own changes are all folded when it returns.
  if (!options.dryRun) await foldSearchCounts(knex, { wait: true });
  return reports;
}
