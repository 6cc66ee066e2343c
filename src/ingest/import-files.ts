import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { foldSearchCounts } from '../modules/aggregates/search-counts';
import { DOCUMENT_EXTENSIONS, readSource } from './formats/read-source';
import { type ImportReport, importDocument } from './import';
import { type NormalizedDocument, normalizeDocument } from './normalize';
import { type ParsedSource, parseLists, townDocuments } from './parse';

/** How one file was read, as the report states it. */
export interface FileRead {
  file: string;
  /** `text`, `html`, `xlsx`, `xls`, `docx` */
  format: string;
  /** The text encoding read, for formats that are text. */
  encoding?: string;
}

/** A town's import, with how each of its files was read. */
export interface FileImportReport extends ImportReport {
  read: FileRead[];
}

async function readLists(file: string): Promise<{ lists: ParsedSource; read: FileRead }> {
  const source = await readSource(await readFile(file), file);
  return { lists: parseLists(source), read: { file, format: source.format, encoding: source.encoding } };
}

/** One town's lists, from the one file or the several files that hold them. */
async function readTown(files: string[]): Promise<{ document: NormalizedDocument; read: FileRead[] }> {
  const sources = await Promise.all(files.map(readLists));
  const [town] = townDocuments(sources.map((source) => source.lists));
  return { document: normalizeDocument(town), read: sources.map((source) => source.read) };
}

/**
 * The documents of a folder, in name order (`seeds/`): files of the formats `import` reads or
 * refuses with advice, or others by `extensions`.
 */
export async function documentsIn(
  dir: string,
  extensions: string | readonly string[] = DOCUMENT_EXTENSIONS,
): Promise<string[]> {
  const wanted = typeof extensions === 'string' ? [extensions] : extensions;
  const names = (await readdir(dir))
    .filter((name) => wanted.some((extension) => name.toLowerCase().endsWith(extension)))
    .sort();
  return names.map((name) => path.join(dir, name));
}

/** Files as given, with each folder replaced by the documents in it. */
export async function expandPaths(
  paths: string[],
  extensions: string | readonly string[] = DOCUMENT_EXTENSIONS,
): Promise<string[]> {
  const files: string[] = [];
  for (const entry of paths) {
    if ((await stat(entry)).isDirectory()) files.push(...(await documentsIn(entry, extensions)));
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
 * Imports towns one transaction each. Every file is read and checked, and the lists are grouped by
 * the town their titles name (one file, or several imported together, per town), before anything
 * is written: one bad file stops the whole import. Files are parsed twice rather than held in
 * memory, so ten thousand towns import in constant memory. Returns one report per town, in the
 * order of their first files.
 */
export async function importFiles(
  knex: Knex,
  files: string[],
  options: { dryRun?: boolean; logger?: Logger; concurrency?: number } = {},
): Promise<FileImportReport[]> {
  const { logger } = options;
  // Every IngestError is the readers' and the parser's: checking needs no normalising. What
  // grouping needs of a file is its town and where its lists are, not its rows.
  const checked: ParsedSource[] = [];
  for (const file of files) {
    const { lists } = await readLists(file);
    checked.push({ ...lists, lists: lists.lists.map((list) => ({ ...list, rows: [] })) });
  }
  const towns = townDocuments(checked).map((town) => town.files);
  const reports: FileImportReport[] = new Array(towns.length);
  const started = Date.now();
  let lastProgress = started;
  let done = 0;
  let rows = 0;
  let next = 0;
  // Each worker takes the next file; towns are independent, so their transactions run side by side.
  const worker = async () => {
    while (next < towns.length) {
      const index = next++;
      const { document, read } = await readTown(towns[index]);
      const report: FileImportReport = { ...(await importDocument(knex, document, options)), read };
      reports[index] = report;
      if (!report.dryRun) await foldSearchCounts(knex, { atLeast: FOLD_AFTER });
      done++;
      rows += Object.values(report.changes).reduce(
        (sum, c) => sum + c.created + c.updated + c.removed + c.unchanged,
        0,
      );
      logger?.debug({ file: report.file, town: report.town.name, items: report.changes.items }, 'document imported');
      const now = Date.now();
      if (done === towns.length || now - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = now;
        const seconds = Math.max((now - started) / 1000, 0.001);
        logger?.info(
          {
            progress: `${done}/${towns.length}`,
            documentsPerSecond: Math.round(done / seconds),
            rowsPerSecond: Math.round(rows / seconds),
            dryRun: report.dryRun,
          },
          done === towns.length ? 'import done' : 'importing',
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 1, towns.length) }, worker));
  // The run's own changes are all folded when it returns.
  if (!options.dryRun) await foldSearchCounts(knex, { wait: true });
  return reports;
}
