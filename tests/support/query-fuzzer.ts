/**
 * Queries generated from the schema, with arguments and variables valid and invalid (some wild):
 * seeded, so that a failure can be replayed.
 */
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';

/** A seeded generator, so that a failure can be replayed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class QueryFuzzer {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rng: () => number,
  ) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rng() * items.length)];
  }

  /** A value for an input type: usually fitting, sometimes not (wrong type, out of range, unknown). */
  value(type: GraphQLInputType, depth = 0): unknown {
    const wild = this.rng() < 0.03;
    if (wild) {
      return this.pick([
        null,
        -1,
        2 ** 31,
        'not-a-value',
        '',
        true,
        {},
        [],
        'FOO',
        1.5,
        '托里县应急管理局',
        '防\u0000汛',
      ]);
    }
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      return Array.from({ length: Math.floor(this.rng() * 3) }, () => this.value(nullable.ofType, depth + 1));
    }
    if (isEnumType(nullable)) return this.pick(nullable.getValues()).value;
    if (isInputObjectType(nullable)) {
      if (depth > 3) return {};
      const fields = Object.values(nullable.getFields()).filter(() => this.rng() < 0.3);
      return Object.fromEntries(fields.map((field) => [field.name, this.value(field.type, depth + 1)]));
    }
    if (isScalarType(nullable)) {
      switch (nullable.name) {
        case 'Int':
          return this.pick([0, 1, 5, 50, 500, 501, -3]);
        case 'Float':
          return this.rng() * 10;
        case 'Boolean':
          return this.rng() < 0.5;
        case 'ID':
          return this.pick([
            '6a7adf5f-468b-5234-b14f-b834d0e15003',
            '6A7ADF5F-468B-5234-B14F-B834D0E15003',
            '00000000-0000-5000-8000-000000000000',
            'x',
          ]);
        default:
          return this.pick([
            '托里县应急管理局',
            '应急管理及消防',
            '防汛',
            '托里镇',
            '%',
            '',
            'WyJ4Il0',
            'abc',
            '防\u0000汛',
          ]);
      }
    }
    return null;
  }

  private arguments(args: readonly GraphQLArgument[], variables: Record<string, unknown>): string {
    const chosen = args.filter((arg) => this.rng() < 0.3 || String(arg.type).endsWith('!'));
    if (chosen.length === 0) return '';
    const parts = chosen.map((arg) => {
      const name = `v${Object.keys(variables).length}`;
      const cursor = (arg.name === 'after' || arg.name === 'before') && this.rng() < 0.2;
      variables[name] = { type: String(arg.type), value: cursor ? this.forgedCursor() : this.value(arg.type) };
      return `${arg.name}: $${name}`;
    });
    return `(${parts.join(', ')})`;
  }

  /** A cursor of this API's form with values of any kind, for any order. */
  private forgedCursor(): string {
    const signature = this.pick([
      'TOWN:ASC,KIND:ASC,NUMBER:ASC',
      'NAME:ASC',
      'NUMBER:DESC,ID:DESC',
      'NAME:ASC,ID:DESC',
    ]);
    const values = Array.from({ length: Math.floor(this.rng() * 5) }, () =>
      this.pick([
        1,
        2 ** 40,
        -1.5,
        'a',
        'BASIC',
        'NOPE',
        'a\u0000',
        null,
        {},
        [],
        '6a7adf5f-468b-5234-b14f-b834d0e15003',
      ]),
    );
    return Buffer.from(JSON.stringify([signature, ...values])).toString('base64url');
  }

  private selection(type: GraphQLObjectType, depth: number, variables: Record<string, unknown>): string {
    const fields = Object.values(type.getFields()).filter((field) => !field.name.startsWith('_'));
    // One to three root fields, whatever the schema's size: a request fails as a whole when one of
    // its arguments does, so a share of each root field would make valid operations rarer with
    // every query the schema gains.
    const chosen =
      depth === 0
        ? [...new Set(Array.from({ length: 1 + Math.floor(this.rng() * 3) }, () => this.pick(fields)))]
        : fields.filter(() => this.rng() < 0.4);
    if (chosen.length === 0) chosen.push(this.pick(fields));
    return `{ ${chosen.map((field) => this.field(field, depth, variables)).join(' ')} }`;
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number, variables: Record<string, unknown>): string {
    const named = getNamedType(field.type);
    // Too deep, or abstract: the parent's __typename instead, with no arguments declared for it.
    if ((isObjectType(named) && depth >= 4) || isInterfaceType(named) || isUnionType(named)) return '__typename';
    const args = this.arguments(field.args, variables);
    if (isObjectType(named)) return `${field.name}${args} ${this.selection(named, depth + 1, variables)}`;
    return `${field.name}${args}`;
  }

  operation(): { query: string; variables: Record<string, unknown> } {
    const declared: Record<string, unknown> = {};
    const body = this.selection(this.schema.getQueryType() as GraphQLObjectType, 0, declared);
    const entries = Object.entries(declared) as [string, { type: string; value: unknown }][];
    const signature = entries.length ? `(${entries.map(([name, v]) => `$${name}: ${v.type}`).join(', ')})` : '';
    return {
      query: `query Fuzz${signature} ${body}`,
      variables: Object.fromEntries(entries.map(([name, v]) => [name, v.value])),
    };
  }
}
