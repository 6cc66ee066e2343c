import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { type ImportReport, importDocument } from './import';
import { type NormalizedDocument, normalizeDocument } from './normalize';
import { parseDocument } from './parse';

/** Reads and checks every file before anything is written: one bad file stops the whole import. */
export async function readDocuments(files: string[]): Promise<NormalizedDocument[]> {
  const documents: NormalizedDocument[] = [];
  for (const file of files) {
    documents.push(normalizeDocument(parseDocument(await readFile(file), file)));
  }
  return documents;
}

/** The documents of a folder, in name order (`seeds/`). */
export async function documentsIn(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.txt')).sort();
  return names.map((name) => path.join(dir, name));
}

/** Imports documents one transaction each, logging progress; returns one report per document. */
export async function importFiles(
  knex: Knex,
  files: string[],
  options: { dryRun?: boolean; logger?: Logger } = {},
): Promise<ImportReport[]> {
  const documents = await readDocuments(files);
  const reports: ImportReport[] = [];
  for (const [index, document] of documents.entries()) {
    const report = await importDocument(knex, document, options);
    reports.push(report);
    options.logger?.info(
      {
        progress: `${index + 1}/${documents.length}`,
        file: document.file,
        town: report.town.name,
        dryRun: report.dryRun,
        items: report.changes.items,
        links: report.changes.links,
        warnings: report.warnings.length,
      },
      'document imported',
    );
  }
  return reports;
}
