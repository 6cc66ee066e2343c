/**
 * The one pagination helper: Relay-style connections over keyset (seek) pages. A cursor holds the
 * sort-key values of its row and a signature of the order it belongs to; it stays valid for the
 * same order whatever else changes, and is refused (BAD_USER_INPUT) under another order.
 */
import { createHash } from 'node:crypto';
import { ArgsType, type ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { CacheAgeOfParent } from '../../cache/cache-policy';
import { badUserInput } from '../../graphql/errors';
import { join, raw, type Sql, sql } from './sql';
import { isWellFormedId } from './stable-id';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

@ObjectType({ simpleResolvers: true, description: 'Relay page information' })
@Directive('@shareable')
@CacheAgeOfParent()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class ForwardPageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the row after which the page starts' })
  after?: string | null;
}

@ArgsType()
export class PageArgs extends ForwardPageArgs {
  @Field(() => Int, { nullable: true, description: `Page size from the end, at most ${MAX_PAGE_SIZE}` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the row before which the page ends' })
  before?: string | null;
}

/** A page request in one direction: `limit` rows after (or before) the `cursor` position. */
export interface PageRequest {
  limit: number;
  backward: boolean;
  /** Sort-key values of the cursor row, or null from the start (end). */
  after: unknown[] | null;
}

export function pageRequest(args: Partial<PageArgs>, orderSignature: string): PageRequest {
  const { first, after, last, before } = args;
  if (first != null && last != null) throw badUserInput('pass either first or last, not both', 'first');
  if (after != null && before != null) throw badUserInput('pass either after or before, not both', 'after');
  const backward = last != null || (before != null && first == null);
  const size = (backward ? last : first) ?? DEFAULT_PAGE_SIZE;
  const argument = backward ? 'last' : 'first';
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`${argument} must be between 0 and ${MAX_PAGE_SIZE}, got ${size}`, argument);
  }
  const cursor = backward ? before : after;
  return {
    limit: size,
    backward,
    after: cursor == null ? null : decodeCursor(cursor, orderSignature, backward ? 'before' : 'after'),
  };
}

export function encodeCursor(orderSignature: string, keys: unknown[]): string {
  return Buffer.from(JSON.stringify([orderSignature, ...keys])).toString('base64url');
}

function decodeCursor(cursor: string, orderSignature: string, argument: string): unknown[] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badUserInput(`${argument} is not a cursor of this API`, argument);
  }
  if (!Array.isArray(decoded) || typeof decoded[0] !== 'string') {
    throw badUserInput(`${argument} is not a cursor of this API`, argument);
  }
  // A signature is the order's, then, after `|`, the slice's (sliceSignature): a cursor of the
  // same order but another filter pointed into rows the page never reads, and gave an empty page.
  const [order, slice] = orderSignature.split('|');
  const [theirOrder, theirSlice] = decoded[0].split('|');
  if (theirOrder !== order) {
    throw badUserInput(
      `${argument} is a cursor of another order or of an older hub; pass the orderBy it came from, or start from the first page`,
      argument,
    );
  }
  // Cursors made before slices were named carry none: they are taken as of this slice.
  if (theirSlice !== undefined && theirSlice !== slice) {
    throw badUserInput(
      `${argument} is a cursor of another filter; pass the filter it came from, or start from the first page`,
      argument,
    );
  }
  return decoded.slice(1);
}

/**
 * A short digest of what a page is a slice of (its filter), for its cursors' signature: the same
 * filter whatever the order of its fields or the nulls it spells out.
 */
export function sliceSignature(slice: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner != null)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, inner]) => [key, canonical(inner)]),
    );
  };
  return createHash('sha1')
    .update(JSON.stringify(canonical(slice ?? {})))
    .digest('base64url')
    .slice(0, 8);
}

export interface Page<Node> {
  nodes: Node[];
  cursorOf: (node: Node) => string;
  /** Null when not counted, because not asked for: `totalCount` is non-null, so a mistake errs. */
  totalCount: number | null;
  pageInfo: PageInfo;
}

/**
 * Shapes `limit + 1` fetched rows (in page direction) into a page: the extra row only says that
 * more exist.
 */
