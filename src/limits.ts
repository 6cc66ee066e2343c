/**
 * What one request may ask for. Each refusal is a GraphQLError with a stable code and a message
 * that names the limit: depth, aliases, tokens and directives (graphql-armor, checked while the
 * document is validated), and cost (graphql-query-complexity, once the operation is known).
 */
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isListType,
} from 'graphql';
import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity } from 'graphql-query-complexity';
import { documentMemo } from './document-memo';
import { ErrorCode } from './errors';
import { DEFAULT_PAGE_SIZE } from './modules/common/pagination';

export interface Limits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
}

/** A plain list field (links, departments, categories) is costed as this many elements. */
const LIST_SIZE_ESTIMATE = 10;

/**
 * Cost of a field: 1, plus its children once per element it returns. Connections and lists with
 * `first`/`last` return that many (default 50); `_entities` one per representation; other lists an
 * estimate. Explicit `complexity` set with type-graphql wins (fieldExtensionsEstimator first).
 */
const pageAwareEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // A connection's nodes and edges are the page its field already counted.
  if (type.name.endsWith('Connection')) return 1 + childComplexity;
  if (field.name === '_entities') return 1 + (args.representations?.length ?? 0) * Math.max(childComplexity, 1);
  const size = args.first ?? args.last;
  if (size != null || isConnection(field)) return 1 + (size ?? DEFAULT_PAGE_SIZE) * childComplexity;
  if (isListType(getNullableType(field.type))) return 1 + LIST_SIZE_ESTIMATE * childComplexity;
  return 1 + childComplexity;
};

function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  return getNamedType(field.type).name.endsWith('Connection');
}

/** Costs kept per document (Apollo keeps one parsed document per query text); bounded per document. */
const COSTS_PER_DOCUMENT = 64;

function costLimit<Context extends BaseContext>(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin<Context> {
  // A dashboard sends the same few operations with the same few variables: their cost, a walk of
  // the document with the schema, is worked out once (it was a tenth of a lookup's CPU).
  const costs = documentMemo<number>(COSTS_PER_DOCUMENT);
  const costOf = (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>) =>
    costs(document, `${operationName ?? ''}\u0000${JSON.stringify(variables)}`, () =>
      getComplexity({
        schema,
        query: document,
        operationName,
        variables,
        estimators: [fieldExtensionsEstimator(), pageAwareEstimator],
      }),
    );
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = costOf(document, request.operationName ?? undefined, request.variables ?? {});
          } catch (error) {
            // Variables that do not fit their types: the client's mistake, said as such.
            throw new GraphQLError((error as Error).message, {
              extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
            });
          }
          if (cost > maxCost) {
            throw new GraphQLError(`query cost ${cost} exceeds the limit of ${maxCost}: ask for fewer rows or fields`, {
              // A refusal before execution is the request's fault: 400, not Apollo's default 500.
              extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, limit: maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/** The plugins and validation rules to spread into ApolloServer's options. */
export function requestLimits<Context extends BaseContext>(
  schema: GraphQLSchema,
  limits: Limits,
  options: { production: boolean },
): Pick<ApolloServerOptions<Context>, 'plugins' | 'validationRules'> {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: limits.maxDirectives },
    // Cost is ours, above: it knows pages and _entities.
    costLimit: { enabled: false },
    // Suggestions reveal the schema; in production it is not for discovery.
    blockFieldSuggestion: { enabled: options.production },
  });
  const protection = armor.protect();
  return {
    plugins: [...(protection.plugins as ApolloServerPlugin<Context>[]), costLimit<Context>(schema, limits.maxCost)],
    validationRules: protection.validationRules,
  };
}
