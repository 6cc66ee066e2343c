/**
 * Measures `search` with and without its bigram index on a database of many towns: the seed town
 * copied N times (default 400, about 100,000 items). Prints a Markdown table of plans and times.
 *
 *   npx ts-node --transpile-only bench/search-index.ts [towns]
 *
 * Uses DATABASE_URL (a scratch database: it is emptied) or an embedded PostgreSQL in a temp folder
 * (scratchDatabase).
 */
import path from 'node:path';
import type { Knex } from '@mikro-orm/postgresql';
import pino from 'pino';
import { documentsIn, importFiles } from '../src/ingest/import-files';
import { sql } from '../src/modules/common/sql';
import { itemConditions } from '../src/modules/item/item-filter';
import { scratchDatabase } from './bench-database';

const TERMS = ['防汛', '消防', '退耕还林', '监察委员会', '做好'];
const logger = pino({ level: 'info' }, pino.destination(2));

async function main(): Promise<void> {
  const towns = Number(process.argv[2] ?? 400);
  const { orm, close } = await scratchDatabase(logger);
  try {
    const knex = orm.em.getKnex();
    await importFiles(knex, await documentsIn(path.join(__dirname, '..', 'seeds')));
    logger.info({ towns }, 'copying the seed town');
    await copySeedTown(knex, towns);
    const { rows } = await knex.raw('select count(*)::int as items from item');
    logger.info({ items: rows[0].items }, 'database ready');

    const lines = [
      `${rows[0].items} items in ${towns + 1} towns. Times are EXPLAIN ANALYZE execution times, best of 3.`,
      '',
      '| search | matches | with the index: plan | ms | without (seq scan) | ms |',
      '|---|---|---|---|---|---|',
    ];
    for (const term of TERMS) {
      const withIndex = await measure(knex, term, true);
      const without = await measure(knex, term, false);
      lines.push(
        `| ${term} | ${withIndex.matches} | ${withIndex.plan} | ${withIndex.ms.toFixed(1)} | ${without.plan} | ${without.ms.toFixed(1)} |`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await close();
  }
}

/** The seed town's items and links, again for `count` more towns of the same county. */
async function copySeedTown(knex: Knex, count: number): Promise<void> {
  await knex.raw(
    `insert into town (id, name, county, prefecture)
     select gen_random_uuid(), '复制' || g || '镇', '托里县', '塔城地区' from generate_series(1, ?) g`,
    [count],
  );
  await knex.raw(`
    insert into item (id, town_id, kind, number, name, category_id, town_responsibilities, working_method,
                      discontinued, source_file, source_line, source_cells, search_text, search_bigrams)
    select gen_random_uuid(), t.id, i.kind, i.number, i.name, i.category_id, i.town_responsibilities,
           i.working_method, i.discontinued, i.source_file, i.source_line, i.source_cells, i.search_text,
           i.search_bigrams
    from item i cross join town t
    where t.name like '复制%' and i.town_id = (select id from town where name = '托里镇')`);
  await knex.raw(`
    insert into link (id, item_id, department_id, relation, position, responsibilities)
    select gen_random_uuid(), copy.id, l.department_id, l.relation, l.position, l.responsibilities
    from link l
    join item seed on seed.id = l.item_id and seed.town_id = (select id from town where name = '托里镇')
    join item copy on copy.kind = seed.kind and copy.number = seed.number and copy.town_id <> seed.town_id`);
  await knex.raw('analyze');
}

async function measure(knex: Knex, search: string, useIndex: boolean) {
  const { sql: text, bindings } = sql`select count(*) as matches from item as i where ${itemConditions({ search })}`;
  let best = Number.POSITIVE_INFINITY;
  let plan = '';
  let matches = 0;
  for (let run = 0; run < 3; run++) {
    await knex.transaction(async (trx) => {
      if (!useIndex) await trx.raw('set local enable_bitmapscan = off; set local enable_indexscan = off');
      const explained = await trx.raw(`explain (analyze, format json) ${text}`, bindings as Knex.RawBinding[]);
      const root = explained.rows[0]['QUERY PLAN'][0];
      best = Math.min(best, root['Execution Time']);
      plan = planNodes(root.Plan).join(' → ');
      matches = Number((await trx.raw(text, bindings as Knex.RawBinding[])).rows[0].matches);
    });
  }
  return { ms: best, plan, matches };
}

function planNodes(node: Record<string, any>): string[] {
  const name = node['Index Name'] ? `${node['Node Type']} (${node['Index Name']})` : node['Node Type'];
  return [name, ...(node.Plans ?? []).flatMap(planNodes)];
}

main().catch((error) => {
  logger.fatal({ err: error }, 'benchmark failed');
  process.exit(1);
});
