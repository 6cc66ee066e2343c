/**
 * `npm run compose`: composes the subgraphs of a supergraph config in rover's format
 * (`rover supergraph compose --config supergraph.yaml` reads the same file) with
 * @apollo/composition, and writes the supergraph SDL that Apollo Router or @apollo/gateway serve.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse as parseGraphQL } from 'graphql';
import { parse as parseYaml } from 'yaml';

interface SupergraphConfig {
  federation_version?: string;
  subgraphs: Record<string, { routing_url: string; schema: { file?: string; subgraph_url?: string } }>;
}

export interface Composition {
  supergraphSdl?: string;
  errors: string[];
  hints: string[];
}

/** Reads each subgraph's SDL file (paths relative to the config) and composes them. */
export async function composeSupergraph(configFile: string): Promise<Composition> {
  const config = parseYaml(await readFile(configFile, 'utf8')) as SupergraphConfig;
  const services = [];
  for (const [name, subgraph] of Object.entries(config.subgraphs ?? {})) {
    if (!subgraph.schema.file) {
      return { errors: [`subgraph ${name}: only schema.file is supported here; save its SDL to a file`], hints: [] };
    }
    const sdl = await readFile(path.resolve(path.dirname(configFile), subgraph.schema.file), 'utf8');
    services.push({ name, url: subgraph.routing_url, typeDefs: parseGraphQL(sdl) });
  }
  const result = composeServices(services);
  const hints = (result.hints ?? []).map((hint) => `${hint.definition.code}: ${hint.message}`);
  if (result.errors) return { errors: result.errors.map((error) => error.message), hints };
  return { supergraphSdl: result.supergraphSdl, errors: [], hints };
}
