/**
 * The command line: `import`, `migrate`, `serve`, `emit-schema`. Each opens the same database the
 * server uses (DATABASE_URL, else the embedded one) and applies pending migrations first.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { type Config, loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { EmbeddedPostgresError } from '../db/embedded-postgres-error';
import { setupRoles } from '../db/roles';
import { printClientSchema } from '../graphql/client-schema';
import { buildManifest } from '../graphql/persisted-operations';
import { printHubSchema } from '../graphql/schema';
import { generateTowns } from '../ingest/generate';
import type { ChangeCounts } from '../ingest/import';
import { documentsIn, expandPaths, type FileImportReport, type FileRead, importFiles } from '../ingest/import-files';
import { IngestError } from '../ingest/ingest-error';
import { ItemKind, Relation } from '../modules/common/enums';
import { RequestSql } from '../modules/common/request-sql';
import { buildSliceGraph } from '../modules/graph/department-graph';
import { edgesCsv, type GraphFormat, gexf, graphml, nodesCsv } from '../modules/graph/graph-export';
import { createLogger } from '../observability/logger';
import { composeSupergraph } from './compose';
import { type RunningHub, serve } from './serve';
import { versionCommand } from './version-commands';

const USAGE = `usage: dutyhub <command>
  import [--dry-run] [--concurrency N] [--allow-removals] [--effective-date YYYY-MM-DD] <file|folder…>
                               import town documents (.txt, .html, .xlsx, .xls, .docx; a town's three
                               lists in one file or in several), one transaction per town, N at a
                               time (default 3), each a new version of its town when it changes
                               anything; --dry-run reports without writing; --allow-removals accepts
                               a document removing over a tenth of a town's items or a whole list;
                               --effective-date sets the versions' 施行 date
  history TOWN                 a town's versions, newest first, with their counts and changes
  diff TOWN FROM TO [--format text|json]
                               what changed from version FROM to version TO of a town
  compare TOWN_A TOWN_B [--format text|json]
                               two towns' items matched within a kind by name: only in A, only in B,
                               and the pairs that differ
  generate --towns N [--out DIR] [--seed S]
                               write N synthetic towns in the seed's format (scale tests, benchmarks)
  migrate                      apply pending database migrations
  serve                        serve GraphQL (the default of npm start)
  emit-schema [--check] [--file F] [--client-file F]
                               write the subgraph SDL (schema/schema.graphql) and the clients' SDL
                               without federation (schema/client.graphql), or with --check fail if
                               either is stale
  export-graph --format graphml|gexf|csv [--category NAME] [--kind K] [--relation R]
               [--min-weight N] [--out FILE]
                               the department network of a slice; csv writes FILE.nodes.csv and FILE.edges.csv
  setup-roles --reader NAME --writer NAME   (passwords from DUTYHUB_READER_PASSWORD, DUTYHUB_WRITER_PASSWORD)
                               create or update the server's read-only role and the importer's role
  compose [--config F] [--out F] [--check]
                               compose the subgraphs of supergraph.yaml (rover's format) into
                               schema/supergraph.graphql; --check fails if that file is stale
  persisted-manifest [--out F] <file.graphql|folder…>
                               the Apollo persisted query manifest of the operations in the documents
                               (for PERSISTED_OPERATIONS); on stdout without --out`;

const SCHEMA_FILE = path.join('schema', 'schema.graphql');
const CLIENT_SCHEMA_FILE = path.join('schema', 'client.graphql');

/** Runs one command with the configuration, read once by the entry point and passed down. */
export async function run(argv: string[], config: Readonly<Config> = loadConfig()): Promise<number> {
  const [command, ...rest] = argv;
  const logger = createLogger(config, command === 'serve' ? 1 : 2);
  try {
    switch (command) {
      case 'import':
        return await importCommand(rest, config, logger);
      case 'migrate':
        return await migrateCommand(config, logger);
      case 'serve':
        return await serveCommand(config, logger);
      case 'emit-schema':
        return await emitSchemaCommand(rest);
      case 'compose':
        return await composeCommand(rest);
      case 'generate':
        return await generateCommand(rest, config, logger);
      case 'setup-roles':
        return await setupRolesCommand(rest, config, logger);
      case 'export-graph':
        return await exportGraphCommand(rest, config, logger);
      case 'persisted-manifest':
        return await persistedManifestCommand(rest);
      case 'history':
      case 'diff':
      case 'compare':
        return await versionCommand(command, rest, config, logger, USAGE);
      default:
        process.stderr.write(`${USAGE}\n`);
        return command === undefined || command === 'help' ? 0 : 2;
    }
  } catch (error) {
    if (error instanceof IngestError) {
      process.stderr.write(`error: ${error.message}\nnothing was written\n`);
      return 1;
    }
    // What the user can fix is said in one line, without a stack trace.
    if (error instanceof EmbeddedPostgresError) logger.fatal({ code: error.code }, error.message);
    else logger.fatal({ err: error }, `${command} failed`);
    return 1;
  }
}

