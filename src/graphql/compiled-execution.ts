/**
 * Operations run as compiled JavaScript (graphql-jit) instead of through graphql-js's interpreter.
 * Profiles of the benchmark (docs/benchmarks.md) showed graphql-js's per-field work (paths,
 * argument values, a promise per object) costing more than the data it served; a compiled
 * operation walks the same fields with that work done once, when it is compiled.
 *
 * Apollo Server 4 and 5 take another executor only through their gateway interface, so this is a
 * "gateway" serving our own schema; Apollo's request pipeline (parsing, validation, plugins, errors)
 * is unchanged. An operation is compiled the second time its document is executed, and kept with
 * the document (src/graphql/document-memo.ts): compiling takes milliseconds, more than a one-off query
 * saves, and a dashboard's queries come again. graphql-js runs the rest:
 * - an operation's first execution, and one graphql-jit refuses to compile;
 * - requests whose variables are refused, so that the errors are graphql-js's, which Apollo knows
 *   (BAD_USER_INPUT, status 400);
 * - requests for which a plugin asked to see every field resolve (federated tracing, ftv1, and
 *   usage reporting's traces): Apollo instruments the schema's resolvers for them, and a compiled
 *   operation may hold the resolvers from before.
 *
 * OpenTelemetry's GraphQL instrumentation traces graphql-js's `execute`; a compiled operation gets
 * the same span here (`query Lookup`, with graphql.operation.type and .name), so traces look alike.
 */
import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
} from '@apollo/server-gateway-interface';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import {
  type DocumentNode,
  execute,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getVariableValues,
  isInputObjectType,
  Kind,
  type TypeNode,
  type VariableDefinitionNode,
  visit,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Logger } from 'pino';
import type { Executor } from '../config';
import { documentMemo } from './document-memo';

export interface ExecutedBy {
  executor?: Executor;
}

/** Executions of a document before it is compiled. */
const RUNS_BEFORE_COMPILING = 1;

interface Compilation {
  runs: number;
  /** Undefined until compiled; null if graphql-jit could not compile it. */
  query?: CompiledQuery | null;
}

/**
 * Apollo sets this symbol on a request's context when a plugin wants each field's resolution
 * reported (it is not exported, hence found by its description).
 */
const FIELD_HOOKS = 'apolloServerExecutionDispatcherWillResolveField';

function wantsFieldHooks(context: object): boolean {
  return Object.getOwnPropertySymbols(context).some((symbol) => symbol.description === FIELD_HOOKS);
}

export function compiledExecution(schema: GraphQLSchema, logger: Logger, use: Executor = 'compiled'): GatewayInterface {
  const recursive = recursiveInputTypes(schema);
  // At most 8 operation names a document: a document names few, and unnamed is one.
  const compilations = documentMemo<Compilation>(8);
  const compile = (document: DocumentNode, operationName: string | undefined) => {
    try {
      const query = compileQuery(schema, withRecursiveVariablesAsAny(document, recursive), operationName);
      // A document graphql-jit refuses (an unknown operation name, say) gets graphql-js's own error.
      return isCompiledQuery(query) ? query : null;
    } catch (error) {
      logger.warn({ operationName, err: error }, 'operation not compiled; graphql-js runs it');
      return null;
    }
  };
  /** The compiled operation to run this request with, if it is time to and it can be. */
  const compiledFor = ({ document, operation, operationName }: GatewayGraphQLRequestContext) => {
    if (use !== 'compiled' || !operation) return null;
    const compilation = compilations(document, operationName ?? '', () => ({ runs: 0 }));
    if (compilation.runs++ < RUNS_BEFORE_COMPILING) return null;
    if (compilation.query === undefined) compilation.query = compile(document, operationName ?? undefined);
    return compilation.query;
  };
  const executor: GatewayExecutor = async (requestContext) => {
    const { document, request, context, operation } = requestContext;
    const executedBy = context as ExecutedBy;
    const query = wantsFieldHooks(context) ? null : compiledFor(requestContext);
    // Variables are coerced by graphql-js: graphql-jit would refuse some valid ones (it does not
    // apply an input field's default), and its errors are not those Apollo knows. graphql-jit then
    // coerces them again, which leaves them as they are: the schema's scalars are graphql-js's and
    // federation's `_Any`, and its enums' values are their names.
    const variables =
      query && operation
        ? getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {})
        : undefined;
    if (!query || !variables?.coerced) {
      executedBy.executor = 'graphql-js';
      return (await execute({
        schema,
        document,
        contextValue: context,
        variableValues: request.variables,
        // The client's name, not the one Apollo resolved (null when the document has no operation
        // of that name): graphql-js then says so, where it would run the document's only operation.
        operationName: request.operationName,
      })) as GatewayExecutionResult;
    }
    executedBy.executor = 'compiled';
    const coerced = variables.coerced;
    return executeSpan(requestContext, async () => {
      const result = await query.query(undefined, context, coerced);
      return (
        result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result
      ) as GatewayExecutionResult;
    });
  };
  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}

