/** The hub composed with other subgraphs, behind a real @apollo/gateway, as the federation tests use it. */
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';

/** The supergraph of these subgraphs (their SDL), composed by @apollo/composition; an error fails the test. */
export function supergraphOf(subgraphs: { name: string; url: string; sdl: string }[]): string {
  const composition = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (composition.errors) throw new Error(composition.errors.map((error) => error.message).join('\n'));
  return composition.supergraphSdl;
}

/** @apollo/gateway over the supergraph, each subgraph reached over HTTP, started; stop() it after. */
export async function apolloGateway(supergraphSdl: string): Promise<ApolloServer> {
  const gateway = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl, buildService: ({ url }) => new RemoteGraphQLDataSource({ url }) }),
  });
  await gateway.start();
  return gateway;
}
