/**
 * Values a request may carry that no row of the hub can hold, refused before they reach a
 * statement: PostgreSQL's text types cannot store U+0000, and a NUL in a name, a search or an id
 * made every statement it reached fail as an internal error.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Kind, visit } from 'graphql';
import { ErrorCode, refusal } from './errors';

const NUL = '\u0000';

/** Whether a variable's value holds a NUL in any of its strings, keys included. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, inner]) => key.includes(NUL) || holdsNul(inner));
  }
  return false;
}

/** Refuses an operation whose string literals or variables hold a NUL character: BAD_USER_INPUT. */
export function nulRefused<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, source, document }) {
          let found = holdsNul(request.variables ?? {});
          // The text Apollo parsed, whether sent, kept by APQ or listed: request.query is only the first.
          if (!found && source.includes('\\u')) {
            // A literal's escape is decoded by the parser: only a document that has one is walked.
            visit(document, {
              [Kind.STRING](node) {
                if (node.value.includes(NUL)) found = true;
              },
            });
          }
          if (found) {
            throw refusal(
              'a string argument holds a NUL character (U+0000), which no name or text has',
              ErrorCode.BAD_USER_INPUT,
            );
          }
        },
      };
    },
  };
}
