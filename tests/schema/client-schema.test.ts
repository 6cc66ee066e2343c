/**
 * schema/client.graphql, the SDL clients' tools load (docs/clients.md): plain graphql-js builds
 * it, which it cannot do with the subgraph SDL, and it is the served schema less federation's own
 * types, directives and root fields, description for description.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { buildSchema, type IntrospectionQuery, introspectionFromSchema, lexicographicSortSchema } from 'graphql';
import { run } from '../../src/cli/commands';
import { printClientSchema } from '../../src/graphql/client-schema';
import { buildHubSchema } from '../../src/graphql/schema';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => readFile(path.join(root, 'schema', file), 'utf8');

/** Types, directives and root fields that federation adds to the subgraph, by name. */
const federationType = (name: string) => /^(_Any|_Service|_Entity)$/.test(name) || /^(link|federation)__/.test(name);
const federationDirective = (name: string) =>
  ['link', 'key', 'shareable'].includes(name) || name.startsWith('federation__');

describe('schema/client.graphql', () => {
  it('is the SDL the code prints', async () => {
    expect(await read('client.graphql')).toBe(await printClientSchema());
  });

  it('builds with graphql-js alone, where the subgraph SDL does not', async () => {
    const subgraph = await read('schema.graphql');
    expect(() => buildSchema(subgraph)).toThrow('Unknown directive "@link".');
    const client = buildSchema(await read('client.graphql'));
    expect(
      client
        .getQueryType()
        ?.getFields()
        .items.args.map((arg) => arg.name),
    ).toEqual(['after', 'before', 'filter', 'first', 'last', 'orderBy']);
    expect(client.getDirectives().map((directive) => directive.name)).not.toContain('key');
  });

  it('is the served schema without federation, type for type, field for field', async () => {
    const served = introspectionFromSchema(lexicographicSortSchema(await buildHubSchema()));
    const withoutFederation: IntrospectionQuery = {
      __schema: {
        ...served.__schema,
        types: served.__schema.types
          .filter((type) => !federationType(type.name))
          .map((type) =>
            type.name === 'Query' && type.kind === 'OBJECT'
              ? { ...type, fields: type.fields.filter((field) => !['_entities', '_service'].includes(field.name)) }
              : type,
          ),
        directives: served.__schema.directives.filter((directive) => !federationDirective(directive.name)),
      },
    };
    const client = introspectionFromSchema(lexicographicSortSchema(buildSchema(await read('client.graphql'))));
    expect(client).toEqual(withoutFederation);
    // What was left out: federation's and nothing else.
    expect(served.__schema.types.filter((type) => federationType(type.name)).map((type) => type.name)).toEqual(
      expect.arrayContaining(['_Any', '_Entity', '_Service', 'link__Import']),
    );
  });

  it('fails the check when stale', async () => {
    const stale = path.join(tmpdir(), `stale-client-${process.pid}.graphql`);
    await writeFile(stale, (await printClientSchema()).replace('totalCount: Int!', 'total: Int!'));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const subgraph = path.join(root, 'schema', 'schema.graphql');
      expect(await run(['emit-schema', '--check', '--file', subgraph, '--client-file', stale])).toBe(1);
      expect(stderr).toHaveBeenCalledWith(`${stale} is stale: run npm run schema:emit and commit it\n`);
    } finally {
      stderr.mockRestore();
    }
  });
});
