/**
 * PostGraphile V5 over the hub's tables, for the side-by-side benchmark (bench/run.ts). It declares
 * Node 22 (`Promise.withResolvers`); the harness runs it on the hub's Node 20 with a polyfill:
 *
 *   DATABASE_URL=postgres://… PORT=4603 node -r ./bench/postgraphile/promise-with-resolvers.cjs bench/postgraphile/server.mjs
 *
 * The amber preset infers the schema from the tables and their foreign keys (item → town,
 * category; link → item, department); the many-to-many preset adds department → items through
 * `link`. Set up as in production: no GraphiQL, no explain, no watch, the hub's pool size.
 */
import { createServer } from 'node:http';
import { PgManyToManyPreset } from '@graphile-contrib/pg-many-to-many';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { jsonPgSmartTags } from 'postgraphile/utils';

const port = Number(process.env.PORT ?? 4603);

/**
 * By default PostGraphile orders by neither enum nor unindexed columns; these two make the hub’s
 * orders expressible: items by (town_key, kind, number, id), as the index item_order_index, and a
 * link list lead department first (position).
 */
const OrderTags = jsonPgSmartTags({
  version: 1,
  config: {
    // A department's name is unique through its primary key (the id is the name's UUID v5), not
    // by a constraint of its own; this gives PostGraphile its `departmentByName` lookup back.
    class: { department: { tags: { unique: 'name' } } },
    attribute: {
      'item.kind': { tags: { behavior: '+orderBy' } },
      'link.position': { tags: { behavior: '+orderBy' } },
    },
  },
});

const preset = {
  extends: [PostGraphileAmberPreset, PgManyToManyPreset],
  plugins: [OrderTags],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ['public'],
      poolConfig: { max: Number(process.env.DB_POOL_SIZE ?? 10) },
    }),
  ],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const server = createServer();
pgl.createServ(grafserv).addTo(server);
// Answer only once the schema is built, so the harness's readiness check means ready.
await pgl.getSchema();
server.listen(port, '127.0.0.1', () => process.stdout.write(`PostGraphile ready on ${port}\n`));

const stop = async () => {
  server.close();
  await pgl.release();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
