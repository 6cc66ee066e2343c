/**
 * The subgraph on its own, as Apollo's subgraph compatibility suite checks one: `_service`,
 * `@link`, single and multiple `@key`s through `_entities`, `@shareable`, and ftv1 inline tracing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { describe, expect, it, jest } from '@jest/globals';
import { parse } from 'graphql';
import { run } from '../../src/cli/commands';
import { Category } from '../../src/modules/category/category.entity';
import { ItemKind } from '../../src/modules/common/enums';
import { Department } from '../../src/modules/department/department.entity';
import { Town } from '../../src/modules/town/town.entity';
import { type GraphQLResponse, useHub } from '../support/hub';
import { itemId, STAFFING_SDL } from './staffing-subgraph';

const root = path.join(__dirname, '..', '..');
// Introspection off, as in production: federation must work all the same.
const hub = useHub({ introspection: false });

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Town { name }
    ... on Category { name }
    ... on Department { name }
    ... on Item { kind number }
  }
}`;

describe('_service', () => {
  it('serves, with introspection off, an SDL that composes exactly as the committed one', async () => {
    const introspection = await hub.query('{ __schema { types { name } } }');
    expect(introspection.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const { data } = await hub.query('{ _service { sdl } }');
    const committed = await readFile(path.join(root, 'schema', 'schema.graphql'), 'utf8');
    const supergraphOf = (sdl: string) =>
      composeServices([{ name: 'dutyhub', url: 'http://hub/graphql', typeDefs: parse(sdl) }]).supergraphSdl;
    expect(supergraphOf(data?._service.sdl)).toBeDefined();
    expect(supergraphOf(data?._service.sdl)).toBe(supergraphOf(committed));
  });

  it('links Federation 2 and declares the keys and shareable types', async () => {
    const { data } = await hub.query('{ _service { sdl } }');
    const sdl: string = data?._service.sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable"])');
    const keysOf = (type: string) => [
      ...(new RegExp(`type ${type}\\n((?:  @\\w+.*\\n)+)`, 'u').exec(sdl)?.[1] ?? '').matchAll(
        /@key\(fields: "(\w+)"\)/gu,
      ),
    ];
    expect(keysOf('Town').map((m) => m[1])).toEqual(['id']);
    expect(keysOf('Item').map((m) => m[1])).toEqual(['id']);
    expect(keysOf('Category').map((m) => m[1])).toEqual(['id', 'name']);
    expect(keysOf('Department').map((m) => m[1])).toEqual(['id', 'name']);
    expect(sdl).toMatch(/type PageInfo\n {2}@shareable\n/u);
  });
});

describe('_entities', () => {
  const townId = Town.idFor('塔城地区', '托里县', '托里镇');
  const cases: [Record<string, unknown>, Record<string, unknown> | null][] = [
    [
      { __typename: 'Town', id: townId },
      { __typename: 'Town', name: '托里镇' },
    ],
    [
      { __typename: 'Category', id: Category.idFor('党的建设') },
      { __typename: 'Category', name: '党的建设' },
    ],
    [
      { __typename: 'Category', name: '民生 服务' },
      { __typename: 'Category', name: '民生服务' },
    ],
    [
      { __typename: 'Department', id: Department.idFor('托里县水利局') },
      { __typename: 'Department', name: '托里县水利局' },
    ],
    [
      { __typename: 'Department', name: '托里县监察委员会' },
      { __typename: 'Department', name: '托里县纪律检查委员会' },
    ],
    [
      { __typename: 'Department', name: '托里县住房和城 乡建设局' },
      { __typename: 'Department', name: '托里县住房和城乡建设局' },
    ],
    [
      { __typename: 'Item', id: itemId(ItemKind.RECLAIMED, 39) },
      { __typename: 'Item', kind: 'RECLAIMED', number: 39 },
    ],
    [{ __typename: 'Item', id: '00000000-0000-5000-8000-000000000000' }, null],
    [{ __typename: 'Department', id: 'not-an-id' }, null],
    [{ __typename: 'Department', name: '托里县不存在局' }, null],
    [{ __typename: 'Category', name: '没有的类别' }, null],
  ];

  it('resolves every key form in order, null for what is unknown', async () => {
    const { data, errors } = await hub.query(ENTITIES, {
      representations: cases.map(([representation]) => representation),
    });
    expect(errors).toBeUndefined();
    expect(data?._entities).toEqual(cases.map(([, expected]) => expected));
  });

  it('answers 500 mixed representations in order with one statement per kind of key', async () => {
    const representations = Array.from({ length: 500 }, (_, i) => cases[i % cases.length][0]);
    let response: GraphQLResponse | undefined;
    const statements = await hub.statementsDuring(async () => {
      response = await hub.query(ENTITIES, { representations });
    });
    expect(response?.errors).toBeUndefined();
    expect(response?.data?._entities).toEqual(Array.from({ length: 500 }, (_, i) => cases[i % cases.length][1]));
    // Towns, categories by id, categories by name, departments by id, departments by name, items.
    expect(statements).toHaveLength(6);
  });
});

describe('ftv1 inline tracing', () => {
  it('returns a trace when the gateway asks for one, and none otherwise', async () => {
    const traced = await hub.query('{ towns { name } }', undefined, { 'apollo-federation-include-trace': 'ftv1' });
    const trace = traced.extensions?.ftv1;
    expect(typeof trace).toBe('string');
    expect(String(trace).length).toBeGreaterThan(20);
    const plain = await hub.query('{ towns { name } }');
    expect(plain.extensions?.ftv1).toBeUndefined();
  });
});

describe('npm run compose', () => {
  const quietly = async (argv: string[]) => {
    const stderr: string[] = [];
    const errors = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      return { code: await run(argv), stderr: stderr.join('') };
    } finally {
      errors.mockRestore();
      out.mockRestore();
    }
  };

  it('keeps schema/supergraph.graphql composed from supergraph.yaml', async () => {
    const previous = process.cwd();
    process.chdir(root);
    try {
      expect(await quietly(['compose', '--check'])).toEqual({ code: 0, stderr: '' });
    } finally {
      process.chdir(previous);
    }
  });

  it('composes the hub with the staffing example', async () => {
    const out = path.join(tmpdir(), `supergraph-${process.pid}.graphql`);
    const config = path.join(__dirname, 'supergraph.yaml');
    expect(await quietly(['compose', '--config', config, '--out', out])).toEqual({ code: 0, stderr: '' });
    const supergraph = await readFile(out, 'utf8');
    expect(supergraph).toContain('STAFFING @join__graph(name: "staffing"');
    expect(supergraph).toContain('DUTYHUB @join__graph(name: "dutyhub"');
    expect(supergraph).toMatch(/headcount: Int! @join__field\(graph: STAFFING\)/u);
  });

  it('fails on a composition error and says why', async () => {
    const dir = tmpdir();
    const broken = path.join(dir, `staffing-broken-${process.pid}.graphql`);
    await writeFile(broken, STAFFING_SDL.replace('headcount: Int!', 'headcount: Int!\n  id: Int!'));
    const config = path.join(dir, `supergraph-broken-${process.pid}.yaml`);
    await writeFile(
      config,
      `subgraphs:\n  dutyhub:\n    routing_url: http://hub/graphql\n    schema:\n      file: ${path.join(root, 'schema', 'schema.graphql')}\n  staffing:\n    routing_url: http://staffing/graphql\n    schema:\n      file: ${broken}\n`,
    );
    const { code, stderr } = await quietly(['compose', '--config', config, '--out', path.join(dir, 'never.graphql')]);
    expect(code).toBe(1);
    expect(stderr).toContain('Department.id');
    expect(stderr).toContain(`composition of ${config} failed`);
  });
});
