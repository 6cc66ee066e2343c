import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { foldSearchCounts } from '../modules/aggregates/search-counts';
import { DocumentFormat } from '../modules/version/town-version.entity';
import { decodeText } from './formats/encoding';
import { DOCUMENT_EXTENSIONS, readSource } from './formats/read-source';
import { type DocumentSourceValue, type ImportOptions, type ImportReport, importDocument } from './import';
import { normalizeDocument } from './normalize';
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

/** A read format as versions name it: an old workbook (.xls) is a workbook. */
const FORMATS: Record<string, DocumentFormat> = {
  text: DocumentFormat.TEXT,
  html: DocumentFormat.HTML,
  xlsx: DocumentFormat.XLSX,
  xls: DocumentFormat.XLSX,
  docx: DocumentFormat.DOCX,
};

async function readLists(
  file: string,
): Promise<{ lists: ParsedSource; read: FileRead; source: DocumentSourceValue; stated: string | null }> {
  const bytes = await readFile(file);
  const source = await readSource(bytes, file);
  return {
    lists: parseLists(source),
    read: { file, format: source.format, encoding: source.encoding },
    source: {
      name: path.basename(file),
      format: FORMATS[source.format] ?? DocumentFormat.TEXT,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    },
    stated: statedDate([...source.tables.map((table) => table.title), ...preamble(bytes, file, source.format)]),
  };
}

/** One town's lists, from the one file or the several files that hold them. */
async function readTown(files: string[]) {
  const sources = await Promise.all(files.map(readLists));
  const [town] = townDocuments(sources.map((source) => source.lists));
  return {
    document: normalizeDocument(town),
    read: sources.map((source) => source.read),
    sources: sources.map((source) => source.source),
    stated: sources.map((source) => source.stated).find((date) => date !== null) ?? null,
  };
}

/** `2024年3月1日起施行`, `自2024年3月1日发布`: a date, then what happened on it. */
const DATE_THEN_EVENT = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^。；\n]{0,6}?(?:施行|发布|起执行|印发)/u;
/** `发布时间：2024-06-01`, `施行日期：2024年3月1日`: what happened, then its date. */
const EVENT_THEN_DATE =
  /(?:施行|发布|印发)(?:时间|日期)?\s*[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/u;

/**
 * The 施行/发布 date a document states beside its lists (`2024年3月1日起施行`, a notice page's
 * `发布时间：2024-06-01`), as YYYY-MM-DD; null when none is stated or it is no day of the calendar.
 */
export function statedDate(texts: readonly string[]): string | null {
  for (const text of texts) {
    for (const pattern of [DATE_THEN_EVENT, EVENT_THEN_DATE]) {
      const found = pattern.exec(text);
      if (!found) continue;
      const [year, month, day] = found.slice(1).map(Number);
      const date = new Date(Date.UTC(year, month - 1, day));
      if (date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return date.toISOString().slice(0, 10);
    }
  }
  return null;
}

/**
 * What a web page says before its first list (its notice: title, date, preamble), as text: the
 * readers keep only the lists' titles, and a page states its date above them. Other formats hold
 * their lists alone.
 */
function preamble(bytes: Buffer, file: string, format: string): string[] {
  if (format !== 'html') return [];
  const text = decodeText(bytes, file)
    .text.replace(/<(script|style)[\s\S]*?<\/\1>/giu, ' ')
    .replace(/<[^>]*>/gu, ' ');
  const lists = text.indexOf('序号');
  return [lists < 0 ? text : text.slice(0, lists)];
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
  options: Omit<ImportOptions, 'sources'> & { logger?: Logger; concurrency?: number } = {},
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
      const { document, read, sources, stated } = await readTown(towns[index]);
      const effectiveDate = options.effectiveDate ?? stated;
      const report: FileImportReport = {
        ...(await importDocument(knex, document, { ...options, sources, effectiveDate })),
        read,
      };
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