async function importCommand(args: string[], config: Readonly<Config>, logger: Logger): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'dry-run': { type: 'boolean' },
      concurrency: { type: 'string', default: '3' },
      'allow-removals': { type: 'boolean' },
      'effective-date': { type: 'string' },
    },
    allowPositionals: true,
  });
  const effectiveDate = values['effective-date'];
  if (effectiveDate !== undefined && !isCalendarDate(effectiveDate)) {
    process.stderr.write(`error: --effective-date must be a date as YYYY-MM-DD\n${USAGE}\n`);
    return 2;
  }
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    process.stderr.write(`error: --concurrency must be a whole number from 1 to 16\n${USAGE}\n`);
    return 2;
  }
  if (positionals.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const database = await openDatabase(config, logger);
  try {
    const files = await expandPaths(positionals);
    const reports = await importFiles(database.orm.em.getKnex(), files, {
      dryRun: values['dry-run'],
      allowRemovals: values['allow-removals'],
      effectiveDate,
      logger,
      concurrency,
    });
    process.stdout.write(files.length > 20 ? formatTotals(reports) : reports.map(formatReport).join('\n'));
    return 0;
  } finally {
    await database.close();
  }
}

/** A real day written YYYY-MM-DD. */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

async function migrateCommand(config: Readonly<Config>, logger: Logger): Promise<number> {
  const database = await openDatabase(config, logger);
  await database.close();
  process.stdout.write(
    database.applied.length ? `applied: ${database.applied.join(', ')}\n` : 'the database is up to date\n',
  );
  return 0;
}

async function serveCommand(config: Readonly<Config>, logger: Logger): Promise<number> {
  // Listening from the start: a signal during start-up shuts down as soon as start-up is done.
  let requestStop: () => void = () => {};
  const stopRequested = new Promise<void>((resolve) => {
    requestStop = resolve;
  });
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    requestStop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let hub: RunningHub;
  try {
    hub = await serve(config, logger);
  } catch (error) {
    // Nothing to drain: a signal now has its default effect again, ending the process.
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    throw error;
  }
  await stopRequested;
  await hub.close();
  return 0;
}

async function emitSchemaCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      check: { type: 'boolean' },
      file: { type: 'string', default: SCHEMA_FILE },
      'client-file': { type: 'string', default: CLIENT_SCHEMA_FILE },
    },
  });
  const files: [string, string][] = [
    [values.file, await printHubSchema()],
    [values['client-file'], await printClientSchema()],
  ];
  if (!values.check) {
    for (const [file, sdl] of files) {
      await writeFile(file, sdl);
      process.stdout.write(`wrote ${file}\n`);
    }
    return 0;
  }
  let stale = 0;
  for (const [file, sdl] of files) stale |= await checkCommitted(file, sdl, 'npm run schema:emit');
  return stale;
}

/** The check of a generated, committed file: 0 when it holds `content`, else 1 and what to run. */
async function checkCommitted(file: string, content: string, regenerate: string): Promise<number> {
  if ((await readFile(file, 'utf8').catch(() => '')) === content) return 0;
  process.stderr.write(`${file} is stale: run ${regenerate} and commit it\n`);
  return 1;
}

