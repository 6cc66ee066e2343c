/**
 * The hub composed with another team's subgraph (examples/staffing-subgraph) by @apollo/composition
 * and queried through two real gateways, @apollo/gateway and Hive Gateway, over HTTP to both
 * subgraphs: hub → staffing and staffing → hub, keys by id and by name, batches counted in SQL.
 */
import { composeServices } from '@apollo/composition';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'graphql';
import { IDS, STAFFING_SDL, startStaffingSubgraph } from '../../examples/staffing-subgraph/server';
import { printHubSchema } from '../../src/graphql/schema';
import { GATEWAYS, type GatewayResult, useGateway } from '../support/gateway';
import { useHub } from '../support/hub';

// The lists' cache age as served by default (CACHE_MAX_AGE).
const hub = useHub({ cacheMaxAge: 60 });
let staffing: Awaited<ReturnType<typeof startStaffingSubgraph>>;

beforeAll(async () => {
  staffing = await startStaffingSubgraph();
});

afterAll(async () => {
  await staffing.stop();
});

/** The names of the hub's statements during `action`, from their name comments. */
async function statementNames(action: () => Promise<unknown>): Promise<(string | undefined)[]> {
  return (await hub.statementsDuring(action)).map((sql) => sql.match(/\/\* (\w+)/u)?.[1]);
}

describe('composition', () => {
  it('composes the hub and the staffing example without errors or hints', async () => {
    const composition = composeServices([
      { name: 'dutyhub', url: 'http://hub/graphql', typeDefs: parse(await printHubSchema()) },
      { name: 'staffing', url: 'http://staffing/graphql', typeDefs: parse(STAFFING_SDL) },
    ]);
    expect(composition.errors).toBeUndefined();
    expect(composition.hints).toEqual([]);
  });
});

describe.each(GATEWAYS)('through %s', (_name, startGateway) => {
  const gateway = useGateway(startGateway, async () => [
    { name: 'dutyhub', url: hub.url, sdl: await printHubSchema() },
    { name: 'staffing', url: staffing.url, sdl: STAFFING_SDL },
  ]);

  it('goes from the staffing subgraph into the hub by name: department → items → links', async () => {
    let result: GatewayResult | undefined;
    const statements = await statementNames(async () => {
      result = await gateway.query(`{
        staff {
          name
          department {
            name
            canonicalName
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
            canonicalName: '托里县公安局',
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
          // Known to staffing by its alias: `name` keeps staffing's value; the hub resolves the
          // canonical department, and says its canonical name.
          department: {
            name: '托里县监察委员会',
            canonicalName: '托里县纪律检查委员会',
            aliases: ['托里县监察委员会'],
            headcount: 15,
            items: { totalCount: 1, nodes: [{ kind: 'COOPERATIVE', number: 2, links: expect.any(Array) }] },
          },
        },
      ],
    });
    // One _entities call for both departments: names, item pages with totals, links with departments.
    expect(statements).toEqual(['departmentsByName', expect.any(String), 'linksByItem']);
  });

  it('goes from the hub into the staffing subgraph, which matches the alias it stored by @requires', async () => {
    const result = await gateway.query(`{
      police: department(name: "托里县应急管理局") { name headcount items(relation: SHARED) { totalCount } }
      discipline: department(name: "托里县纪律检查委员会") { name canonicalName headcount }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      police: { name: '托里县应急管理局', headcount: 32, items: { totalCount: 6 } },
      // Staffing filed it under 托里县监察委员会; the gateway sent it the aliases it requires.
      discipline: { name: '托里县纪律检查委员会', canonicalName: '托里县纪律检查委员会', headcount: 15 },
    });
  });

  it('resolves the staffing subgraph’s item references by id in one batch', async () => {
    let result: GatewayResult | undefined;
    const statements = await statementNames(async () => {
      result = await gateway.query('{ staff { name assignedItems { id kind number category { name } } } }');
    });
    expect(result?.errors).toBeUndefined();
    expect(result?.data?.staff).toEqual([
      {
        name: '王芳',
        assignedItems: [
          { id: IDS.cooperative39, kind: 'COOPERATIVE', number: 39, category: { name: expect.any(String) } },
          { id: IDS.cooperative108, kind: 'COOPERATIVE', number: 108, category: { name: expect.any(String) } },
        ],
      },
      {
        name: '李强',
        assignedItems: [{ id: IDS.cooperative2, kind: 'COOPERATIVE', number: 2, category: { name: '党的建设' } }],
      },
    ]);
    expect(statements).toEqual(['itemsById']);
  });

  it('resolves links by id both ways: staffing → the hub’s link, the hub’s link → its contact', async () => {
    let result: GatewayResult | undefined;
    const statements = await statementNames(async () => {
      result = await gateway.query('{ staff { name links { id relation department { name } item { number } } } }');
    });
    expect(result?.errors).toBeUndefined();
    expect(result?.data?.staff).toEqual([
      {
        name: '王芳',
        links: [{ id: IDS.policeOn39, relation: 'SHARED', department: { name: '托里县公安局' }, item: { number: 39 } }],
      },
      {
        name: '李强',
        links: [
          {
            id: IDS.disciplineOn2,
            relation: 'SHARED',
            department: { name: '托里县纪律检查委员会' },
            item: { number: 2 },
          },
        ],
      },
    ]);
    // Both links in one statement, then their items in one.
    expect(statements).toEqual(['linksById', 'itemsById']);

    const back = await gateway.query(
      `query ($id: ID!) { item(id: $id) { number links { department { name } contact { name } } } }`,
      { id: IDS.cooperative39 },
    );
    expect(back.errors).toBeUndefined();
    expect(back.data?.item.links).toContainEqual({ department: { name: '托里县公安局' }, contact: { name: '王芳' } });
    expect(back.data?.item.links.filter((link: { contact: unknown }) => link.contact === null)).toHaveLength(
      back.data?.item.links.length - 1,
    );
  });

  it('receives the hub’s ftv1 trace, and staffing’s, for the fields each resolved', async () => {
    const traces = await gateway.traces('{ staff { name department { canonicalName } } towns { name } }');
    expect(traces).toEqual(
      expect.arrayContaining([
        { subgraph: 'staffing', fields: ['staff'] },
        { subgraph: 'dutyhub', fields: ['towns'] },
        { subgraph: 'dutyhub', fields: ['_entities'] },
      ]),
    );
    expect(traces).toHaveLength(3);
  });

  it('answers a hub-only query with the hub’s Cache-Control', async () => {
    const result = await gateway.query('{ towns { name } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ towns: [{ name: '托里镇' }] });
    expect(result.cacheControl).toBe('max-age=60, public');
  });
});
