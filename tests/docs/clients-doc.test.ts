/**
 * docs/clients.md stays true: its Apollo Client cache policies, taken from the guide's first ```ts
 * block, cover every connection of schema/client.graphql with the right keyArgs, and page a
 * department's SHARED and RECLAIMED items apart with Apollo Client 4 against a hub on the seed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ApolloClient,
  type ApolloClient as Client,
  gql,
  HttpLink,
  InMemoryCache,
  type TypePolicies,
} from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from '@jest/globals';
import { buildSchema, getNamedType, isObjectType } from 'graphql';
import { filter, firstValueFrom } from 'rxjs';
import ts from 'typescript';
import { useHub } from '../support/hub';

const root = path.join(__dirname, '..', '..');
const guide = readFileSync(path.join(root, 'docs', 'clients.md'), 'utf8');

/** The guide's `index`-th ```ts block, compiled and run as a module: its exports. */
function guideBlock(index: number): Record<string, unknown> {
  const block = [...guide.matchAll(/```ts\n([\s\S]*?)\n```/gu)][index]?.[1];
  if (!block) throw new Error(`docs/clients.md has no ${index + 1}th \`\`\`ts block`);
  const { outputText } = ts.transpileModule(block, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const module = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', 'exports', outputText)(require, module, module.exports);
  return module.exports;
}

/** The first block: the cache policies. */
const guideModule = () => guideBlock(0) as { typePolicies: TypePolicies; cache: InMemoryCache };

const PAGE_ARGUMENTS = new Set(['first', 'after', 'last', 'before']);

describe("the guide's typePolicies", () => {
  it('give every connection field of the client schema relayStylePagination keyed by its other arguments', () => {
    const { typePolicies } = guideModule();
    const schema = buildSchema(readFileSync(path.join(root, 'schema', 'client.graphql'), 'utf8'));
    const wanted: Record<string, string[]> = {};
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (!getNamedType(field.type).name.endsWith('Connection')) continue;
        wanted[`${type.name}.${field.name}`] = field.args
          .map((arg) => arg.name)
          .filter((name) => !PAGE_ARGUMENTS.has(name))
          .sort();
      }
    }
    const given: Record<string, string[]> = {};
    for (const [type, policy] of Object.entries(typePolicies)) {
      for (const [field, fieldPolicy] of Object.entries(policy.fields ?? {})) {
        given[`${type}.${field}`] = [...((fieldPolicy as { keyArgs: string[] }).keyArgs ?? [])].sort();
      }
    }
    expect(given).toEqual(wanted);
    expect(Object.keys(wanted).sort()).toEqual([
      'Category.items',
      'Department.items',
      'Query.departments',
      'Query.items',
      'Town.items',
      'TownVersion.items',
    ]);
  });
});

describe("the guide's graphql-codegen configuration", () => {
  it('generates typed documents from schema/client.graphql', async () => {
    const config = (guideBlock(2) as { default: CodegenConfig }).default;
    expect(config.schema).toBe('schema/client.graphql');
    const previous = process.cwd();
    process.chdir(root);
    try {
      // The hub's own test operations stand for the client's documents.
      const outputs = await generate({ ...config, documents: ['tests/operations/**/*.graphql'], silent: true }, false);
      const types = outputs.find((output: { filename: string }) => output.filename === 'src/gql/graphql.ts')?.content;
      expect(types).toContain('export type DepartmentItemCountArgs = {');
    } finally {
      process.chdir(previous);
    }
  });
});

