/**
 * The hub composed with another team's subgraph by @apollo/composition and queried through a real
 * @apollo/gateway, over HTTP to both subgraphs: hub → staffing and staffing → hub.
 */

import { composeServices } from '@apollo/composition';
import type { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { printHubSchema } from '../../src/graphql/schema';
import { apolloGateway, supergraphOf } from '../support/gateway';
import { useHub } from '../support/hub';
import { STAFFING_SDL, startStaffingSubgraph } from './staffing-subgraph';

const hub = useHub();
let staffing: Awaited<ReturnType<typeof startStaffingSubgraph>>;
let gateway: ApolloServer;

beforeAll(async () => {
  staffing = await startStaffingSubgraph();
  gateway = await apolloGateway(
    supergraphOf([
      { name: 'dutyhub', url: hub.url, sdl: await printHubSchema() },
      { name: 'staffing', url: staffing.url, sdl: STAFFING_SDL },
    ]),
  );
});

afterAll(async () => {
  await gateway.stop();
  await staffing.stop();
});

async function throughGateway(query: string) {
  const response = await gateway.executeOperation({ query });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('composition', () => {
  it('composes the hub and the staffing subgraph without errors or hints', async () => {
    const composition = composeServices([
      { name: 'dutyhub', url: 'http://hub/graphql', typeDefs: parse(await printHubSchema()) },
      { name: 'staffing', url: 'http://staffing/graphql', typeDefs: parse(STAFFING_SDL) },
    ]);
    expect(composition.errors).toBeUndefined();
    expect(composition.hints).toEqual([]);
  });
});

describe('through the gateway', () => {
  it('goes from the staffing subgraph into the hub: department → items → links', async () => {
    let result: Awaited<ReturnType<typeof throughGateway>> | undefined;
    const statements = await hub.statementsDuring(async () => {
      result = await throughGateway(`{
        staff {
          name
          department {
            name
            aliases
            headcount
            items(relation: SHARED, first: 2) {
              totalCount
              nodes { kind number links { relation department { name } } }
            }
          }
        }
      }`);
    });
    expect(result?.errors).toBeUndefined();
    expect(result?.data).toEqual({
      staff: [
        {
          name: '王芳',
          department: {
            name: '托里县公安局',
            aliases: [],
            headcount: 120,
            items: {
              totalCount: 9,
              nodes: [
                {
                  kind: 'COOPERATIVE',
                  number: 14,
                  links: [
                    { relation: 'SHARED', department: { name: '托里县委宣传部' } },
                    { relation: 'SHARED', department: { name: '托里县网络安全和信息化委员会办公室' } },
                    { relation: 'SHARED', department: { name: '托里县公安局' } },
                  ],
                },
                {
                  kind: 'COOPERATIVE',
                  number: 23,
                  links: expect.arrayContaining([{ relation: 'SHARED', department: { name: '托里县公安局' } }]),
                },
              ],
            },
          },
        },
        {
          name: '李强',
          // Known to staffing by its alias: the key field keeps staffing's value, and the hub
          // resolves the reference to the canonical department, whose aliases and items it serves.
          department: {
            name: '托里县监察委员会',
            aliases: ['托里县监察委员会'],
            headcount: 15,
            items: { totalCount: 1, nodes: [{ kind: 'COOPERATIVE', number: 2, links: expect.any(Array) }] },
          },
        },
      ],
    });
    // One _entities call for both departments: name lookup, item pages with totals, links with departments.
    expect(statements).toHaveLength(3);
  });

  it('goes from the hub into the staffing subgraph for a department it knows by name', async () => {
    const result = await throughGateway(`{
      department(name: "托里县应急管理局") { name headcount items(relation: SHARED) { totalCount } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      department: { name: '托里县应急管理局', headcount: 32, items: { totalCount: 6 } },
    });
  });

  it("resolves the staffing subgraph's item references in the hub, in one batch", async () => {
    let result: Awaited<ReturnType<typeof throughGateway>> | undefined;
    const statements = await hub.statementsDuring(async () => {
      result = await throughGateway('{ staff { name assignedItems { kind number name category { name } } } }');
    });
    expect(result?.errors).toBeUndefined();
    expect(result?.data?.staff).toEqual([
      {
        name: '王芳',
        assignedItems: [
          { kind: 'COOPERATIVE', number: 39, name: expect.any(String), category: { name: expect.any(String) } },
          { kind: 'COOPERATIVE', number: 108, name: expect.any(String), category: { name: expect.any(String) } },
        ],
      },
      {
        name: '李强',
        assignedItems: [{ kind: 'COOPERATIVE', number: 2, name: expect.any(String), category: { name: '党的建设' } }],
      },
    ]);
    // Items by id, with their categories.
    expect(statements.map((sql) => sql.match(/\/\* (\w+)/u)?.[1])).toEqual(['itemsById']);
  });
});
