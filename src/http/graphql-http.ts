/**
 * GraphQL over HTTP on Node's own server: Apollo's `executeHTTPGraphQLRequest` behind `cors` and
 * `body-parser`, as Apollo's standalone server does it (@apollo/server/standalone), without
 * Express in between. Express's router, request and response helpers and ETag hashing had cost
 * about a third of the CPU of a simple lookup (docs/benchmarks.md); the hub's other pages
 * (src/http/web.ts, probes, metrics) stay on Express.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import accepts from 'accepts';
import bodyParser from 'body-parser';
import cors from 'cors';
import type { Logger } from 'pino';
import type { KeptAnswer, ResponseCache } from '../cache/response-cache';
import { ErrorCode } from '../graphql/errors';
import { sendAnswer } from './compression';

export type Handler = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

export interface GraphQLHttpOptions<Context extends BaseContext> {
  cors: cors.CorsOptions;
  /** Largest body accepted, as body-parser takes it ('1mb'). */
  bodyLimit: string;
  /** The context of a request's operation, made once Apollo has parsed the request. */
  context: (request: IncomingMessage) => Promise<Context>;
  logger: Logger;
  /** The response cache, when on: read before Apollo, and given Apollo's answers to keep. */
  responseCache?: ResponseCache<Context>;
  /** Answers larger than this are refused with RESPONSE_TOO_LARGE. */
  maxResponseBytes?: number;
  /** Told of each request answered from the response cache (its log line and metrics). */
  onKeptAnswer?: (request: IncomingMessage, operation: string | null, started: bigint) => void;
  /** Answers of 1 KiB or more compressed for clients that accept it (compression.ts); default true. */
  compression?: boolean;
}

/** Requests for /graphql but a browser's page view (GraphiQL, src/http/web.ts), which Express serves. */
export function isGraphQLRequest(request: IncomingMessage): boolean {
  const url = new URL(request.url ?? '/', 'http://hub');
  if (url.pathname !== '/graphql' && url.pathname !== '/graphql/') return false;
  if (request.method !== 'GET' || url.searchParams.has('query')) return true;
  // A GET that prefers HTML to JSON and sends no query: a browser opening the page.
  return accepts(request).type(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html';
}

/** Handles one GraphQL request: CORS, JSON body, Apollo, the response; never throws. */
export function graphqlHttpHandler<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  options: GraphQLHttpOptions<Context>,
): (request: IncomingMessage, response: ServerResponse) => void {
  const cache = options.responseCache;
  const compress = options.compression !== false;
  // The body's bytes, which key the response cache.
  const bodies = new WeakMap<IncomingMessage, Buffer>();
  const steps: Handler[] = [
    cors(options.cors),
    refusedPreflight,
    bodyParser.json({
      limit: options.bodyLimit,
      ...(cache && {
        verify: (request: IncomingMessage, _response: ServerResponse, body: Buffer) => bodies.set(request, body),
      }),
    }),
  ];
  const execute = async (request: IncomingMessage & { body?: unknown }, response: ServerResponse, started: bigint) => {
    const key = cache?.keyOf(request, bodies.get(request));
    if (cache && key !== undefined) {
      const kept = await cache.read(key);
      if (kept) {
        await sendKept(request, response, kept, compress);
        options.onKeptAnswer?.(request, kept.operation, started);
        return;
      }
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = request.url ?? '';
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: (request.method ?? 'GET').toUpperCase(),
      headers,
      search: url.includes('?') ? url.slice(url.indexOf('?')) : '',
      body: request.body,
    };
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => options.context(request),
    });
    for (const [name, value] of result.headers) response.setHeader(name, value);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      if (tooLarge(result.body.string, options.maxResponseBytes)) {
        options.logger.warn(
          { bytes: Buffer.byteLength(result.body.string), limit: options.maxResponseBytes },
          'answer larger than the limit refused',
        );
        response.statusCode = requestErrorStatus(result.headers, false);
        response.end(
          JSON.stringify({
            errors: [
              {
                message: `the answer is larger than the limit of ${options.maxResponseBytes} bytes: ask for fewer rows or fields`,
                extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, limit: options.maxResponseBytes },
              },
            ],
          }),
        );
        return;
      }
      if (response.statusCode === 400) {
        response.statusCode = requestErrorStatus(result.headers, malformedRequest(result.body.string));
      }
      await sendAnswer(request, response, result.body.string, compress);
      if (cache && key !== undefined && response.statusCode === 200) {
        cache.keep(key, httpGraphQLRequest, { headers: result.headers, body: result.body.string });
      }
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };
  return (request, response) => {
    const started = process.hrtime.bigint();
    const fail = (error: unknown) => sendRequestError(response, error, options.logger);
    let step = 0;
    const next = (error?: unknown) => {
      if (error) fail(error);
      else if (step < steps.length) steps[step++](request, response, next);
      else execute(request, response, started).catch(fail);
    };
    next();
  };
}

