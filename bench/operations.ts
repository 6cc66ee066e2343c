/**
 * The fixed set of operations the benchmark measures, as a dashboard, an analyst and a gateway
 * send them. At scale 1 they name the seed's town and departments; generated towns rename 托里
 * (bench/run.ts), so larger scales name the first generated county's.
 */

import { syllableName } from '../src/ingest/generate';
import { ItemKind } from '../src/modules/common/enums';
import { Item } from '../src/modules/item/item.entity';
import { Town } from '../src/modules/town/town.entity';

export interface Operation {
  name: string;
  description: string;
  query: string;
  variables?: Record<string, unknown>;
}

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
  return [
    {
      name: 'lookup',
      description: 'one department by name',
      query: 'query Lookup($name: String!) { department(name: $name) { id name aliases } }',
      variables: { name: department('托里县应急管理局') },
    },
    {
      name: 'slice',
      description: 'a dashboard slice page (20 items) with its facets',
      query: `query Slice($filter: ItemFilter) {
        items(filter: $filter, first: 20) { totalCount nodes { id number name category { name } } pageInfo { endCursor hasNextPage } }
        facets(filter: $filter) { total byKind { kind count } byDepartment { department { name } count } }
      }`,
      variables: { filter: slice },
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
    },
    {
      name: 'search',
      description: 'search 防汛, first 20 with totalCount',
      query: `query Search($search: String!) { items(filter: { search: $search }, first: 20) { totalCount nodes { number name } } }`,
      variables: { search: '防汛' },
    },
    {
      name: 'entities',
      description: '_entities with 200 item representations (a gateway)',
      query: `query Entities($representations: [_Any!]!) { _entities(representations: $representations) { ... on Item { id name kind number } } }`,
      variables: {
        representations: Array.from({ length: 200 }, (_, i) => ({
          __typename: 'Item',
          id: Item.idFor(town, i % 2 ? ItemKind.BASIC : ItemKind.COOPERATIVE, (i % 90) + 1),
        })),
      },
    },
    {
      name: 'partners',
      description: 'a department’s 10 closest partners with the items in common',
      query: `query Partners($name: String!) {
        department(name: $name) { partners(first: 10) { weight department { name } items { number } } }
      }`,
      variables: { name: department('托里县应急管理局') },
    },
  ];
}

/** The POST body of an operation, named as its query names it. */
export function requestBody(operation: Operation): string {
  const operationName = /query (\w+)/u.exec(operation.query)?.[1];
  return JSON.stringify({ query: operation.query, variables: operation.variables, operationName });
}

export async function post(url: string, operation: Operation): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: requestBody(operation),
  });
  return response.text();
}
