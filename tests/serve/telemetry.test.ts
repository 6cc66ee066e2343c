/**
 * OpenTelemetry, as an operator turns it on: the hub process started with an OTLP endpoint sends
 * one trace per GraphQL request (the HTTP server span, GraphQL parse, validate and execute, the
 * SQL) to it, flushed on SIGTERM, and logs the trace id with the request; a collector that is down
 * costs the spans, never the shutdown; without an endpoint, or with the SDK disabled, nothing is sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from '../support/free-port';
import { startHubProcess } from '../support/hub-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: OtlpValue }[];
}
interface ExportRequest {
  resourceSpans: {
    resource: { attributes: { key: string; value: OtlpValue }[] };
    scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[];
  }[];
}

const SPAN_KIND_SERVER = 2;
const LOOKUP = 'query Lookup($name: String!) { department(name: $name) { name aliases } }';

/** An OTLP/HTTP receiver on loopback: keeps every request it gets. */
async function startReceiver() {
  const received: { path: string; body: ExportRequest }[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      received.push({ path: request.url ?? '', body: JSON.parse(body) as ExportRequest });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    /** For OTEL_EXPORTER_OTLP_ENDPOINT, to which the exporter adds `/v1/traces`. */
    base: `http://127.0.0.1:${port}`,
    /** For OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, used as it is. */
    endpoint: `http://127.0.0.1:${port}/v1/traces`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes.find((entry) => entry.key === key)?.value;
  return value?.stringValue ?? value?.intValue;
};

let database: TestDatabase;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await database.drop();
});

/**
 * The hub over the test's database with `telemetry` set, a probe and then one Lookup per entry of
 * `requests` (its headers) asked of it, then SIGTERM, which must end it with 0; its request log
 * lines, all its log lines and the spans received.
 */
async function lookupThenStop(telemetry: Record<string, string>, requests: Record<string, string>[] = [{}]) {
  receiver.received.length = 0;
  const hub = await startHubProcess({
    DATABASE_URL: database.url,
    PORT: String(await freePort()),
    OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined,
    OTEL_SDK_DISABLED: undefined,
    OTEL_SERVICE_NAME: undefined,
    // Nothing exported on a timer during the test: what arrives was flushed by the shutdown.
    OTEL_BSP_SCHEDULE_DELAY: '600000',
    ...telemetry,
  });
  try {
    expect((await fetch(hub.url.replace(/\/graphql$/u, '/readyz'))).status).toBe(200);
    for (const headers of requests) {
      const response = await fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: LOOKUP, variables: { name: '托里县应急管理局' } }),
      });
      expect(await response.json()).toEqual({ data: { department: { name: '托里县应急管理局', aliases: [] } } });
    }
    expect(receiver.received).toEqual([]);
  } finally {
    expect(await hub.stop()).toBe(0);
  }
  const requestLogs = hub.logs.filter((entry) => entry.msg === 'graphql request');
  expect(requestLogs.map((entry) => entry.operation)).toEqual(requests.map(() => 'Lookup'));
  const spans = receiver.received.flatMap(({ body }) =>
    body.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)),
  );
  return { requestLogs, spans, logs: hub.logs };
}