/**
 * GraphQL over HTTP: a well-formed request whose operation is refused (a syntax or validation
 * error, a limit, a bad variable) is answered 200 when the response is `application/json`, and 4xx
 * only when it is `application/graphql-response+json`, whose clients read the status. A gateway
 * speaking plain JSON (`@apollo/gateway`, Hive Gateway) turns any 4xx into its own
 * "400: Bad Request" and buries the hub's code; with 200 its client reads the code. Apollo answers
 * 400 for both kinds: a malformed HTTP request (no query, a batch, a GET mutation) keeps it, told
 * by Apollo's code BAD_REQUEST.
 */
function requestErrorStatus(headers: HeaderMap, malformed: boolean): number {
  return malformed || !headers.get('content-type')?.startsWith('application/json') ? 400 : 200;
}

/** Whether Apollo's 400 answer refused the HTTP request itself (BAD_REQUEST), not its operation. */
function malformedRequest(body: string): boolean {
  const { errors } = JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] };
  return !errors || errors.some((error) => error.extensions?.code === ErrorCode.BAD_REQUEST);
}

/** Whether `body` is over `limit` bytes in UTF-8; counted only when it may be (3 bytes a UTF-16 unit at most). */
function tooLarge(body: string, limit: number | undefined): boolean {
  return limit !== undefined && body.length * 3 > limit && Buffer.byteLength(body) > limit;
}

/**
 * A CORS preflight that `cors` did not answer (no CORS_ORIGINS, or an origin they do not list):
 * 204 without the CORS headers, which is the browser's refusal. It reached Apollo, whose CSRF
 * check answered 400 with a stack trace.
 */
const refusedPreflight: Handler = (request, response, next) => {
  if (request.method !== 'OPTIONS') return next();
  response.statusCode = 204;
  response.setHeader('content-length', '0');
  response.end();
};

/** An answer from the response cache: as Apollo sent it, with its age (as an HTTP cache's). */
function sendKept(
  request: IncomingMessage,
  response: ServerResponse,
  kept: KeptAnswer,
  compress: boolean,
): Promise<void> {
  for (const [name, value] of kept.headers) response.setHeader(name, value);
  response.setHeader('age', String(kept.age));
  response.statusCode = 200;
  return sendAnswer(request, response, kept.body, compress);
}

/**
 * A request that failed before or outside GraphQL (body parsing, a broken connection, a fault of
 * ours): a GraphQL-shaped error with a stable code, never an HTML page; faults are logged.
 */
export function sendRequestError(response: ServerResponse, error: unknown, logger: Logger): void {
  const failure = error as { status?: unknown; type?: unknown; limit?: unknown; charset?: unknown } | undefined;
  const status = typeof failure?.status === 'number' ? failure.status : 500;
  const known: Record<string, [string, string]> = {
    'entity.too.large': [ErrorCode.PAYLOAD_TOO_LARGE, `request body larger than ${failure?.limit} bytes`],
    'entity.parse.failed': [ErrorCode.BAD_REQUEST, 'request body is not valid JSON'],
    'encoding.unsupported': [ErrorCode.BAD_REQUEST, 'unsupported request body encoding'],
    'charset.unsupported': [
      ErrorCode.BAD_REQUEST,
      `unsupported charset "${String(failure?.charset).toUpperCase()}": send UTF-8`,
    ],
  };
  const [code, message] =
    known[String(failure?.type)] ??
    // body-parser's other refusals are the request's fault too (4xx): said, not logged as faults.
    (status < 500
      ? [ErrorCode.BAD_REQUEST, String((error as Error).message)]
      : [ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error']);
  if (status >= 500) logger.error({ err: error }, 'request failed');
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
