import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Knex } from '@mikro-orm/postgresql';
import { print } from 'graphql';
import type { Logger } from 'pino';
import pino from 'pino';
import { DEFAULT_HTTP_LIMITS } from '../../src/config';
import { createServer, type HubServer, type ServerConfig } from '../../src/http/server';
import { useForBlock } from './lifecycle';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface GraphQLResponse<Data = Record<string, any>> {
  status: number;
  data?: Data;
  extensions?: Record<string, unknown>;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface TestHub {
  url: string;
  /** Prometheus metrics, on a port of their own (any free one unless the test configures another). */
  metricsUrl: string;
  database: TestDatabase;
  /** POSTs one operation over HTTP, as a client would; typed when given a generated document. */
  query<Data = Record<string, any>, Variables = Record<string, unknown>>(
    query: string | TypedDocumentNode<Data, Variables>,
    variables?: Variables,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<Data>>;
  /** The errors of a request, as [code, message] pairs; a 5xx fails the test. */
  errorsOf(query: string, variables?: Record<string, unknown>): Promise<[unknown, string][] | undefined>;
  /** The SQL statements the server ran while `action` ran. */
  statementsDuring(action: () => Promise<unknown>): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * The hub's limits, but kept-alive connections kept for two minutes: the test's fetch shares the
 * hub's event loop, and a test that computes its expected answer for longer than the hub's 5 s
 * keep-alive timeout (a contract over 30 towns, on a loaded machine) sends its next request on a
 * socket whose overdue timer then closes it under the request: ECONNRESET. A hub in a process of
 * its own has no such race.
 */
const IN_PROCESS_HTTP_LIMITS = { ...DEFAULT_HTTP_LIMITS, keepAliveTimeoutMs: 120_000 };

/** The real HTTP server on a port of its own, over a database of the test's own. */
export async function startHub(
  options: { empty?: boolean } & Partial<ServerConfig> & { logger?: Logger } = {},
): Promise<TestHub> {
  const database = await createTestDatabase(options);
  const server: HubServer = await createServer(
    {
      ...options,
      port: 0,
      production: options.production ?? false,
      introspection: options.introspection ?? true,
      metrics: options.metrics ?? { port: 0, token: undefined },
      http: options.http ?? IN_PROCESS_HTTP_LIMITS,
    },
    database.orm,
    options.logger ?? pino({ level: 'silent' }),
  );
  const url = await server.listen(0);
  const knex: Knex = database.orm.em.getKnex();
  const hub: TestHub = {
    url,
    metricsUrl: server.metricsUrl as string,
    database,
    async query(query, variables, headers = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async errorsOf(query, variables) {
      const response = await hub.query(query, variables);
      if (response.status >= 500) throw new Error(`HTTP ${response.status} for ${query}`);
      return response.errors?.map((error) => [error.extensions?.code, error.message]);
    },
    async statementsDuring(action) {
      const statements: string[] = [];
      const listener = (query: { sql: string }) => statements.push(query.sql);
      knex.on('query', listener);
      try {
        await action();
      } finally {
        knex.removeListener('query', listener);
      }
      return statements;
    },
    async close() {
      await server.stop();
      await database.drop();
    },
  };
  return hub;
}

/** A hub (startHub) for the calling describe block or file: started before its tests, closed after them. */
export function useHub(options: Parameters<typeof startHub>[0] = {}): TestHub {
  return useForBlock(
    'the test hub',
    () => startHub(options),
    (hub) => hub.close(),
  );
}
