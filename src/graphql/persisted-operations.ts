/**
 * Persisted operations: a manifest in Apollo's persisted query format (what GraphOS and
 * `@apollo/generate-persisted-query-manifest` use, and `npm run cli -- persisted-manifest` writes)
 * lists operations clients may send by id. A listed id in `extensions.persistedQuery.sha256Hash`
 * runs the listed body, whatever text comes with it, with no registration round trip. With `only`,
 * every other operation is refused with PERSISTED_QUERY_NOT_ALLOWED (400), except `_service`, which
 * rover and routers read; `_entities` is refused too, since it reaches every entity's fields: a hub
 * behind a router leaves the allow-list to the router. Automatic persisted queries work as before.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  visit,
} from 'graphql';
import type { PersistedOperationsConfig } from '../config';
import { ErrorCode, refusal } from './errors';

export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: { id: string; name: string; type: 'query' | 'mutation' | 'subscription'; body: string }[];
}

/** The Apollo Server plugin for the configured manifest; none without one. */
export async function persistedOperationsPlugins<Context extends BaseContext>(
  config: PersistedOperationsConfig,
): Promise<ApolloServerPlugin<Context>[]> {
  if (!config.manifest) return [];
  const manifest = await readManifest(config.manifest);
  const bodies = new Map(manifest.operations.map((operation) => [operation.id, operation.body]));
  const listed = new WeakSet<object>();
  return [
    {
      async requestDidStart({ request }) {
        // Before Apollo reads the request: a listed id becomes its body, not an APQ lookup.
        const id = request.extensions?.persistedQuery?.sha256Hash;
        const body = typeof id === 'string' ? bodies.get(id) : undefined;
        if (body !== undefined) {
          const { persistedQuery: _id, ...extensions } = request.extensions ?? {};
          request.query = body;
          request.extensions = extensions;
          listed.add(request);
        }
        if (!config.only) return;
        return {
          // Before the document is parsed and validated: a refused operation costs no more than this.
          async didResolveSource({ request: resolved, source }) {
            if (listed.has(resolved) || onlyReadsServiceSdl(source)) return;
            throw refusal(
              'only persisted operations are accepted: send the id of an operation of the manifest in extensions.persistedQuery.sha256Hash',
              ErrorCode.PERSISTED_QUERY_NOT_ALLOWED,
            );
          },
        };
      },
    },
  ];
}

/** Tokens of the longest way of asking `{ _service { sdl } }` with a name and `__typename`. */
const SERVICE_SDL_TOKENS = 32;

/**
 * `{ _service { sdl } }`, as rover and Apollo's gateway ask it: one operation of nothing but
 * `_service` and `__typename`. Parsed with a bound of a few tokens, so that a long document is
 * turned away after reading its first ones.
 */
function onlyReadsServiceSdl(source: string): boolean {
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: SERVICE_SDL_TOKENS, noLocation: true });
  } catch {
    return false;
  }
  const [operation, ...others] = document.definitions;
  return (
    others.length === 0 &&
    operation.kind === Kind.OPERATION_DEFINITION &&
    operation.operation === 'query' &&
    operation.selectionSet.selections.every(
      (selection) =>
        selection.kind === Kind.FIELD && (selection.name.value === '_service' || selection.name.value === '__typename'),
    )
  );
}

export async function readManifest(file: string): Promise<PersistedQueryManifest> {
  let manifest: PersistedQueryManifest;
  try {
    manifest = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`persisted operations ${file}: ${(error as Error).message}`);
  }
  const wellFormed =
    manifest?.format === 'apollo-persisted-query-manifest' &&
    manifest.version === 1 &&
    Array.isArray(manifest.operations) &&
    manifest.operations.every((operation) => typeof operation?.id === 'string' && typeof operation.body === 'string');
  if (!wellFormed) {
    throw new Error(
      `persisted operations ${file}: not an apollo-persisted-query-manifest of version 1 with an id and a body for each operation`,
    );
  }
  return manifest;
}

/**
 * The manifest of every operation in `sources` (GraphQL documents), each with the fragments it
 * uses; its id is the SHA-256 of its body, as Apollo clients send it.
 */
export function buildManifest(sources: string[]): PersistedQueryManifest {
  const definitions = sources.flatMap((source) => parse(source).definitions);
  const fragments = new Map(
    definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const operations = definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const names = new Set<string>();
  return {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: operations.map((operation) => {
      const name = operation.name?.value;
      if (!name) throw new Error(`a persisted operation needs a name:\n${print(operation)}`);
      if (names.has(name)) throw new Error(`two operations are named ${name}`);
      names.add(name);
      const document: DocumentNode = {
        kind: Kind.DOCUMENT,
        definitions: [operation, ...fragmentsUsed(operation, fragments)],
      };
      const body = print(document);
      return { id: createHash('sha256').update(body).digest('hex'), name, type: operation.operation, body };
    }),
  };
}

/** The fragments a definition spreads, and theirs, by name. */
function fragmentsUsed(root: DefinitionNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (definition: DefinitionNode) =>
    visit(definition, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`unknown fragment ${name}`);
        if (used.has(name)) return;
        used.set(name, fragment);
        collect(fragment);
      },
    });
  collect(root);
  return [...used.values()].sort((a, b) => a.name.value.localeCompare(b.name.value));
}
