/**
 * The command line: `import`, `migrate`, `serve`, `emit-schema`. Each opens the same database the
 * server uses (DATABASE_URL, else the embedded one) and applies pending migrations first.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { composeSupergraph } from './compose';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import type { ImportReport } from './ingest/import';
import { importFiles } from './ingest/import-files';
import { IngestError } from './ingest/ingest-error';
import { createLogger } from './logger';
import { printHubSchema } from './schema';
import { serve } from './serve';

const USAGE = `usage: dutyhub <command>
  import [--dry-run] <file…>   import town documents (one transaction each); --dry-run reports without writing
  migrate                      apply pending database migrations
  serve                        serve GraphQL (the default of npm start)
  emit-schema [--check] [--file F]
                               write the SDL (schema/schema.graphql), or with --check fail if it is stale
  compose [--config F] [--out F] [--check]
                               compose the subgraphs of supergraph.yaml (rover's format) into
                               schema/supergraph.graphql; --check fails if that file is stale`;

const SCHEMA_FILE = path.join('schema', 'schema.graphql');

export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const logger = createLogger(config, command === 'serve' ? 1 : 2);
  try {
    switch (command) {
      case 'import':
        return await importCommand(rest, logger);
      case 'migrate':
        return await migrateCommand(logger);
      case 'serve':
        return await serveCommand(logger);
      case 'emit-schema':
        return await emitSchemaCommand(rest);
      case 'compose':
        return await composeCommand(rest);
      default:
        process.stderr.write(`${USAGE}\n`);
        return command === undefined || command === 'help' ? 0 : 2;
    }
  } catch (error) {
    if (error instanceof IngestError) {
      process.stderr.write(`error: ${error.message}\nnothing was written\n`);
      return 1;
    }
    logger.fatal({ err: error }, `${command} failed`);
    return 1;
  }
}

async function importCommand(args: string[], logger: Logger): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'dry-run': { type: 'boolean' } },
    allowPositionals: true,
  });
  if (positionals.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const database = await openDatabase(loadConfig(), logger);
  try {
    const reports = await importFiles(database.orm.em.getKnex(), positionals, { dryRun: values['dry-run'], logger });
    process.stdout.write(reports.map(formatReport).join('\n'));
    return 0;
  } finally {
    await database.close();
  }
}

async function migrateCommand(logger: Logger): Promise<number> {
  const database = await openDatabase(loadConfig(), logger);
  await database.close();
  process.stdout.write(
    database.applied.length ? `applied: ${database.applied.join(', ')}\n` : 'the database is up to date\n',
  );
  return 0;
}

async function serveCommand(logger: Logger): Promise<number> {
  // Listening from the start: a signal during start-up shuts down as soon as start-up is done.
  const stopRequested = new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const hub = await serve(loadConfig(), logger);
  await stopRequested;
  await hub.close();
  return 0;
}

async function emitSchemaCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { check: { type: 'boolean' }, file: { type: 'string', default: SCHEMA_FILE } },
  });
  const sdl = await printHubSchema();
  if (!values.check) {
    await writeFile(values.file, sdl);
    process.stdout.write(`wrote ${values.file}\n`);
    return 0;
  }
  const committed = await readFile(values.file, 'utf8').catch(() => '');
  if (committed === sdl) return 0;
  process.stderr.write(`${values.file} is stale: run npm run schema:emit and commit it\n`);
  return 1;
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
  if (values.check) {
    if ((await readFile(values.out, 'utf8').catch(() => '')) === composition.supergraphSdl) return 0;
    process.stderr.write(`${values.out} is stale: run npm run compose and commit it\n`);
    return 1;
  }
  await writeFile(values.out, composition.supergraphSdl);
  process.stdout.write(`wrote ${values.out}\n`);
  return 0;
}

export function formatReport(report: ImportReport): string {
  const { town, changes } = report;
  const lines = [
    `${report.dryRun ? '[dry run, nothing written] ' : ''}${report.file}: ${town.prefecture}${town.county}${town.name}`,
    ...Object.entries(changes).map(
      ([entity, c]) =>
        `  ${entity.padEnd(12)} created ${c.created}  updated ${c.updated}  removed ${c.removed}  unchanged ${c.unchanged}`,
    ),
    `  warnings     ${report.warnings.length}`,
    ...report.warnings.map((warning) => `    ${warning.file}:${warning.line}: ${warning.message}`),
  ];
  return `${lines.join('\n')}\n`;
}