/**
 * The document with its variables of recursive input types declared `_Any` (federation's scalar,
 * which takes any value as it is). graphql-jit 0.8 compiles the coercion of a recursive type by
 * recursing until the stack overflows, which takes seconds; here, it has nothing to coerce: the
 * executor gives it variables graphql-js has already coerced against the original declarations.
 */
function withRecursiveVariablesAsAny(document: DocumentNode, recursive: Set<string>): DocumentNode {
  return visit(document, {
    [Kind.VARIABLE_DEFINITION]: (definition: VariableDefinitionNode) =>
      recursive.has(namedType(definition.type))
        ? { ...definition, type: renamed(definition.type, '_Any'), defaultValue: undefined }
        : undefined,
  });
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function renamed(type: TypeNode, name: string): TypeNode {
  if (type.kind === Kind.NAMED_TYPE) return { ...type, name: { ...type.name, value: name } };
  return { ...type, type: renamed(type.type, name) } as TypeNode;
}

/**
 * The names of the input object types whose fields lead, through input types, to a type that
 * contains itself (ItemFilter, and any input type with an ItemFilter field).
 */
function recursiveInputTypes(schema: GraphQLSchema): Set<string> {
  const reachesCycle = (type: GraphQLInputType, path: Set<string>): boolean => {
    const named = getNamedType(type);
    if (!isInputObjectType(named)) return false;
    if (path.has(named.name)) return true;
    path.add(named.name);
    const found = Object.values(named.getFields()).some((field) => reachesCycle(field.type, path));
    path.delete(named.name);
    return found;
  };
  const inputTypes = Object.values(schema.getTypeMap()).filter(isInputObjectType);
  return new Set(inputTypes.filter((type) => reachesCycle(type, new Set())).map((type) => type.name));
}

// A proxy until a tracer provider is registered (src/observability/tracing.ts), and a no-op without one.
const tracer = trace.getTracer('dutyhub');

/** The span OpenTelemetry's GraphQL instrumentation makes for graphql-js's `execute`, named alike. */
function executeSpan<T>(requestContext: GatewayGraphQLRequestContext, run: () => Promise<T>): Promise<T> {
  // No trace around the request (tracing off): no span, not even a no-op one.
  if (!trace.getActiveSpan()) return run();
  const type = requestContext.operation?.operation ?? 'query';
  const name = requestContext.operationName;
  return tracer.startActiveSpan(name ? `${type} ${name}` : type, async (span) => {
    span.setAttribute('graphql.operation.type', type);
    if (name) span.setAttribute('graphql.operation.name', name);
    try {
      return await run();
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * graphql-jit's errors are its own objects, with no `extensions` where the original error had
 * none; Apollo's error formatting expects graphql-js's. The locations are copied as they are,
 * since graphql-js computes them from AST nodes, which graphql-jit does not keep.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  return Object.assign(converted, { locations: error.locations });
}
