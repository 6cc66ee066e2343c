/**
 * The schema for clients' tools, committed as schema/client.graphql beside the subgraph SDL
 * (`npm run schema:emit`). graphql-js's `buildSchema`, which graphql-codegen, urql's Graphcache and
 * IDE plugins load, cannot read the subgraph SDL: `extend schema @link(…)`, `@key` and
 * `@shareable` are defined by the gateway, not in the file. docs/clients.md.
 */
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { type GraphQLSchema, printSchema } from 'graphql';
import { buildHubSchema } from './schema';

/** Federation's own: its types and directives (`link__*`, `federation__*`, `_Any`…) and its two root fields. */
const FEDERATION_TYPES = /^(_Any|_Service|_Entity|link__.+|federation__.+)$/;
const FEDERATION_DIRECTIVES = /^(link|key|shareable|federation__.+)$/;
const FEDERATION_QUERY_FIELDS = new Set(['_entities', '_service']);

/** The served schema without federation: the same types, fields and arguments, less what a gateway uses. */
export function clientSchemaOf(served: GraphQLSchema): GraphQLSchema {
  return mapSchema(served, {
    [MapperKind.TYPE]: (type) => (FEDERATION_TYPES.test(type.name) ? null : type),
    [MapperKind.DIRECTIVE]: (directive) => (FEDERATION_DIRECTIVES.test(directive.name) ? null : directive),
    [MapperKind.QUERY_ROOT_FIELD]: (field, name) => (FEDERATION_QUERY_FIELDS.has(name) ? null : field),
  });
}

/** The client schema's SDL, as committed. */
export async function printClientSchema(): Promise<string> {
  return `${printSchema(clientSchemaOf(await buildHubSchema()))}\n`;
}
