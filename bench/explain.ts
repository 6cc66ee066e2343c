/**
 * The plans behind the benchmark: runs each operation of bench/operations.ts once on an in-process
 * hub over dutyhub_bench_<scale> (made by `npm run bench`), catches every SQL statement it sends,
 * and runs `EXPLAIN (ANALYZE, BUFFERS)` on each. Writes bench/results/plans.md.
 *
 *   npm run bench:explain -- --scales 1,10000
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import pino from 'pino';
import { initORM } from '../src/db/orm';
import { createServer } from '../src/http/server';
import { benchPostgres } from './bench-database';
import { operations } from './operations';

const root = path.join(__dirname, '..');
const logger = pino({ level: 'info' }, pino.destination(2));

interface Statement {
  sql: string;
  bindings: unknown[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scales: { type: 'string', default: '1,10000' } } });
  const server = await benchPostgres(logger);
  const sections: string[] = [];
  try {
    for (const scale of values.scales.split(',').map(Number)) {
      const url = new URL(server.url);
      url.pathname = `/dutyhub_bench_${scale}`;
      sections.push(await explainScale(url.toString(), scale));
    }
  } finally {
    await server.stop();
  }
  const file = path.join(root, 'bench', 'results', 'plans.md');
  await writeFile(
    file,
    `# Query plans of the benchmark operations\n\nWritten by \`npm run bench:explain -- --scales ${values.scales}\`` +
      ' (bench/explain.ts) over the databases of `npm run bench`: every statement each operation sends, with' +
      ' `EXPLAIN (ANALYZE, BUFFERS)`. Timings are of one cold-ish run on the benchmark machine; the shapes' +
      ' (index range scans, no sort, rows read) are what matter.\n\n' +
      sections.join('\n'),
  );
  logger.info({ file }, 'plans written');
}

async function explainScale(url: string, scale: number): Promise<string> {
  const orm = await initORM({ url });
  const hub = await createServer({ port: 0, production: true, introspection: false }, orm, pino({ level: 'silent' }));
  const endpoint = await hub.listen(0);
  const knex = orm.em.getKnex();
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await knex.raw(
    'select (select count(*) from town)::int as towns, (select count(*) from item)::int as items',
  );
  let out = `## ${rows[0].towns} towns, ${rows[0].items} items\n\n`;
  try {
    // An operation served from the response cache runs no statement once cached; its miss is the lookup's.
    for (const operation of operations(scale).filter((each) => !each.responseCache)) {
      const statements: Statement[] = [];
      // The event's SQL has the driver's own $n placeholders.
      const listener = (query: Statement) => statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
      knex.on('query', listener);
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: operation.query, variables: operation.variables }),
      });
      await response.text();
      knex.removeListener('query', listener);
      out += `### ${operation.name}: ${operation.description} (${statements.length} statements)\n\n`;
      for (const statement of statements) {
        const plan = await client.query(`explain (analyze, buffers, costs off) ${statement.sql}`, statement.bindings);
        const text = plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
        const name = /\/\* (\w+) \*\//u.exec(statement.sql)?.[1] ?? statement.sql.slice(0, 40);
        out += `\`${name}\`\n\n\`\`\`\n${text}\n\`\`\`\n\n`;
      }
    }
  } finally {
    await client.end();
    await hub.stop();
    await orm.close(true);
  }
  return out;
}

main().catch((error) => {
  logger.error({ err: error }, 'explain failed');
  process.exit(1);
});
