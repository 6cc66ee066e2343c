/**
 * How long an answer may be cached, by HTTP caches (`Cache-Control`) and by the response cache
 * (src/cache/response-cache.ts): Apollo's `@cacheControl` hints, declared in the schema so the
 * subgraph SDL carries them, and Apollo's cache control plugin, which takes the smallest age of the
 * fields a response holds.
 *
 * The rule the hints express: a response is as fresh as its root fields allow. Every object type
 * takes the age of the field that returned it (`inheritMaxAge`); root fields without a hint (the
 * lists: towns, categories, departments, items, facets, entities) get `CACHE_MAX_AGE`. All data
 * changes only when a town is imported; the analytics, which cost the most to compute, may be kept
 * `ANALYTICS_MAX_AGE`. Nothing is PRIVATE: the hub has no users and no per-client data, every answer
 * may be shared.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { DirectiveLocation, GraphQLBoolean, GraphQLDirective, GraphQLInt } from 'graphql';
import { Directive } from 'type-graphql';

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
 * Apollo's cache control with `maxAge` for fields without a hint. `0` caches nothing at all, the
 * analytics included: the operator asked for no caching.
 */
export function cachePolicyPlugins(maxAge: number): ApolloServerPlugin[] {
  const plugins = [ApolloServerPluginCacheControl({ defaultMaxAge: maxAge })];
  if (maxAge === 0) plugins.push(uncacheable);
  return plugins;
}

const uncacheable: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ overallCachePolicy }) {
        overallCachePolicy.restrict({ maxAge: 0 });
      },
    };
  },
};