describe('Apollo Client 4 against the hub', () => {
  const hub = useHub();
  const NAME = '托里县应急管理局';

  const DEPARTMENT_ITEMS = gql`
    query DepartmentItems($name: String!, $relation: Relation, $first: Int, $after: String) {
      department(name: $name) {
        id
        name
        items(relation: $relation, first: $first, after: $after) {
          totalCount
          edges { cursor node { id kind number name } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }
  `;

  interface Tab {
    department: {
      items: {
        totalCount: number;
        edges: { cursor: string; node: { id: string; kind: string; number: number } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
  }

  /** A client over the hub that counts the requests it sends. */
  function clientWith(cache: InMemoryCache): { client: Client; requests: () => number } {
    let sent = 0;
    const counting: typeof fetch = (input, init) => {
      sent += 1;
      return fetch(input, init);
    };
    return {
      client: new ApolloClient({ link: new HttpLink({ uri: hub.url, fetch: counting }), cache }),
      requests: () => sent,
    };
  }

  /** What the hub lists for the department and relation, as `kind-number`. */
  async function listed(relation: string): Promise<string[] | undefined> {
    const { data } = await hub.query(
      `{ department(name: "${NAME}") { items(relation: ${relation}, first: 50) { nodes { kind number } } } }`,
    );
    return (data?.department.items.nodes as { kind: string; number: number }[] | undefined)?.map(
      (node) => `${node.kind}-${node.number}`,
    );
  }

  /** The first complete result of a watched query. */
  const complete = async (query: ReturnType<Client['watchQuery']>) =>
    (await firstValueFrom(query.pipe(filter((result) => result.dataState === 'complete')))).data;

  const labels = (tab: Tab | undefined) =>
    tab?.department.items.edges.map((edge) => `${edge.node.kind}-${edge.node.number}`);

  /** The SHARED tab: a first page of 4, then `fetchMore` for the rest, as the guide pages it. */
  async function pageShared(client: Client): Promise<Tab | undefined> {
    const shared = client.watchQuery({
      query: DEPARTMENT_ITEMS,
      variables: { name: NAME, relation: 'SHARED', first: 4 },
    });
    // Watched while it pages, as a component showing the tab watches it.
    const subscription = shared.subscribe(() => undefined);
    try {
      const first = (await complete(shared)) as Tab;
      expect(first.department.items.edges).toHaveLength(4);
      await shared.fetchMore({ variables: { after: first.department.items.pageInfo.endCursor } });
      // What the tab shows now: the cache's answer to its query, both pages joined.
      return client.readQuery({ query: DEPARTMENT_ITEMS, variables: shared.variables }) as Tab;
    } finally {
      subscription.unsubscribe();
    }
  }

  const reclaimedTab = (client: Client) =>
    client.query({ query: DEPARTMENT_ITEMS, variables: { name: NAME, relation: 'RECLAIMED', first: 4 } });

  it("pages SHARED, then shows RECLAIMED's own items, with the guide's policies", async () => {
    const [sharedItems, reclaimedItems] = [await listed('SHARED'), await listed('RECLAIMED')];
    expect([sharedItems?.length, reclaimedItems?.length]).toEqual([6, 2]);
    const { client, requests } = clientWith(guideModule().cache);

    const shared = await pageShared(client);
    expect(labels(shared)).toEqual(sharedItems);
    expect(shared?.department.items.totalCount).toBe(6);
    expect(requests()).toBe(2);

    const reclaimed = (await reclaimedTab(client)).data as Tab;
    expect(labels(reclaimed)).toEqual(reclaimedItems);
    expect(reclaimed.department.items.totalCount).toBe(2);
    expect(requests()).toBe(3);

    // Back to the SHARED tab: its two pages, from the cache.
    const again = await client.query({
      query: DEPARTMENT_ITEMS,
      variables: { name: NAME, relation: 'SHARED', first: 4 },
    });
    expect(labels(again.data as Tab)).toEqual(sharedItems);
    expect(requests()).toBe(3);
  });

  it('shows the SHARED items on the RECLAIMED tab, from the cache, without keyArgs', async () => {
    const cache = new InMemoryCache({
      typePolicies: { ...guideModule().typePolicies, Department: { fields: { items: relayStylePagination() } } },
    });
    const { client, requests } = clientWith(cache);
    const sharedItems = await listed('SHARED');
    await pageShared(client);
    expect(requests()).toBe(2);
    const reclaimed = (await reclaimedTab(client)).data as Tab;
    expect(labels(reclaimed)).toEqual(sharedItems);
    expect(requests()).toBe(2);
  });

  it('keeps only the last page of nodes, where edges hold every page', async () => {
    const { client } = clientWith(guideModule().cache);
    const NODES = gql`
      query DepartmentItemNodes($name: String!, $first: Int, $after: String) {
        department(name: $name) {
          id
          items(relation: SHARED, first: $first, after: $after) {
            nodes { id kind number }
            edges { cursor node { id } }
            pageInfo { hasNextPage endCursor }
          }
        }
      }
    `;
    const watched = client.watchQuery({ query: NODES, variables: { name: NAME, first: 4 } });
    const subscription = watched.subscribe(() => undefined);
    try {
      type NodesTab = {
        department: { items: { nodes: { number: number }[]; edges: unknown[]; pageInfo: { endCursor: string } } };
      };
      const first = (await complete(watched)) as NodesTab;
      await watched.fetchMore({ variables: { after: first.department.items.pageInfo.endCursor } });
      const merged = client.readQuery({ query: NODES, variables: watched.variables }) as NodesTab;
      expect(merged.department.items.edges).toHaveLength(6);
      expect(merged.department.items.nodes).toHaveLength(2);
    } finally {
      subscription.unsubscribe();
    }
  });
});
