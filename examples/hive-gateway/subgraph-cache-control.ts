/**
 * A Hive Gateway plugin that answers with the most restrictive Cache-Control of the subgraph
 * responses a request used, as @apollo/gateway and Apollo Router do. Hive Gateway sends none of
 * its own: its response cache (`responseCaching`) would read the subgraphs' headers, but in
 * @graphql-hive/gateway 2.15.1 it fails on the first one it reads (@graphql-mesh/plugin-response-cache
 * takes cache-control-parser's `default`, which that package does not export). Add it with
 * `plugins: () => [useSubgraphCacheControl()]` in gateway.config.ts or createGatewayRuntime.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway';

export function useSubgraphCacheControl(): GatewayPlugin {
  const seen = new WeakMap<Request, (string | null)[]>();
  return {
    onFetch({ context }) {
      const request = (context as { request?: Request } | undefined)?.request;
      return ({ response }) => {
        if (!request) return;
        seen.set(request, [...(seen.get(request) ?? []), response.headers.get('cache-control')]);
      };
    },
    onResponse({ request, response }) {
      const headers = seen.get(request);
      if (headers) response.headers.set('cache-control', mostRestrictive(headers));
    },
  };
}

/** `no-store` unless every response may be cached: then the shortest max-age, public if all are. */
export function mostRestrictive(headers: (string | null)[]): string {
  let maxAge = Number.POSITIVE_INFINITY;
  let everyPublic = true;
  for (const header of headers) {
    const directives = new Map(
      (header ?? '').split(',').map((part) => {
        const [name, value] = part.trim().toLowerCase().split('=');
        return [name, value] as const;
      }),
    );
    const age = Number(directives.get('max-age'));
    if (directives.has('no-store') || directives.has('no-cache') || !(age > 0)) return 'no-store';
    maxAge = Math.min(maxAge, age);
    everyPublic &&= directives.has('public');
  }
  return Number.isFinite(maxAge) ? `max-age=${maxAge}${everyPublic ? ', public' : ', private'}` : 'no-store';
}
