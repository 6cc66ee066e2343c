/**
 * The staffing example subgraph (schema.graphql): an Apollo Server subgraph another team could
 * run beside the hub. `npx ts-node examples/staffing-subgraph/server.ts` serves it on :4002.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

export const STAFFING_SDL = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');

/** The hub's ids, stored as they are: stable through re-imports and revisions (docs/federation.md). */
export const IDS = {
  /** 托里镇's cooperative items 2, 39 and 108. */
  cooperative2: '69ae5689-32c3-5359-aae0-d75623497cbd',
  cooperative39: '32084a31-4e32-5655-989a-d9b3da949abd',
  cooperative108: 'd1d1666d-6fa0-5248-92e5-33ef7e67b42a',
  /** 托里县公安局's part in cooperative item 39; 托里县纪律检查委员会's in item 2. */
  policeOn39: 'fc783404-4291-5f49-a0ad-ab87ff43fb19',
  disciplineOn2: '5ae0ba64-a06d-501e-a703-f62bfd17bff0',
};

interface Staff {
  id: string;
  name: string;
  department: string;
  assignedItems: string[];
  links: string[];
}

export const STAFF: Staff[] = [
  {
    id: 's1',
    name: '王芳',
    department: '托里县公安局',
    assignedItems: [IDS.cooperative39, IDS.cooperative108],
    links: [IDS.policeOn39],
  },
  // Filed under the department's alias (its canonical name is 托里县纪律检查委员会).
  {
    id: 's2',
    name: '李强',
    department: '托里县监察委员会',
    assignedItems: [IDS.cooperative2],
    links: [IDS.disciplineOn2],
  },
];

/** Keyed by the names the office filed departments under. */
const HEADCOUNT: Record<string, number> = { 托里县公安局: 120, 托里县监察委员会: 15, 托里县应急管理局: 32 };

interface DepartmentReference {
  name: string;
  canonicalName?: string;
  aliases?: string[];
}

export function staffingSchema() {
  return buildSubgraphSchema([
    {
      typeDefs: parse(STAFFING_SDL),
      resolvers: {
        Query: { staff: () => STAFF },
        Staff: {
          department: (staff: Staff) => ({ name: staff.department }),
          assignedItems: (staff: Staff) => staff.assignedItems.map((id) => ({ id })),
          links: (staff: Staff) => staff.links.map((id) => ({ id })),
        },
        Department: {
          // With @requires, the gateway sends the hub's canonical name and aliases too: the
          // department matches whichever of its names the office used.
          headcount: ({ name, canonicalName, aliases = [] }: DepartmentReference) =>
            [name, canonicalName, ...aliases].map((each) => each && HEADCOUNT[each]).find(Boolean) ?? 0,
        },
        Link: {
          contact: ({ id }: { id: string }) => STAFF.find((staff) => staff.links.includes(id)) ?? null,
        },
      },
    },
  ]);
}

/** Serves the subgraph; `port` 0 for any free port. */
export async function startStaffingSubgraph(port = 0): Promise<{ url: string; stop(): Promise<void> }> {
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const server = new ApolloServer({ schema: staffingSchema(), logger: quiet });
  const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

if (require.main === module) {
  startStaffingSubgraph(Number(process.env.PORT ?? 4002)).then(({ url }) => console.log(`staffing subgraph on ${url}`));
}
