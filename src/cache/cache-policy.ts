/**
 * How long an answer may be cached, by HTTP caches (`Cache-Control`) and by the response cache
 * (src/cache/response-cache.ts): Apollo's `@cacheControl` hints, declared in the schema so the
 * subgraph SDL carries them, and Apollo's rules, which take the smallest age of the fields a
 * response holds (applied per document, below).
 *
 * The rule the hints express: a response is as fresh as its root fields allow. Every object type
 * takes the age of the field that returned it (`inheritMaxAge`); root fields without a hint (the
 * lists: towns, categories, departments, items, facets, entities) get `CACHE_MAX_AGE`. All data
 * changes only when a town is imported; the analytics, which cost the most to compute, may be kept
 * `ANALYTICS_MAX_AGE`. Nothing is PRIVATE: the hub has no users and no per-client data, every answer
 * may be shared.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import {
  DirectiveLocation,
  type DirectiveNode,
  type DocumentNode,
  GraphQLBoolean,
  type GraphQLCompositeType,
  GraphQLDirective,
  type GraphQLField,
  GraphQLInt,
  type GraphQLObjectType,
  type GraphQLSchema,
  getDirectiveValues,
  getNamedType,
  getOperationAST,
  isAbstractType,
  isCompositeType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { Directive } from 'type-graphql';
import { documentMemo } from '../graphql/document-memo';

/** Seconds the analytics (slice graphs, matrices, paths, partners) may be cached. */
export const ANALYTICS_MAX_AGE = 300;

/**
 * Apollo's directive, as its docs ask subgraphs to declare it, less `scope`: nothing here is PRIVATE,
 * and its enum would reach the supergraph as an unused type.
 */
export const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  locations: [
    DirectiveLocation.FIELD_DEFINITION,
    DirectiveLocation.OBJECT,
    DirectiveLocation.INTERFACE,
    DirectiveLocation.UNION,
  ],
  args: {
    maxAge: { type: GraphQLInt },
    inheritMaxAge: { type: GraphQLBoolean },
  },
});

/** On every object type: its fields are as fresh as the field that returned it. */
export const CacheAgeOfParent = () => Directive('@cacheControl(inheritMaxAge: true)');

/** On the analytics fields: costly, and changed only by an import. */
export const AnalyticsCacheAge = () => Directive(`@cacheControl(maxAge: ${ANALYTICS_MAX_AGE})`);

/**
 * Apollo's cache-control rules (those of ApolloServerPluginCacheControl), worked out once per
 * operation document instead of per field as Apollo's plugin does: its per-field hook made graphql
 * wrap every resolver, a fifth of the CPU of a 50-item traversal (docs/benchmarks.md). The hints
 * are all in the schema (no resolver sets one), so the document decides the policy. Fields under
 * a null or a fragment that does not match count too, which can only make the age shorter.
 * `maxAge` is the age of fields without a hint; `0` caches nothing at all, the analytics included:
 * the operator asked for no caching.
 */
export function cachePolicyPlugins(maxAge: number): ApolloServerPlugin[] {
  // A document holds a few operations: one age each.
  const ages = documentMemo<number | undefined>(64);
  const ageOf = (schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined) =>
    ages(document, operationName ?? '', () => operationMaxAge(schema, document, operationName, maxAge));
  return [
    // Apollo installs its own unless told not to.
    ApolloServerPluginCacheControlDisabled(),
    {
      async requestDidStart() {
        return {
          async didResolveOperation({ schema, document, operationName, overallCachePolicy }) {
            const age = maxAge === 0 ? 0 : ageOf(schema, document, operationName);
            if (age !== undefined) overallCachePolicy.restrict({ maxAge: age });
          },
          async willSendResponse({ response, overallCachePolicy }) {
            // As Apollo's plugin: only a whole answer without errors may be kept.
            const policy = overallCachePolicy.policyIfCacheable();
            const whole = response.body.kind === 'single' && !response.body.singleResult.errors;
            response.http.headers.set(
              'cache-control',
              policy && whole ? `max-age=${policy.maxAge}, ${policy.scope.toLowerCase()}` : 'no-store',
            );
          },
        };
      },
    },
  ];
}

/** The smallest age of the fields an operation may return; undefined when none restricts it. */
function operationMaxAge(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  defaultMaxAge: number,
): number | undefined {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return undefined;
  const fragments = new Map(
    document.definitions
      .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  let smallest: number | undefined;
  const visit = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, atRoot: boolean, spread: string[]) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        // Meta fields (__typename) get no hook in Apollo's plugin either.
        if (selection.name.value.startsWith('__')) continue;
        const objects = isAbstractType(parent) ? schema.getPossibleTypes(parent) : [parent as GraphQLObjectType];
        for (const object of objects) {
          const field = object.getFields()[selection.name.value];
          if (!field) continue;
          const age = fieldMaxAge(field, atRoot, defaultMaxAge);
          if (age !== undefined && (smallest === undefined || age < smallest)) smallest = age;
          const target = getNamedType(field.type);
          if (selection.selectionSet && isCompositeType(target)) visit(selection.selectionSet, target, false, spread);
        }
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && spread.includes(selection.name.value))) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        const names = selection.kind === Kind.FRAGMENT_SPREAD ? [...spread, selection.name.value] : spread;
        if (condition && isCompositeType(condition)) visit(fragment.selectionSet, condition, atRoot, names);
      }
    }
  };
  visit(operation.selectionSet, root, true, []);
  return smallest;
}

/** Apollo's rule for one field: its hint, else its type's, else the default for roots and objects not inheriting. */
function fieldMaxAge(
  field: GraphQLField<unknown, unknown>,
  atRoot: boolean,
  defaultMaxAge: number,
): number | undefined {
  const target = getNamedType(field.type);
  let age: number | undefined;
  let inherit = false;
  if (isCompositeType(target)) {
    const typeHint = hintOf(target.astNode);
    age = typeHint.maxAge;
    inherit = typeHint.inheritMaxAge === true;
  }
  const fieldHint = hintOf(field.astNode);
  if (fieldHint.inheritMaxAge && age === undefined) inherit = true;
  else if (fieldHint.maxAge !== undefined) age = fieldHint.maxAge;
  if (age === undefined && ((isCompositeType(target) && !inherit) || atRoot)) age = defaultMaxAge;
  return age;
}

function hintOf(node: { readonly directives?: readonly DirectiveNode[] } | null | undefined): {
  maxAge?: number;
  inheritMaxAge?: boolean;
} {
  return (node && getDirectiveValues(cacheControlDirective, node)) ?? {};
}
