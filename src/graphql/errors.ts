import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/** The stable `extensions.code`s clients may rely on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  PERSISTED_QUERY_NOT_ALLOWED: 'PERSISTED_QUERY_NOT_ALLOWED',
  /** An automatic persisted query whose hash is not its text's (Apollo Router's code). */
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
  /** An answer larger than the configured bound (RESPONSE_MAX_BYTES). */
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  BAD_REQUEST: 'BAD_REQUEST',
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** PostgreSQL and driver failures a client can do nothing about but wait: one stable code each. */
function databaseFailure(error: unknown): { code: string; message: string } | undefined {
  // The driver sometimes throws plain objects, which graphql-js wraps (thrownValue) or errors chain.
  const { thrownValue, cause } = (error ?? {}) as { thrownValue?: unknown; cause?: unknown };
  for (const inner of [thrownValue, cause]) {
    const found = inner && inner !== error ? databaseFailure(inner) : undefined;
    if (found) return found;
  }
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code === '57014') return { code: ErrorCode.QUERY_TIMEOUT, message: 'the query took too long and was cancelled' };
  const unavailable =
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08001',
      '08003',
      '08006',
      '53300',
    ].includes(code ?? '') ||
    /Timeout acquiring a connection|Connection (terminated|ended) unexpectedly|connect ECONNREFUSED|Client has encountered a connection error|terminating connection/u.test(
      message ?? '',
    );
  return unavailable
    ? { code: ErrorCode.SERVICE_UNAVAILABLE, message: 'the database is unavailable; try again' }
    : undefined;
}

/**
 * graphql-js reports a literal argument of the wrong value (an unknown enum value, a string for an
 * Int, an unknown input field) as a validation failure; for the client it is a bad argument, as the
 * same value passed in a variable already is.
 */
const BAD_ARGUMENT_VALUE =
  /^(Value ".*" does not exist in ".*" enum|Enum ".*" cannot represent|(Int|Float|String|Boolean|ID) cannot represent|Expected value of type|Field ".*" of required type|Field ".*" is not defined by type)/u;

/** graphql-armor's refusals (depth, aliases, directives), raised while validating. */
const LIMIT_EXCEEDED = /(Query depth limit|Aliases limit|Directives limit) of \d+ exceeded/u;

/** graphql-js's parser stopping at the token limit (Apollo's parseOptions.maxTokens). */
// graphql-js 16 says "more that N tokens".
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/u;

/**
 * Apollo's own refusals of a request that carry an HTTP status but no code (an automatic persisted
 * query's hash that is not its text's, an unsupported version): the client's mistake, coded.
 */
const APOLLO_REFUSALS: Record<string, string> = {
  'provided sha does not match query': ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
  'Unsupported persisted query version': ErrorCode.BAD_REQUEST,
};

/** An argument the client got wrong; the message says which and why. */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) },
  });
}

/** A thing the client named does not exist, where null would not say so. */
export function notFound(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.NOT_FOUND, ...(argument ? { argument } : {}) },
  });
}

/**
 * A request refused before its operation runs, by its own fault: 400 with a stable code. Thrown
 * from an Apollo hook that runs before parsing, it reaches Apollo's `unexpectedErrorProcessingRequest`,
 * where `refusalsAnswered` hands it back to Apollo to answer as the refusal it is.
 */
export function refusal(message: string, code: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });
}

/**
 * Apollo answers an error thrown by a hook before parsing (didResolveSource, parsingDidStart) as
 * an internal one, 500, and logs it, unless a plugin re-throws it from
 * `unexpectedErrorProcessingRequest`: then Apollo formats it and answers with its status. Only our
 * refusals are re-thrown; a fault stays a fault.
 */
export function refusalsAnswered<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async unexpectedErrorProcessingRequest({ error }) {
      const status = (error as GraphQLError).extensions?.http as { status?: number } | undefined;
      if (error instanceof GraphQLError && status?.status === 400) throw error;
    },
  };
}

/**
 * The one place errors leave the server: user errors keep their message and code; anything else is a
 * bug or a fault, logged in full here and shown to clients as a bare INTERNAL_SERVER_ERROR outside
 * development.
 */
export function createFormatError(options: { production: boolean; logger: Logger }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const tokens = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOO_MANY_TOKENS.exec(formatted.message);
    if (tokens) {
      return {
        message: `Syntax Error: Token limit of ${tokens[1]} exceeded.`,
        extensions: { code: ErrorCode.QUERY_TOO_COMPLEX },
      };
    }
    const refused = APOLLO_REFUSALS[formatted.message];
    if (refused) return { message: formatted.message, extensions: { code: refused } };
    if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED') {
      const code = BAD_ARGUMENT_VALUE.test(formatted.message)
        ? ErrorCode.BAD_USER_INPUT
        : LIMIT_EXCEEDED.test(formatted.message)
          ? ErrorCode.QUERY_TOO_COMPLEX
          : undefined;
      if (code) return { ...formatted, extensions: { ...formatted.extensions, code } };
    }
    const code = formatted.extensions?.code;
    const original = unwrapResolverError(error);
    const failure = databaseFailure(original);
    if (failure) {
      options.logger.warn({ err: original, path: formatted.path }, 'database failure in a request');
      return {
        message: failure.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: failure.code },
      };
    }
    const known = typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR;
    if (known) return formatted;
    options.logger.error({ err: original, path: formatted.path }, 'unexpected error in a request');
    if (!options.production) return formatted;
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
