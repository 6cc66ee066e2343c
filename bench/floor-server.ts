/**
 * The floor: the same HTTP stack as the hub's GraphQL requests (Node http, `body-parser`'s JSON
 * parsing, as in src/http/graphql-http.ts) answering each operation with the hub's own response,
 * prepared in advance and found by the request's body (parsed, then written again: the same text
 * for the harness's requests). No GraphQL, no database.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import bodyParser from 'body-parser';

const bodies = JSON.parse(readFileSync(process.env.FLOOR_BODIES as string, 'utf8')) as Record<string, string>;
const prepared = new Map(Object.entries(bodies).map(([request, body]) => [request, Buffer.from(body)]));
const json = bodyParser.json({ limit: '1mb' });

http
  .createServer((request: http.IncomingMessage & { body?: unknown }, response) => {
    json(request, response, () => {
      const body = request.method === 'POST' ? prepared.get(JSON.stringify(request.body)) : undefined;
      response.statusCode = body ? 200 : 400;
      response.setHeader('content-type', 'application/json; charset=utf-8');
      response.end(body ?? JSON.stringify({ errors: [{ message: 'unknown operation' }] }));
    });
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('floor ready\n'));
