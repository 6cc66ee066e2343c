/** The example subgraph of tests/federation/staffing.graphql, served over HTTP like a real one. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { ItemKind } from '../../src/modules/common/enums';
import { Item } from '../../src/modules/item/item.entity';
import { Town } from '../../src/modules/town/town.entity';

/** Ids other services store: derived from natural keys, so they can be computed here too. */
const toliTown = Town.idFor('塔城地区', '托里县', '托里镇');
export const itemId = (kind: ItemKind, number: number) => Item.idFor(toliTown, kind, number);

export const STAFF = [
  {
    id: 's1',
    name: '王芳',
    department: '托里县公安局',
    assignedItems: [itemId(ItemKind.COOPERATIVE, 39), itemId(ItemKind.COOPERATIVE, 108)],
  },
  // The staffing office knows this department by its alias.
  { id: 's2', name: '李强', department: '托里县监察委员会', assignedItems: [itemId(ItemKind.COOPERATIVE, 2)] },
];

const HEADCOUNT: Record<string, number> = { 托里县公安局: 120, 托里县监察委员会: 15, 托里县应急管理局: 32 };

export const STAFFING_SDL = readFileSync(path.join(__dirname, 'staffing.graphql'), 'utf8');

export async function startStaffingSubgraph(): Promise<{ url: string; requests: string[]; stop(): Promise<void> }> {
  const requests: string[] = [];
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const server = new ApolloServer({
    logger: quiet,
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(STAFFING_SDL),
        resolvers: {
          Query: { staff: () => STAFF },
          Staff: {
            department: (staff: (typeof STAFF)[number]) => ({ name: staff.department }),
            assignedItems: (staff: (typeof STAFF)[number]) => staff.assignedItems.map((id) => ({ id })),
          },
          Department: {
            __resolveReference: (reference: { name: string }) => ({ name: reference.name }),
            headcount: (department: { name: string }) => HEADCOUNT[department.name] ?? 0,
          },
        },
      },
    ]),
    plugins: [{ requestDidStart: async ({ request }) => void requests.push(request.query ?? '') }],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, requests, stop: () => server.stop() };
}