describe('OpenTelemetry traces', () => {
  it('sends one trace per request to the OTLP endpoint: HTTP, GraphQL parse, validate, execute and SQL', async () => {
    const { requestLogs, spans } = await lookupThenStop({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.endpoint,
      OTEL_SERVICE_NAME: 'dutyhub-under-test',
    });
    expect(receiver.received.map((request) => request.path)).toEqual(receiver.received.map(() => '/v1/traces'));
    const serviceNames = receiver.received.flatMap(({ body }) =>
      body.resourceSpans.map(
        (resource) => resource.resource.attributes.find((entry) => entry.key === 'service.name')?.value.stringValue,
      ),
    );
    expect(new Set(serviceNames)).toEqual(new Set(['dutyhub-under-test']));

    // Only the GraphQL request is traced: not the probe, not the start-up's schema build and SQL.
    const traceIds = new Set(spans.map((span) => span.traceId));
    expect(traceIds.size).toBe(1);
    expect(requestLogs[0].traceId).toBe([...traceIds][0]);

    const server = spans.filter((span) => span.kind === SPAN_KIND_SERVER);
    expect(server).toHaveLength(1);
    expect(server[0].parentSpanId ?? '').toBe('');
    expect(attribute(server[0], 'http.request.method')).toBe('POST');
    expect(attribute(server[0], 'url.path')).toBe('/graphql');
    expect(attribute(server[0], 'http.response.status_code')).toBe(200);

    const names = spans.map((span) => span.name);
    expect(names).toEqual(expect.arrayContaining(['graphql.parse', 'graphql.validate', 'query Lookup']));
    const execute = spans.find((span) => span.name === 'query Lookup') as OtlpSpan;
    expect(attribute(execute, 'graphql.operation.name')).toBe('Lookup');

    // The department lookup's one statement, named after its SQL comment, with no parameter values.
    const sql = spans.filter((span) => attribute(span, 'db.system.name') === 'postgresql');
    expect(sql.map((span) => span.name)).toEqual([
      `pg.query:departmentsByName ${new URL(database.url).pathname.slice(1)}`,
    ]);
    expect(String(attribute(sql[0], 'db.query.text'))).toMatch(
      /^\/\* departmentsByName \*\/ select d\.\* from department d where d\.name = any\(\(select \$1::text\[\]\)::text\[\]\) or /u,
    );
    expect(sql[0].attributes.map((entry) => entry.key)).not.toContain('db.query.parameter.0');

    // Every span descends from the HTTP server span.
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const root = (span: OtlpSpan): OtlpSpan =>
      span.parentSpanId && byId.has(span.parentSpanId) ? root(byId.get(span.parentSpanId) as OtlpSpan) : span;
    expect(new Set(spans.map((span) => root(span).spanId))).toEqual(new Set([server[0].spanId]));
  });

  it("traces the execution of a compiled operation (a document's second run) as graphql-js's", async () => {
    // No response cache: the second request is executed, not answered from the first's.
    const { requestLogs, spans } = await lookupThenStop(
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.endpoint, RESPONSE_CACHE: 'off' },
      [{}, {}],
    );
    expect(requestLogs.map((entry) => entry.executor)).toEqual(['graphql-js', 'compiled']);
    const [first, second] = requestLogs.map((entry) => spans.filter((span) => span.traceId === entry.traceId));
    const executeSpans = (trace: OtlpSpan[]) =>
      trace
        .filter((span) => span.name === 'query Lookup')
        .map((span) => [attribute(span, 'graphql.operation.type'), attribute(span, 'graphql.operation.name')]);
    expect(executeSpans(first)).toEqual([['query', 'Lookup']]);
    expect(executeSpans(second)).toEqual([['query', 'Lookup']]);
    // Its SQL is part of the execution span.
    const execute = second.find((span) => span.name === 'query Lookup') as OtlpSpan;
    const sql = second.filter((span) => attribute(span, 'db.system.name') === 'postgresql');
    expect(sql.map((span) => span.parentSpanId)).toEqual([execute.spanId]);
  });

  it("continues a caller's trace (W3C traceparent, as Apollo Router sends)", async () => {
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const { requestLogs, spans } = await lookupThenStop({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.base }, [
      { traceparent: `00-${callerTrace}-${callerSpan}-01` },
    ]);
    expect(receiver.received.map((request) => request.path)).toEqual(receiver.received.map(() => '/v1/traces'));
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([callerTrace]));
    expect(spans.find((span) => span.kind === SPAN_KIND_SERVER)?.parentSpanId).toBe(callerSpan);
    expect(requestLogs[0].traceId).toBe(callerTrace);
  });

  it('exits cleanly and says so when the collector is down: the spans are lost, not the shutdown', async () => {
    const closedPort = await freePort();
    const { logs } = await lookupThenStop({
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${closedPort}`,
      OTEL_EXPORTER_OTLP_TIMEOUT: '2000',
    });
    const warnings = logs.filter((entry) => Number(entry.level) >= 40);
    expect(warnings).toEqual([
      expect.objectContaining({
        msg: 'last spans not exported',
        err: expect.objectContaining({ code: 'ECONNREFUSED' }),
      }),
    ]);
  });

  it.each([
    ['no OTLP endpoint is set', {}],
    ['OTEL_SDK_DISABLED is true', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'ENDPOINT', OTEL_SDK_DISABLED: 'true' }],
  ])('sends nothing and logs no trace id when %s', async (_case, telemetry: Record<string, string>) => {
    const settings = Object.fromEntries(
      Object.entries(telemetry).map(([name, value]) => [name, value.replace('ENDPOINT', receiver.endpoint)]),
    );
    const { requestLogs } = await lookupThenStop(settings);
    expect(receiver.received).toEqual([]);
    expect(requestLogs[0]).not.toHaveProperty('traceId');
  });
});
