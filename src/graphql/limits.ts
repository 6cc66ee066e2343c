/**
 * What one request may ask for. Each refusal is a GraphQLError with a stable code and a message
 * that names the limit: tokens (graphql-js's parser), selections in one selection set (before
 * validation, whose check of overlapping fields grows with their square), depth, aliases and
 * directives (graphql-armor, while the document is validated), and cost (graphql-query-complexity,
 * once the operation is known), counted with the real sizes of the unpaged lists
 * (src/graphql/list-sizes.ts). The size of the answer is bounded where it is sent (src/http/graphql-http.ts).
 */
// pagination.ts declares type-graphql types: their decorators need the metadata API loaded first.
import 'reflect-metadata';
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  parse,
  visit,
} from 'graphql';
import { type ComplexityEstimator, fieldExtensionsEstimator, getComplexity } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../modules/common/pagination';
import { contractNameOf } from './build-federated-schema';
import { documentMemo } from './document-memo';
import { ErrorCode, refusal } from './errors';
import type { ListSizeCounts, ListSizes } from './list-sizes';

export interface Limits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Selections (fields, fragments) in one selection set. */
  maxSelections: number;
  /** Bytes of one answer (src/http/graphql-http.ts). */
  maxResponseBytes: number;
}

/**
 * The unpaged lists, by `Type.field`, and how many elements each can hold: a size of the data
 * served now, or the field's own bound. A field's `first` wins where it has one (a top N).
 */
const LIST_SIZES: Record<string, (sizes: ListSizeCounts, args: Record<string, any>) => number> = {
  'Query.towns': (sizes) => sizes.towns,
  'Query.categories': (sizes) => sizes.categories,
  // One step a hop, and the start.
  'Query.departmentPath': (_sizes, args) => (args.maxHops ?? 6) + 1,
  'Category.departments': (sizes) => sizes.departmentsPerCategory,
  'Department.links': (sizes) => sizes.linksPerDepartment,
  'Department.partners': (sizes, args) => args.first ?? Math.min(DEFAULT_PAGE_SIZE, sizes.departments),
  'DepartmentPartner.items': (sizes) => sizes.linksPerDepartment,
  'PathStep.items': (sizes) => sizes.linksPerDepartment,
  'Item.links': (sizes) => sizes.linksPerItem,
  'Item.departments': (sizes) => sizes.linksPerItem,
  'ItemFacets.byTown': (sizes, args) => args.first ?? sizes.towns,
  'ItemFacets.byCategory': (sizes, args) => args.first ?? sizes.categories,
  'ItemFacets.byDepartment': (sizes, args) => args.first ?? sizes.departments,
  'ItemFacets.byKind': () => 3,
  'Town.versions': (sizes) => sizes.versionsPerTown,
  // A town's lists in one file or one file each.
  'TownVersion.sources': () => 3,
  'VersionChanges.added': (sizes) => sizes.itemsPerTown,
  'VersionChanges.removed': (sizes) => sizes.itemsPerTown,
  'VersionChanges.changed': (sizes) => sizes.itemsPerTown,
  // Added, changed in each later version, removed.
  'Item.history': (sizes) => sizes.versionsPerTown + 1,
  'TownComparison.onlyA': (sizes) => sizes.itemsPerTown,
  'TownComparison.onlyB': (sizes) => sizes.itemsPerTown,
  'TownComparison.both': (sizes) => sizes.itemsPerTown,
};

/** A list of introspection's types is costed as this many elements. */
const INTROSPECTION_LIST_SIZE = 10;

/**
 * The analyses (`departmentGraph`, `categoryDepartmentMatrix`) are computed whole, whatever their
 * selection, and their lists' lengths depend on the slice, unknown before it is read: they are
 * costed as one object each; the answer's size bound and the statement timeout hold them.
 */
const COMPUTED_WHOLE = new Set(['DepartmentGraph', 'CategoryDepartmentMatrix']);

/**
 * Cost of a field: 1, plus its children once per element it returns. Connections and lists with
 * `first`/`last` return that many (default 50); `_entities` one per distinct representation; the
 * unpaged lists as many as the data holds (LIST_SIZES). Explicit `complexity` set with type-graphql
 * wins (fieldExtensionsEstimator first).
 */
function pageAwareEstimator(sizes: ListSizeCounts): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    // A connection's nodes and edges are the page its field already counted.
    const typeName = contractNameOf(type);
    if (typeName.endsWith('Connection') || COMPUTED_WHOLE.has(typeName)) return 1 + childComplexity;
    if (field.name === '_entities') return 1 + distinct(args.representations) * Math.max(childComplexity, 1);
    const size = args.first ?? args.last;
    if (isConnection(field)) return 1 + (size ?? DEFAULT_PAGE_SIZE) * childComplexity;
    const listSize = LIST_SIZES[`${typeName}.${field.name}`];
    if (listSize) return 1 + listSize(sizes, args) * childComplexity;
    // Introspection's lists (a schema's types, a type's fields) are the schema's, a few dozen each.
    if (type.name.startsWith('__') && isListType(getNullableType(field.type))) {
      return 1 + INTROSPECTION_LIST_SIZE * childComplexity;
    }
    // Lists of values (aliases, responsibilities) are an object's own few values.
    if (isUnpagedObjectList(typeName, field)) {
      throw new Error(`${type.name}.${field.name}: an unpaged list without a size (src/graphql/limits.ts LIST_SIZES)`);
    }
    return 1 + childComplexity;
  };
}

