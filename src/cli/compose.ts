/**
 * `npm run compose`: composes the subgraphs of a supergraph config in rover's format, read as
 * `rover supergraph compose --config supergraph.yaml` reads it, with @apollo/composition, and
 * writes the supergraph SDL that Apollo Router or @apollo/gateway serve:
 * - `federation_version`: `2`, `=2.x.y` or absent (Federation 2); the composition is this
 *   package's @apollo/composition, and an exact version other than its own is said in a hint;
 *   Federation 1 and anything else are refused;
 * - each subgraph's `routing_url`, and its `schema` from a `file` (relative to the config) or a
 *   running subgraph's `subgraph_url` (introspected with `{ _service { sdl } }`, as rover does;
 *   `routing_url` then defaults to it); `graphref` needs GraphOS and is refused;
 * - `${env.NAME}` in values, replaced by the environment's NAME as rover does.
 * Errors and hints keep composition's codes (`SATISFIABILITY_ERROR: …`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { type DocumentNode, parse as parseGraphQL } from 'graphql';
import { parse as parseYaml } from 'yaml';

/** The Federation 2 release @apollo/composition composes with (package.json pins it). */
const COMPOSITION_VERSION: string = require('@apollo/composition/package.json').version;

interface SubgraphConfig {
  routing_url?: string;
  schema?: { file?: string; subgraph_url?: string; graphref?: string; subgraph?: string };
}

interface SupergraphConfig {
  federation_version?: string | number;
  subgraphs?: Record<string, SubgraphConfig>;
}

export interface Composition {
  supergraphSdl?: string;
  /** `CODE: message`, composition's own codes or the config's (CONFIG_INVALID, SUBGRAPH_UNREACHABLE…). */
  errors: string[];
  hints: string[];
}

/** A mistake in the config or its subgraphs, said as composition says its errors. */
class ConfigError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads the config and each subgraph's SDL, and composes them. Never throws for the config's faults. */
export async function composeSupergraph(
  configFile: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Composition> {
  try {
    const config = await readConfig(configFile, env);
    const hints = versionHints(config.federation_version);
    const services = [];
    for (const [name, subgraph] of Object.entries(config.subgraphs ?? {})) {
      services.push(await serviceOf(name, subgraph, configFile));
    }
    if (services.length === 0) throw new ConfigError('CONFIG_INVALID', `${configFile}: no subgraphs`);
    const result = composeServices(services);
    hints.push(...(result.hints ?? []).map((hint) => `${hint.definition.code}: ${hint.message}`));
    if (result.errors) {
      const errors = result.errors.map((error) => `${error.extensions?.code ?? 'COMPOSITION_ERROR'}: ${error.message}`);
      return { errors, hints };
    }
    return { supergraphSdl: result.supergraphSdl, errors: [], hints };
  } catch (error) {
    if (error instanceof ConfigError) return { errors: [`${error.code}: ${error.message}`], hints: [] };
    throw error;
  }
}

async function readConfig(configFile: string, env: NodeJS.ProcessEnv): Promise<SupergraphConfig> {
  let text: string;
  try {
    text = await readFile(configFile, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConfigError('CONFIG_NOT_FOUND', `${configFile}: ${reason} (pass --config <supergraph.yaml>)`);
  }
  const expanded = text.replace(/\$\{env\.([A-Za-z_][A-Za-z0-9_]*)\}/gu, (_, name: string) => {
    const value = env[name];
    if (value === undefined) throw new ConfigError('CONFIG_INVALID', `${configFile}: \${env.${name}} is not set`);
    return value;
  });
  try {
    const config = parseYaml(expanded) as SupergraphConfig | null;
    if (config === null || typeof config !== 'object') throw new Error('not a mapping');
    return config;
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', `${configFile}: not a supergraph config (${(error as Error).message})`);
  }
}

/**
 * `federation_version` as rover takes it: `2` for the latest 2.x, `=2.x.y` for an exact release.
 * This package composes with one release; an exact other one is composed with it and said.
 */
function versionHints(version: SupergraphConfig['federation_version']): string[] {
  if (version === undefined || String(version) === '2') return [];
  const exact = /^=(\d+)\.(\d+)\.(\d+)$/u.exec(String(version));
  if (!exact) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `federation_version "${version}" is not 2 or =2.x.y (Federation 1 is not composed here)`,
    );
  }
  if (exact[1] !== '2')
    throw new ConfigError('CONFIG_INVALID', `federation_version ${version}: only Federation 2 is composed here`);
  if (version === `=${COMPOSITION_VERSION}`) return [];
  return [
    `FEDERATION_VERSION: composed with @apollo/composition ${COMPOSITION_VERSION}, not ${String(version).slice(1)}; set federation_version: =${COMPOSITION_VERSION} to say so`,
  ];
}

async function serviceOf(
  name: string,
  subgraph: SubgraphConfig,
  configFile: string,
): Promise<{ name: string; url: string; typeDefs: DocumentNode }> {
  const schema = subgraph?.schema ?? {};
  let sdl: string;
  if (schema.file) {
    const file = path.resolve(path.dirname(configFile), schema.file);
    sdl = await readFile(file, 'utf8').catch(() => {
      throw new ConfigError('SUBGRAPH_NOT_FOUND', `subgraph ${name}: no schema file ${file}`);
    });
  } else if (schema.subgraph_url) {
    sdl = await introspect(name, schema.subgraph_url);
  } else if (schema.graphref) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `subgraph ${name}: schema.graphref needs GraphOS; use schema.file or schema.subgraph_url`,
    );
  } else {
    throw new ConfigError('CONFIG_INVALID', `subgraph ${name}: schema needs a file or a subgraph_url`);
  }
  const url = subgraph.routing_url ?? schema.subgraph_url;
  if (!url) throw new ConfigError('CONFIG_INVALID', `subgraph ${name}: no routing_url`);
  try {
    return { name, url, typeDefs: parseGraphQL(sdl) };
  } catch (error) {
    throw new ConfigError('INVALID_GRAPHQL', `subgraph ${name}: ${(error as Error).message}`);
  }
}

/** A running subgraph's SDL, as rover reads it: `{ _service { sdl } }` over HTTP. */
async function introspect(name: string, url: string): Promise<string> {
  let body: { data?: { _service?: { sdl?: string } }; errors?: { message: string }[] };
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      body: JSON.stringify({ query: 'query SubgraphIntrospectQuery { _service { sdl } }' }),
      signal: AbortSignal.timeout(10_000),
    });
    body = (await response.json()) as typeof body;
  } catch (error) {
    throw new ConfigError('SUBGRAPH_UNREACHABLE', `subgraph ${name}: ${url}: ${(error as Error).message}`);
  }
  const sdl = body.data?._service?.sdl;
  if (typeof sdl !== 'string') {
    const why = body.errors?.map((error) => error.message).join('; ') ?? 'no _service { sdl }';
    throw new ConfigError('SUBGRAPH_UNREACHABLE', `subgraph ${name}: ${url} is not a subgraph (${why})`);
  }
  return sdl;
}
