/**
 * The fixed set of operations the benchmark measures, as a dashboard, an analyst and a gateway
 * send them, each beside the closest request PostGraphile (bench/postgraphile/server.mjs) can
 * answer over the same tables. At scale 1 they name the seed's town and departments; generated
 * towns rename 托里 (bench/run.ts), so larger scales name the first generated county's.
 *
 * PostGraphile's requests alias its field names (`departmentByName`, `rowId`, …) to ours, so both
 * responses have about the same shape and size.
 */

import type { Knex } from '@mikro-orm/postgresql';
import { syllableName } from '../src/ingest/generate';
import { ItemKind } from '../src/modules/common/enums';
import { Item } from '../src/modules/item/item.entity';
import { Town } from '../src/modules/town/town.entity';

export interface Request {
  query: string;
  variables?: Record<string, unknown>;
  /** The rows a response holds: checked once before measuring (found some; PostGraphile as many). */
  rows(data: any): number;
}

export interface Operation extends Request {
  name: string;
  description: string;
  /** The closest PostGraphile request, null where it has none. */
  postgraphile: Request | null;
  /** How close PostGraphile's request is to ours, or why it has none. */
  versus: string;
  /**
   * Served by a hub with its response cache on (the default, in memory): after the first request,
   * every request is a hit. The other operations are measured with the cache off, every request
   * executed, as PostGraphile's are.
   */
  responseCache?: boolean;
}

/** PostGraphile's order for ours by default: town, kind, number, id (the index item_order_index). */
const ITEM_ORDER = '[TOWN_KEY_ASC, KIND_ASC, NUMBER_ASC, ROW_ID_ASC]';

/** The department and town names of the first town at this scale. */
function names(scale: number) {
  if (scale <= 1) return { county: '托里', town: Town.idFor('塔城地区', '托里县', '托里镇') };
  const county = syllableName(0, 3);
  return { county, town: Town.idFor(`${syllableName(0, 2)}地区`, `${county}县`, `${syllableName(0, 3)}镇`) };
}

