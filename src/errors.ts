import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/** The stable `extensions.code`s clients may rely on. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/**
 * graphql-js reports a literal argument of the wrong value (an unknown enum value, a string for an
 * Int, an unknown input field) as a validation failure; for the client it is a bad argument, as the
 * same value passed in a variable already is.
 */
const BAD_ARGUMENT_VALUE =
  /^(Value ".*" does not exist in ".*" enum|Enum ".*" cannot represent|(Int|Float|String|Boolean|ID) cannot represent|Expected value of type|Field ".*" of required type|Field ".*" is not defined by type)/u;

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
 * The one place errors leave the server: user errors keep their message and code; anything else is a
 * bug or a fault, logged in full here and shown to clients as a bare INTERNAL_SERVER_ERROR outside
 * development.
 */
export function createFormatError(options: { production: boolean; logger: Logger }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && BAD_ARGUMENT_VALUE.test(formatted.message)) {
      return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
    }
    const code = formatted.extensions?.code;
    const original = unwrapResolverError(error);
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