/** Representations asked twice are resolved once (the loaders) and cost once. */
function distinct(representations: unknown): number {
  if (!Array.isArray(representations)) return 0;
  return new Set(representations.map((representation) => JSON.stringify(representation))).size;
}

/**
 * A list of objects of `typeName` that only LIST_SIZES can size: not a connection or a connection's
 * page, not `_entities`, not an analysis computed whole, not introspection's.
 */
function isUnpagedObjectList(typeName: string, field: GraphQLField<unknown, unknown>): boolean {
  if (typeName.startsWith('__') || typeName.endsWith('Connection') || COMPUTED_WHOLE.has(typeName)) return false;
  if (field.name === '_entities' || isConnection(field)) return false;
  return isListType(getNullableType(field.type)) && !isLeafType(getNamedType(field.type));
}

/** The unpaged lists of objects in `schema` that LIST_SIZES does not size (for the tests). */
export function unsizedLists(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .flatMap((type) => Object.values(type.getFields()).map((field) => [contractNameOf(type), field] as const))
    .filter(([typeName, field]) => isUnpagedObjectList(typeName, field) && !LIST_SIZES[`${typeName}.${field.name}`])
    .map(([typeName, field]) => `${typeName}.${field.name}`);
}

function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  return contractNameOf(getNamedType(field.type)).endsWith('Connection');
}

/** Costs kept per document (Apollo keeps one parsed document per query text); bounded per document. */
const COSTS_PER_DOCUMENT = 64;

function costLimit<Context extends BaseContext>(
  schema: GraphQLSchema,
  maxCost: number,
  sizes: ListSizes,
): ApolloServerPlugin<Context> {
  // A dashboard sends the same few operations with the same few variables: their cost, a walk of
  // the document with the schema, is worked out once per read of the list sizes (it was a tenth of
  // a lookup's CPU).
  const costs = documentMemo<number>(COSTS_PER_DOCUMENT);
  const costOf = (document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>) => {
    const now = sizes.current();
    return costs(document, `${now.read}\u0000${operationName ?? ''}\u0000${JSON.stringify(variables)}`, () =>
      getComplexity({
        schema,
        query: document,
        operationName,
        variables,
        estimators: [fieldExtensionsEstimator(), pageAwareEstimator(now)],
      }),
    );
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          // No operation of the name asked: Apollo says so (OPERATION_RESOLUTION_FAILURE).
          if (!operation) return;
          let cost: number;
          try {
            cost = costOf(document, request.operationName ?? undefined, request.variables ?? {});
          } catch (error) {
            // Variables that do not fit their types: the client's mistake, said as such.
            throw refusal((error as Error).message, ErrorCode.BAD_USER_INPUT);
          }
          if (cost > maxCost) {
            throw refusal(
              `query cost ${cost} exceeds the limit of ${maxCost}: ask for fewer rows or fields`,
              ErrorCode.QUERY_TOO_COMPLEX,
              { cost, limit: maxCost },
            );
          }
        },
      };
    },
  };
}

/**
 * Refuses a document with more than `maxSelections` selections in one selection set before
 * Apollo validates it: validation compares the fields of a selection set pairwise, and a 16 KB
 * document repeating one field thousands of times took 0.2–0.4 s of CPU to refuse. Run on a
 * document's first sight only (Apollo keeps the validated ones); parsed here with the same token
 * limit, which keeps this parse linear and small; a syntax error is left to Apollo's parser.
 */
function selectionLimit<Context extends BaseContext>(
  maxSelections: number,
  maxTokens: number,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart({ source }) {
          let document: DocumentNode;
          try {
            document = parse(source, { maxTokens, noLocation: true });
          } catch {
            return;
          }
          visit(document, {
            [Kind.SELECTION_SET](selectionSet) {
              if (selectionSet.selections.length > maxSelections) {
                throw refusal(
                  `Selections limit of ${maxSelections} exceeded, found ${selectionSet.selections.length} in one selection set`,
                  ErrorCode.QUERY_TOO_COMPLEX,
                );
              }
            },
          });
        },
      };
    },
  };
}

/** The plugins, validation rules and parser options to spread into ApolloServer's options. */
export function requestLimits<Context extends BaseContext>(
  schema: GraphQLSchema,
  limits: Limits,
  options: { production: boolean; sizes: ListSizes },
): Pick<ApolloServerOptions<Context>, 'plugins' | 'validationRules' | 'parseOptions'> {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    // graphql-js's parser counts tokens itself (parseOptions, below); armor's counting parser threw
    // from a hook of Apollo's, which answered every syntax error and token refusal with a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    // Cost is ours, above: it knows pages, list sizes and _entities.
    costLimit: { enabled: false },
    // Suggestions reveal the schema; in production it is not for discovery.
    blockFieldSuggestion: { enabled: options.production },
  });
  const protection = armor.protect();
  return {
    plugins: [
      selectionLimit<Context>(limits.maxSelections, limits.maxTokens),
      ...(protection.plugins as ApolloServerPlugin<Context>[]),
      costLimit<Context>(schema, limits.maxCost, options.sizes),
    ],
    validationRules: protection.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