async function exportGraphCommand(args: string[], config: Readonly<Config>, logger: Logger): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      format: { type: 'string' },
      category: { type: 'string', multiple: true },
      kind: { type: 'string', multiple: true },
      relation: { type: 'string' },
      'min-weight': { type: 'string', default: '1' },
      out: { type: 'string' },
    },
  });
  const format = values.format as GraphFormat | undefined;
  const kinds = (values.kind ?? []) as ItemKind[];
  const relation = values.relation as Relation | undefined;
  const minWeight = Number(values['min-weight']);
  const checks: [boolean, string][] = [
    [!format || !['graphml', 'gexf', 'csv'].includes(format), '--format must be graphml, gexf or csv'],
    [
      kinds.some((kind) => !Object.values(ItemKind).includes(kind)),
      `--kind must be one of ${Object.values(ItemKind).join(', ')}`,
    ],
    [
      !!relation && !Object.values(Relation).includes(relation),
      `--relation must be one of ${Object.values(Relation).join(', ')}`,
    ],
    [!Number.isInteger(minWeight) || minWeight < 1, '--min-weight must be a whole number of at least 1'],
    [format === 'csv' && !values.out, 'csv needs --out FILE (it writes FILE.nodes.csv and FILE.edges.csv)'],
  ];
  const problem = checks.find(([failed]) => failed)?.[1];
  if (problem) {
    process.stderr.write(`error: ${problem}\n${USAGE}\n`);
    return 2;
  }
  const database = await openDatabase(config, logger);
  try {
    const slice = await buildSliceGraph(new RequestSql(database.orm.em), {
      filter: {
        ...(values.category ? { categoryNames: values.category } : {}),
        ...(kinds.length ? { kinds } : {}),
      },
      relation,
      minWeight,
    });
    const outputs: [string | undefined, string][] =
      format === 'csv'
        ? [
            [`${values.out}.nodes.csv`, nodesCsv(slice)],
            [`${values.out}.edges.csv`, edgesCsv(slice)],
          ]
        : [[values.out, format === 'graphml' ? graphml(slice) : gexf(slice)]];
    for (const [file, content] of outputs) {
      if (file) await writeFile(file, content);
      else process.stdout.write(content);
    }
    process.stderr.write(
      `${slice.nodes.length} departments, ${slice.edges.length} edges${values.out ? ` → ${outputs.map(([f]) => f).join(', ')}` : ''}\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

async function composeCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string', default: 'supergraph.yaml' },
      out: { type: 'string', default: path.join('schema', 'supergraph.graphql') },
      check: { type: 'boolean' },
    },
  });
  const composition = await composeSupergraph(values.config);
  for (const hint of composition.hints) process.stderr.write(`hint: ${hint}\n`);
  if (!composition.supergraphSdl) {
    for (const error of composition.errors) process.stderr.write(`error: ${error}\n`);
    process.stderr.write(`composition of ${values.config} failed\n`);
    return 1;
  }
  if (values.check) return checkCommitted(values.out, composition.supergraphSdl, 'npm run compose');
  await writeFile(values.out, composition.supergraphSdl);
  process.stdout.write(`wrote ${values.out}\n`);
  return 0;
}

async function persistedManifestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' } }, allowPositionals: true });
  if (positionals.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const files = await expandPaths(positionals, '.graphql');
  const manifest = buildManifest(await Promise.all(files.map((file) => readFile(file, 'utf8'))));
  const json = `${JSON.stringify(manifest, null, 2)}\n`;
  if (!values.out) {
    process.stdout.write(json);
    return 0;
  }
  await writeFile(values.out, json);
  process.stdout.write(`wrote ${manifest.operations.length} operations to ${values.out}\n`);
  return 0;
}

async function setupRolesCommand(args: string[], config: Readonly<Config>, logger: Logger): Promise<number> {
  const { values } = parseArgs({ args, options: { reader: { type: 'string' }, writer: { type: 'string' } } });
  const readerPassword = process.env.DUTYHUB_READER_PASSWORD;
  const writerPassword = process.env.DUTYHUB_WRITER_PASSWORD;
  if (!values.reader || !values.writer || !readerPassword || !writerPassword) {
    process.stderr.write(`error: --reader, --writer and both passwords in the environment are needed\n${USAGE}\n`);
    return 2;
  }
  const database = await openDatabase(config, logger);
  try {
    await setupRoles(database.orm.em.getKnex(), {
      reader: { name: values.reader, password: readerPassword },
      writer: { name: values.writer, password: writerPassword },
    });
    process.stdout.write(`roles ${values.reader} (read) and ${values.writer} (write) are set up\n`);
    return 0;
  } finally {
    await database.close();
  }
}

async function generateCommand(args: string[], config: Readonly<Config>, logger: Logger): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      towns: { type: 'string' },
      out: { type: 'string', default: path.join('.data', 'generated') },
      seed: { type: 'string', default: '1' },
    },
  });
  const towns = Number(values.towns);
  if (!Number.isInteger(towns) || towns < 1) {
    process.stderr.write(`error: --towns must be a whole number of at least 1\n${USAGE}\n`);
    return 2;
  }
  const seedFiles = await documentsIn(config.seedsDir);
  const seedText = await readFile(seedFiles[0], 'utf8');
  await mkdir(values.out, { recursive: true });
  let written = 0;
  for (const document of generateTowns(seedText, { towns, seed: Number(values.seed) })) {
    await writeFile(path.join(values.out, document.fileName), document.text);
    written++;
    if (written % 1000 === 0) logger.info({ progress: `${written}/${towns}` }, 'generating');
  }
  process.stdout.write(`wrote ${written} documents to ${values.out}\n`);
  return 0;
}

/** One summary for many documents: the reports' counts added up. */
export function formatTotals(reports: FileImportReport[]): string {
  const totals = new Map<string, ChangeCounts>();
  for (const report of reports) {
    for (const [entity, c] of Object.entries(report.changes)) {
      const sum = totals.get(entity) ?? { created: 0, updated: 0, removed: 0, unchanged: 0 };
      totals.set(entity, {
        created: sum.created + c.created,
        updated: sum.updated + c.updated,
        removed: sum.removed + c.removed,
        unchanged: sum.unchanged + c.unchanged,
      });
    }
  }
  const dryRun = reports[0]?.dryRun ? '[dry run, nothing written] ' : '';
  const warnings = reports.reduce((sum, report) => sum + report.warnings.length, 0);
  const formats = new Map<string, number>();
  for (const read of reports.flatMap((report) => report.read)) {
    formats.set(formatRead(read), (formats.get(formatRead(read)) ?? 0) + 1);
  }
  return `${[
    `${dryRun}${reports.length} documents`,
    `  read         ${[...formats].map(([format, files]) => `${format}: ${files} files`).join('; ')}`,
    ...[...totals].map(([entity, c]) => formatCounts(entity, c)),
    `  warnings     ${warnings}`,
  ].join('\n')}\n`;
}

function formatCounts(entity: string, c: ChangeCounts): string {
  return `  ${entity.padEnd(12)} created ${c.created}  updated ${c.updated}  removed ${c.removed}  unchanged ${c.unchanged}`;
}

/** `html, GB18030`: the format read and, for text formats, the encoding. */
function formatRead(read: FileRead): string {
  return read.encoding ? `${read.format}, ${read.encoding}` : read.format;
}

export function formatReport(report: FileImportReport): string {
  const { town, changes, read } = report;
  const lines = [
    `${report.dryRun ? '[dry run, nothing written] ' : ''}${report.file}: ${town.prefecture}${town.county}${town.name}`,
    `  read         ${read.length === 1 ? formatRead(read[0]) : read.map((file) => `${file.file} (${formatRead(file)})`).join(', ')}`,
    ...Object.entries(changes).map(([entity, c]) => formatCounts(entity, c)),
    `  warnings     ${report.warnings.length}`,
    ...report.warnings.map(
      (warning) =>
        `    ${warning.file}${warning.place ? `: ${warning.place}` : `:${warning.line}`}: ${warning.message}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
