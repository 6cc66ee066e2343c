/**
 * The floor: the same HTTP stack as the hub (Node http + Express 5 + JSON body parsing) answering
 * each operation with the hub's own response, prepared in advance. No GraphQL, no database.
 */
import { readFileSync } from 'node:fs';
import express from 'express';

const bodies = JSON.parse(readFileSync(process.env.FLOOR_BODIES as string, 'utf8')) as Record<string, string>;
const prepared = new Map(Object.entries(bodies).map(([name, body]) => [name, Buffer.from(body)]));

const app = express();
app.disable('x-powered-by');
app.post('/graphql', express.json({ limit: '1mb' }), (request, response) => {
  const body = prepared.get(request.body?.operationName);
  if (!body) {
    response.status(400).json({ errors: [{ message: 'unknown operation' }] });
    return;
  }
  response.type('application/json').send(body);
});
app.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('floor ready\n'));
