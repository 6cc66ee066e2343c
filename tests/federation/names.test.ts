/**
 * The hub's names beside a subgraph it has never seen that defines its own `Link`, `Relation` and
 * `PageInfo` (tests/federation/bookmarks.graphql). Federation has no namespaces: as served, the
 * hub's `Link` and `Relation` collide with those; with FEDERATION_TYPE_PREFIX (docs/federation.md,
 * "Names") every hub type but the four shared entities carries the prefix, and both compose and
 * answer through both gateways.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { composeServices as composeAsHive } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { loadConfig } from '../../src/config';
import { unsizedLists } from '../../src/graphql/limits';
import { buildHubSchema, printHubSchema } from '../../src/graphql/schema';
import { Department } from '../../src/modules/department/department.entity';
import { GATEWAYS, useGateway } from '../support/gateway';
import { useHub } from '../support/hub';

const BOOKMARKS_SDL = readFileSync(path.join(__dirname, 'bookmarks.graphql'), 'utf8');
const PREFIX = 'Duty';
const EMERGENCY = '托里县应急管理局';

const subgraphs = async (typePrefix: string) => [
  { name: 'dutyhub', url: 'http://hub/graphql', typeDefs: parse(await printHubSchema(typePrefix)) },
  { name: 'bookmarks', url: 'http://bookmarks/graphql', typeDefs: parse(BOOKMARKS_SDL) },
];
const compose = async (typePrefix: string) => composeServices(await subgraphs(typePrefix));

describe('composition with a subgraph that has its own Link, Relation and PageInfo', () => {
  it('fails with the contract’s names: Link’s fields and Relation’s values collide', async () => {
    const composition = await compose('');
    const codes = new Set(composition.errors?.map((error) => error.extensions.code));
    expect([...codes].sort()).toEqual(['ENUM_VALUE_MISMATCH', 'INVALID_FIELD_SHARING']);
    // PageInfo of the same shape, @shareable on both sides, composes as it is.
    expect(composition.errors?.filter((error) => error.message.includes('PageInfo'))).toEqual([]);
  });

  it('composes with the prefix, without errors: the hub’s DutyLink and DutyRelation beside Link and Relation', async () => {
    const composition = await compose(PREFIX);
    expect(composition.errors).toBeUndefined();
    const supergraph = composition.supergraphSdl ?? '';
    expect(supergraph).toMatch(/^type DutyPageInfo\n/mu);
    expect(supergraph).toMatch(/^type DutyLink\n {2}@join__type\(graph: DUTYHUB, key: "id"\)/mu);
    expect(supergraph).toMatch(/^type Link\n {2}@join__type\(graph: BOOKMARKS\)/mu);
    expect(supergraph).toMatch(/^enum DutyRelation\n/mu);
    expect(supergraph).toMatch(/^enum Relation\n/mu);
    expect(supergraph).toMatch(/^type Department\n {2}@join__type\(graph: BOOKMARKS, key: "id"\)/mu);
  });

  it('composes alike with Hive’s composition (@theguild/federation-composition)', async () => {
    const without = composeAsHive(await subgraphs(''));
    expect(new Set(without.errors?.map((error) => error.extensions.code))).toEqual(
      new Set(['ENUM_VALUE_MISMATCH', 'INVALID_FIELD_SHARING']),
    );
    const prefixed = composeAsHive(await subgraphs(PREFIX));
    expect(prefixed.errors).toBeUndefined();
    expect(prefixed.supergraphSdl).toMatch(/^type DutyLink /mu);
    expect(prefixed.supergraphSdl).toMatch(/^type Link /mu);
  });

  it('keeps the contract’s names when no prefix is set', async () => {
    const sdl = await printHubSchema();
    expect(sdl).toMatch(/^type Link\n/mu);
    expect(sdl).toMatch(/^enum Relation \{/mu);
    expect(sdl).not.toContain(PREFIX);
  });
});

// The hub as a deployer composing it with such a subgraph runs it: FEDERATION_TYPE_PREFIX=Duty.
const hub = useHub({ typePrefix: PREFIX, cacheMaxAge: 60 });
let bookmarks: ApolloServer;
let bookmarksUrl: string;

beforeAll(async () => {
  bookmarks = new ApolloServer({
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(BOOKMARKS_SDL),
        resolvers: {
          Query: {
            bookmarks: () => ({
              nodes: [{ url: 'https://www.xjtl.gov.cn/', title: '托里县人民政府', relation: 'PARENT' }],
              pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
            }),
          },
          Department: {
            website: ({ id }: { id: string }) =>
              id === Department.idFor(EMERGENCY)
                ? { url: 'https://yjj.example/', title: '应急', relation: 'CHILD' }
                : null,
          },
        },
      },
    ]),
  });
  ({ url: bookmarksUrl } = await startStandaloneServer(bookmarks, { listen: { port: 0, host: '127.0.0.1' } }));
});

afterAll(async () => {
  await bookmarks.stop();
});

describe('the hub served with the prefix', () => {
  it('reads FEDERATION_TYPE_PREFIX: a GraphQL name, unset for none', () => {
    expect(loadConfig({ FEDERATION_TYPE_PREFIX: 'Duty' }).typePrefix).toBe('Duty');
    expect(loadConfig({}).typePrefix).toBe('');
    expect(() => loadConfig({ FEDERATION_TYPE_PREFIX: 'duty-' })).toThrow(
      'FEDERATION_TYPE_PREFIX must be letters, digits and _, starting with a letter; got "duty-"',
    );
  });

  it('costs its prefixed types’ lists as the contract’s: a path’s steps and their items', async () => {
    expect(unsizedLists(await buildHubSchema(PREFIX))).toEqual([]);
    const [from, to] = [Department.idFor(EMERGENCY), Department.idFor('托里县公安局')];
    const { data, errors } = await hub.query(
      `{ departmentPath(from: "${from}", to: "${to}") { __typename department { name } items { number } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data?.departmentPath[0]).toEqual({ __typename: 'DutyPathStep', department: { name: EMERGENCY }, items: [] });
    expect(data?.departmentPath.at(-1).department).toEqual({ name: '托里县公安局' });
  });
});

describe.each(GATEWAYS)('through %s, the hub served with the prefix', (_name, startGateway) => {
  const gateway = useGateway(startGateway, async () => [
    { name: 'dutyhub', url: hub.url, sdl: await printHubSchema(PREFIX) },
    { name: 'bookmarks', url: bookmarksUrl, sdl: BOOKMARKS_SDL },
  ]);

  it('answers both subgraphs’ Links, Relations and PageInfos, and the hub’s prefixed variables', async () => {
    const result = await gateway.query(
      `query ($relation: DutyRelation) {
        bookmarks(relation: PARENT) { nodes { url relation } pageInfo { hasNextPage } }
        department(name: "${EMERGENCY}") {
          website { title relation }
          items(relation: $relation, first: 1) {
            totalCount
            pageInfo { hasNextPage }
            nodes { number links { __typename relation department { name } } }
          }
        }
      }`,
      { relation: 'SHARED' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      bookmarks: { nodes: [{ url: 'https://www.xjtl.gov.cn/', relation: 'PARENT' }], pageInfo: { hasNextPage: false } },
      department: {
        website: { title: '应急', relation: 'CHILD' },
        items: {
          totalCount: 6,
          pageInfo: { hasNextPage: true },
          nodes: [
            {
              number: expect.any(Number),
              links: expect.arrayContaining([
                expect.objectContaining({
                  __typename: 'DutyLink',
                  relation: 'SHARED',
                  department: { name: EMERGENCY },
                }),
              ]),
            },
          ],
        },
      },
    });
  });
});
