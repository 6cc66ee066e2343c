/**
 * The latency of every kind of request a dashboard, an analyst or a gateway sends, one at a time,
 * at one scale: the benchmark (bench/run.ts) measures six operations under load; this walks the
 * rest of the schema (each root field, filters of every kind, other orders, deep pages) to find
 * where one request is slow. Each request is sent `--runs` times in a row to an in-process hub
 * with its response cache and kept slice counts off (every request executed and counted anew);
 * prints the first time, the median of the others, and the SQL statements of one request.
 *   node -r ts-node/register/transpile-only bench/latency-survey.ts --scale 10000 [--runs 5] [--only name,…]
 * Needs the benchmark database of the scale (`npm run bench -- --scales N --prepare-only`).
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { initORM } from '../src/db/orm';
import { createServer } from '../src/http/server';
import { benchPostgres, prepareDatabase } from './bench-database';
import { operations, post, timedRuns } from './operations';

interface Probe {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

const CATEGORY = '应急管理及消防';

/** The requests, given the ids and names found at this scale. */
function probes(a: { id: string; name: string }, b: { id: string }, town: string, cursor: string): Probe[] {
  const page = 'totalCount nodes { id number name category { name } }';
  const items = (name: string, args: string, variables?: Record<string, unknown>): Probe => ({
    name,
    query: `query Q${variables ? '($v: ItemFilter)' : ''} { items(${args}) { ${page} } }`,
    variables: variables && { v: variables },
  });
  return [
    { name: 'department by name', query: `{ department(name: "${a.name}") { id name aliases } }` },
    {
      name: 'department → 50 items → links',
      query: `{ department(name: "${a.name}") { items(first: 50) { ${page.replace('name }', 'name } links { relation department { name } }')} } } }`,
    },
    {
      name: 'department reclaimed items',
      query: `{ department(name: "${a.name}") { items(first: 20, relation: RECLAIMED) { ${page} } } }`,
    },
    {
      name: 'department partners (10)',
      query: `{ department(name: "${a.name}") { partners(first: 10) { weight department { name } } } }`,
    },
    {
      name: 'department path to another county',
      query: `{ departmentPath(from: "${a.id}", to: "${b.id}") { department { name } items { id } } }`,
    },
    {
      name: 'departments search 应急',
      query: '{ departments(search: "应急", first: 10) { totalCount nodes { name } } }',
    },
    { name: 'categories with totals', query: '{ categories { name items(first: 1) { totalCount } } }' },
    {
      name: 'category cooperative page',
      query: `{ category(name: "${CATEGORY}") { items(first: 20, filter: { kinds: [COOPERATIVE] }) { ${page} } } }`,
    },
    {
      name: 'slice with facets',
      query: `query Q($v: ItemFilter) { items(filter: $v, first: 20) { ${page} } facets(filter: $v) { total byKind { kind count } byDepartment(first: 10) { department { name } count } } }`,
      variables: { v: { categoryNames: [CATEGORY], kinds: ['COOPERATIVE'] } },
    },
    items('items, first page', 'first: 20'),
    items('items, page after 20', `first: 20, after: "${cursor}"`),
    items('items, last page', 'last: 20'),
    items('items of a department', 'filter: $v, first: 20', { departmentIds: [a.id] }),
    items('items a department reclaimed', 'filter: $v, first: 20', { departmentIds: [a.id], relation: 'RECLAIMED' }),
    items('items of a town', 'filter: $v, first: 20', { townIds: [town] }),
    items('items of one kind', 'filter: $v, first: 20', { kinds: ['RECLAIMED'] }),
    items('items numbered 1', 'filter: $v, first: 20', { numbers: [1] }),
    items('items not basic', 'filter: $v, first: 20', { not: { kinds: ['BASIC'] } }),
    items('items of a category or a search', 'filter: $v, first: 20', {
      or: [{ categoryNames: [CATEGORY] }, { search: '防汛' }],
    }),
    items('search 防汛', 'filter: $v, first: 20', { search: '防汛' }),
    items('search 安全生产', 'filter: $v, first: 20', { search: '安全生产' }),
    items('search 应急 in a category', 'filter: $v, first: 20', { categoryNames: [CATEGORY], search: '应急' }),
    items('order by number desc', 'first: 20, orderBy: [{ field: NUMBER, direction: DESC }]'),
    items('order by name', 'first: 20, orderBy: [{ field: NAME }]'),
    items('category by name order', 'filter: $v, first: 20, orderBy: [{ field: NAME }]', {
      categoryNames: [CATEGORY],
    }),
    items('town by number desc', 'filter: $v, first: 20, orderBy: [{ field: NUMBER, direction: DESC }]', {
      townIds: [town],
    }),
    {
      name: 'facets of all items',
      query:
        '{ facets { total byKind { kind count } byCategory(first: 5) { count } byDepartment(first: 10) { count } byTown(first: 10) { count } } }',
    },
    {
      name: 'facets of a town',
      query: `{ facets(filter: { townIds: ["${town}"] }) { total byCategory { count } byDepartment { count } } }`,
    },
    {
      name: 'matrix of a town',
      query: `{ categoryDepartmentMatrix(filter: { townIds: ["${town}"] }) { counts departments { name } } }`,
    },
    {
      name: 'matrix of a category',
      query: `{ categoryDepartmentMatrix(filter: { categoryNames: ["${CATEGORY}"] }) { counts } }`,
    },
    {
      name: 'graph of a town',
      query: `{ departmentGraph(filter: { townIds: ["${town}"] }) { nodes { betweenness } edges { weight } } }`,
    },
    {
      name: 'graph of a category and kind',
      query: `{ departmentGraph(filter: { categoryNames: ["${CATEGORY}"], kinds: [COOPERATIVE] }, minWeight: 50) { nodes { betweenness } edges { weight } } }`,
    },
    {
      name: 'town → 50 items → links',
      query: `{ town(id: "${town}") { items(first: 50) { nodes { name links { department { name } } } } } }`,
    },
    { name: 'towns', query: '{ towns { id name county } }' },
  ];
}

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      runs: { type: 'string', default: '5' },
      only: { type: 'string' },
    },
  });
  const scale = Number(values.scale);
  const runs = Number(values.runs);
  const logger = pino({ level: 'warn' });
  const postgres = await benchPostgres(logger);
  const url = await prepareDatabase(postgres.url, scale, logger);
  const orm = await initORM({ url });
  const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'production', RESPONSE_CACHE: 'off' });
  const hub = await createServer({ ...config, keepSliceCounts: false, port: 0 }, orm, pino({ level: 'silent' }));
  const endpoint = await hub.listen(0);
  const knex = orm.em.getKnex();
  const send = async (probe: Pick<Probe, 'query' | 'variables'>) => {
    const body = JSON.parse(await post(endpoint, probe)) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(`${probe.query}: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  try {
    const lookup = operations(scale).find((operation) => operation.name === 'lookup');
    const name = lookup?.variables?.name as string;
    const found = await send({
      query: `{ a: department(name: "${name}") { id name } others: departments(search: "应急管理局", first: 500) { nodes { id } } items(first: 20) { pageInfo { endCursor } nodes { town { id } } } }`,
    });
    const others = found.others.nodes;
    const chosen = probes(
      found.a,
      others[others.length - 1],
      found.items.nodes[0].town.id,
      found.items.pageInfo.endCursor,
    ).filter((probe) => !values.only || values.only.split(',').includes(probe.name));
    process.stdout.write(`| request (${scale} towns) | first ms | median ms | statements |\n|---|---|---|---|\n`);
    for (const probe of chosen) {
      const { times, statements } = await timedRuns(knex, runs, () => send(probe));
      const rest = times.slice(1).sort((x, y) => x - y);
      const median = rest.length > 0 ? rest[Math.floor(rest.length / 2)] : times[0];
      process.stdout.write(`| ${probe.name} | ${times[0].toFixed(1)} | ${median.toFixed(1)} | ${statements} |\n`);
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