export function toPage<Node>(
  rows: Node[],
  request: PageRequest,
  totalCount: number | null,
  cursorOf: (node: Node) => string,
): Page<Node> {
  const more = rows.length > request.limit;
  const nodes = rows.slice(0, request.limit);
  if (request.backward) nodes.reverse();
  // Cursors are made when asked for: most pages are read for their nodes alone (a traversal's
  // fifty items a department), and a cursor costs a JSON text and its base64.
  const cursorAt = (index: number) => (nodes.length > 0 ? cursorOf(nodes.at(index) as Node) : null);
  return {
    nodes,
    cursorOf,
    totalCount,
    pageInfo: {
      hasNextPage: request.backward ? request.after !== null : more,
      hasPreviousPage: request.backward ? more : request.after !== null,
      get startCursor() {
        return cursorAt(0);
      },
      get endCursor() {
        return cursorAt(-1);
      },
    },
  };
}

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

export interface Connection<Node> {
  edges: Edge<Node>[];
  nodes: Node[];
  pageInfo: PageInfo;
  totalCount: number | null;
}

/** The GraphQL `XConnection` and `XEdge` types for a node type: one definition for all. */
export function connectionTypes<Node extends object>(
  NodeType: ClassType<Node>,
  name: string,
): ClassType<Connection<Node>> {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  @CacheAgeOfParent()
  class EdgeType {
    @Field(() => String)
    cursor!: string;

    @Field(() => NodeType)
    node!: Node;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  @CacheAgeOfParent()
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => [NodeType])
    nodes!: Node[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Rows matching, across all pages' })
    totalCount!: number;
  }
  return ConnectionType;
}

export function toConnection<Node>(page: Page<Node>): Connection<Node> {
  return {
    get edges() {
      return page.nodes.map((node) => ({ cursor: page.cursorOf(node), node }));
    },
    nodes: page.nodes,
    pageInfo: page.pageInfo,
    totalCount: page.totalCount,
  };
}

/**
 * What a sort key's column holds, for checking a cursor's values before they reach a statement:
 * a cursor is the client's to send back, and one forged with a value of another kind (a word for a
 * number, a number beyond 32 bits, a NUL, an unknown kind) made PostgreSQL fail the statement.
 */
export type SortKeyType = 'int' | 'text' | 'uuid' | { oneOf: readonly string[] };

export interface SortKey {
  sql: string;
  descending: boolean;
  type: SortKeyType;
}

const INT4 = 2 ** 31;

function fits(value: unknown, type: SortKeyType): boolean {
  if (type === 'int') return Number.isInteger(value) && (value as number) >= -INT4 && (value as number) < INT4;
  if (typeof value !== 'string' || value.includes('\u0000')) return false;
  if (type === 'uuid') return isWellFormedId(value);
  return type === 'text' || type.oneOf.includes(value);
}

/** A cursor's values, one per sort key and each of its key's kind, or BAD_USER_INPUT. */
export function checkCursorValues(values: unknown[], keys: readonly SortKey[], argument = 'after'): void {
  if (values.length !== keys.length || !keys.every((key, i) => fits(values[i], key.type))) {
    throw badUserInput('cursor does not fit this order', argument);
  }
}

/**
 * Keyset condition "row comes after `values` in this order" as SQL: the expanded OR form, which is
 * right for any mix of ASC and DESC keys. `columns` are SQL expressions, the last one unique.
 */
export function seekCondition(columns: SortKey[], values: unknown[], backward: boolean): Sql {
  checkCursorValues(values, columns);
  const greaterThan = (column: SortKey) => raw(column.descending !== backward ? '<' : '>');
  if (columns.every((column) => column.descending === columns[0].descending)) {
    // One direction: a row comparison, which an index on these columns answers as a range.
    const keys = join(
      columns.map((column) => raw(column.sql)),
      ', ',
    );
    const after = join(
      values.map((value) => sql`${value}`),
      ', ',
    );
    return sql`(${keys}) ${greaterThan(columns[0])} (${after})`;
  }
  const disjuncts = columns.map((column, i) => {
    const equal = columns.slice(0, i).map((previous, k) => sql`${raw(previous.sql)} = ${values[k]}`);
    return sql`(${join([...equal, sql`${raw(column.sql)} ${greaterThan(column)} ${values[i]}`], ' and ')})`;
  });
  return sql`(${join(disjuncts, ' or ')})`;
}
