/**
 * type-graphql builds the schema; @apollo/subgraph makes it a Federation 2 subgraph (`_service`,
 * `_entities`, the `@link`ed directives). The subgraph is built from the printed SDL, which would
 * drop what type-graphql attached to fields (extensions such as complexity): those are carried over.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { MapperKind, mapSchema, printSchemaWithDirectives, renameType } from '@graphql-tools/utils';
import {
  type GraphQLNamedType,
  type GraphQLSchema,
  isInputObjectType,
  isObjectType,
  isScalarType,
  lexicographicSortSchema,
  parse,
} from 'graphql';
import { type BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';
import { badUserInput } from './errors';

export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable"])`;

export type ReferenceResolvers = Record<string, { __resolveReference: (...args: any[]) => unknown }>;

/**
 * A prefix for the names of the types other subgraphs have no reason to share (docs/federation.md,
 * "Names"): every type but `keep` (the entities other subgraphs extend by name), the root types
 * and the scalars is served as `${prefix}${name}`.
 */
export interface TypePrefix {
  prefix: string;
  keep: readonly string[];
}

export async function buildFederatedSchema(
  options: BuildSchemaOptions,
  referenceResolvers: ReferenceResolvers,
  typePrefix?: TypePrefix,
): Promise<GraphQLSchema> {
  const built = lexicographicSortSchema(await buildSchema(options));
  const schema = typePrefix?.prefix ? prefixed(built, typePrefix) : built;
  const resolvers: Record<string, object> = { ...createResolversMap(schema) };
  const served = (name: string) => (schema.getType(name) ? name : `${typePrefix?.prefix}${name}`);
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[served(typeName)] = { ...resolvers[served(typeName)], ...reference };
  }
  const subgraph = buildSubgraphSchema([
    // type-graphql's resolver map is Apollo's shape at run time; only their types differ.
    { typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`), resolvers: resolvers as any },
  ]);
  carryExtensions(schema, subgraph);
  resolveEntitiesOneByOne(subgraph, Object.keys(referenceResolvers).map(served));
  return subgraph;
}

/** The type's name in the API contract (docs/federation.md), whatever prefix it is served with. */
export function contractNameOf(type: GraphQLNamedType): string {
  return (type.extensions as { contractName?: string }).contractName ?? type.name;
}

/** The contract's names of the types `schema` serves renamed, each with its served name (none without a prefix). */
export function renamedTypes(schema: GraphQLSchema): Record<string, string> {
  return Object.fromEntries(
    Object.values(schema.getTypeMap())
      .filter((type) => contractNameOf(type) !== type.name)
      .map((type) => [contractNameOf(type), type.name]),
  );
}

/** `schema` with its types renamed by `prefix` as TypePrefix says, each keeping its contract name. */
function prefixed(schema: GraphQLSchema, { prefix, keep }: TypePrefix): GraphQLSchema {
  const kept = new Set(keep);
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  return mapSchema(schema, {
    [MapperKind.TYPE]: (type) => {
      if (kept.has(type.name) || roots.has(type as never) || isScalarType(type) || type.name.startsWith('__')) {
        return type;
      }
      const renamed = renameType(type, `${prefix}${type.name}`);
      return Object.assign(renamed, { extensions: { ...renamed.extensions, contractName: type.name } });
    },
  });
}

/**
 * `_entities` with each representation resolved on its own: @apollo/subgraph's resolver maps the
 * representations in one call, so one that names no entity type, or whose reference resolver
 * throws (a null or non-string key, src/modules/common/lookup.ts), failed the whole batch. Here
 * that representation alone is null, with its error at its index; the others, still asked in one
 * tick, stay batched by their loaders.
 */
function resolveEntitiesOneByOne(subgraph: GraphQLSchema, entityTypes: string[]): void {
  const entities = subgraph.getQueryType()?.getFields()._entities;
  const resolve = entities?.resolve;
  if (!entities || !resolve) throw new Error('a subgraph schema without _entities');
  const known = new Set(entityTypes);
  entities.resolve = (source, args, context, info) =>
    (args.representations as Record<string, unknown>[]).map((representation) => {
      if (!known.has(representation.__typename as string)) {
        return Promise.reject(
          badUserInput(`${String(representation.__typename)} is not an entity of this subgraph`, 'representations'),
        );
      }
      try {
        return (resolve(source, { representations: [representation] }, context, info) as unknown[])[0];
      } catch (error) {
        return Promise.reject(error);
      }
    });
}

/** Field and type extensions of `from` set on the same fields and types of `to`. */
function carryExtensions(from: GraphQLSchema, to: GraphQLSchema): void {
  for (const type of Object.values(from.getTypeMap())) {
    const target = to.getType(type.name);
    if (!target || type.name.startsWith('__')) continue;
    Object.assign(target, { extensions: { ...target.extensions, ...type.extensions } });
    if ((isObjectType(type) && isObjectType(target)) || (isInputObjectType(type) && isInputObjectType(target))) {
      const targetFields = target.getFields();
      for (const [name, field] of Object.entries(type.getFields())) {
        const targetField = targetFields[name];
        if (targetField) Object.assign(targetField, { extensions: { ...targetField.extensions, ...field.extensions } });
      }
    }
  }
}