export function operations(scale = 1): Operation[] {
  const { county, town } = names(scale);
  const department = (name: string) => name.replace('托里', county);
  const slice = { categoryNames: ['应急管理及消防'], kinds: ['COOPERATIVE'] };
  const itemIds = Array.from({ length: 200 }, (_, i) =>
    Item.idFor(town, i % 2 ? ItemKind.BASIC : ItemKind.COOPERATIVE, (i % 90) + 1),
  );
  return [
    {
      name: 'lookup',
      description: 'one department by name',
      query: 'query Lookup($name: String!) { department(name: $name) { id name aliases } }',
      variables: { name: department('托里县应急管理局') },
      rows: (data) => (data.department ? 1 : 0),
      postgraphile: {
        query: 'query Lookup($name: String!) { department: departmentByName(name: $name) { id: rowId name aliases } }',
        variables: { name: department('托里县应急管理局') },
        rows: (data) => (data.department ? 1 : 0),
      },
      versus: 'the same: a unique lookup by name (ours also accepts an alias)',
    },
    {
      name: 'lookup-cached',
      description: 'one department by name, from the response cache (the hub’s default)',
      query: 'query Lookup($name: String!) { department(name: $name) { id name aliases } }',
      variables: { name: department('托里县应急管理局') },
      rows: (data) => (data.department ? 1 : 0),
      responseCache: true,
      postgraphile: null,
      versus: 'none: PostGraphile keeps no answers; its uncached lookup is the lookup row’s',
    },
    {
      name: 'slice',
      description: 'a dashboard slice page (20 items) with its facets (top 10 departments)',
      query: `query Slice($filter: ItemFilter) {
        items(filter: $filter, first: 20) { totalCount nodes { id number name category { name } } pageInfo { endCursor hasNextPage } }
        facets(filter: $filter) { total byKind { kind count } byDepartment(first: 10) { department { name } count } }
      }`,
      variables: { filter: slice },
      rows: (data) => data.items.nodes.length,
      postgraphile: {
        query: `query Slice($category: String!, $kind: ItemKind!) {
          category: categoryByName(name: $category) {
            items: itemsByCategoryId(condition: { kind: $kind }, first: 20, orderBy: ${ITEM_ORDER}) {
              totalCount nodes { id: rowId number name category: categoryByCategoryId { name } } pageInfo { endCursor hasNextPage }
            }
          }
        }`,
        variables: { category: slice.categoryNames[0], kind: slice.kinds[0] },
        rows: (data) => data.category?.items.nodes.length ?? 0,
      },
      versus:
        'the page and its totalCount only, through the category (`condition` takes one value per column and cannot follow a relation): no facets, which need grouping PostGraphile does not do without @graphile/pg-aggregates',
    },
    {
      name: 'traversal',
      description: 'department → 50 items → category, links → department',
      query: `query Traversal($name: String!) {
        department(name: $name) {
          name
          items(first: 50) { totalCount nodes { number name category { name } links { relation responsibilities department { name } } } }
        }
      }`,
      variables: { name: department('托里县住房和城乡建设局') },
      rows: (data) => data.department?.items.nodes.length ?? 0,
      postgraphile: {
        query: `query Traversal($name: String!) {
          department: departmentByName(name: $name) {
            name
            items: itemsByLinkDepartmentIdAndItemId(first: 50, orderBy: ${ITEM_ORDER}) {
              totalCount
              nodes {
                number name category: categoryByCategoryId { name }
                links: linksByItemId(orderBy: POSITION_ASC) { nodes { relation responsibilities department: departmentByDepartmentId { name } } }
              }
            }
          }
        }`,
        variables: { name: department('托里县住房和城乡建设局') },
        rows: (data) => data.department?.items.nodes.length ?? 0,
      },
      versus:
        'the same data in the same order, through pg-many-to-many (department → items via link); links are a connection (`nodes`)',
    },
    {
      name: 'search',
      description: 'search 防汛, first 20 with totalCount',
      query: `query Search($search: String!) { items(filter: { search: $search }, first: 20) { totalCount nodes { number name } } }`,
      variables: { search: '防汛' },
      rows: (data) => data.items.nodes.length,
      postgraphile: null,
      versus:
        'none: `condition` matches whole values only; substring search needs postgraphile-plugin-connection-filter (not installed) or a custom SQL function',
    },
    {
      name: 'entities',
      description: '_entities with 200 item representations (a gateway)',
      query: `query Entities($representations: [_Any!]!) { _entities(representations: $representations) { ... on Item { id name kind number } } }`,
      variables: { representations: itemIds.map((id) => ({ __typename: 'Item', id })) },
      rows: (data) => data._entities.filter(Boolean).length,
      postgraphile: {
        query: `query Entities { ${itemIds.map((id, i) => `i${i}: itemByRowId(rowId: "${id}") { id: rowId name kind number }`).join(' ')} }`,
        rows: (data) => Object.values(data).filter(Boolean).length,
      },
      versus:
        'close: PostGraphile has no federation `_entities` nor a lookup by a list of ids, so 200 aliased `itemByRowId` fields return the same 200 items',
    },
    {
      name: 'partners',
      description: 'a department’s 10 closest partners with the items in common',
      query: `query Partners($name: String!) {
        department(name: $name) { partners(first: 10) { weight department { name } items { number } } }
      }`,
      variables: { name: department('托里县应急管理局') },
      rows: (data) => data.department?.partners.length ?? 0,
      postgraphile: null,
      versus:
        'none: ranking departments by items in common needs a self-join and grouping on link, which PostGraphile does not derive from the tables',
    },
  ];
}

/** The POST body of an operation, named as its query names it. */
export function requestBody(request: Pick<Request, 'query' | 'variables'>): string {
  const operationName = /query (\w+)/u.exec(request.query)?.[1];
  return JSON.stringify({ query: request.query, variables: request.variables, operationName });
}

export async function post(url: string, request: Pick<Request, 'query' | 'variables'>): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: requestBody(request),
  });
  return response.text();
}

/**
 * Sends `runs` requests one at a time (`send(run)`), timing each and counting, on `knex`, the SQL
 * statements of the first: what the one-at-a-time surveys report.
 */
export async function timedRuns(
  knex: Knex,
  runs: number,
  send: (run: number) => Promise<unknown>,
): Promise<{ times: number[]; statements: number }> {
  const times: number[] = [];
  let statements = 0;
  const listener = () => statements++;
  for (let run = 0; run < runs; run++) {
    if (run === 0) knex.on('query', listener);
    const started = performance.now();
    try {
      await send(run);
    } finally {
      if (run === 0) knex.removeListener('query', listener);
    }
    times.push(performance.now() - started);
  }
  return { times, statements };
}
