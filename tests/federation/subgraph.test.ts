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
import { STAFFING_SDL } from '../../examples/staffing-subgraph/server';
import { run } from '../../src/cli/commands';
import { Category } from '../../src/modules/category/category.entity';
import { ItemKind } from '../../src/modules/common/enums';
import { Department } from '../../src/modules/department/department.entity';
import { Item } from '../../src/modules/item/item.entity';
import { Link } from '../../src/modules/link/link.entity';
import { Town } from '../../src/modules/town/town.entity';
import { type GraphQLResponse, useHub } from '../support/hub';

const root = path.join(__dirname, '..', '..');
const example = path.join(root, 'examples', 'staffing-subgraph');
const itemId = (kind: ItemKind, number: number) => Item.idFor(Town.idFor('塔城地区', '托里县', '托里镇'), kind, number);
// Introspection off, as in production: federation must work all the same.
const hub = useHub({ introspection: false });

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Town { name }
    ... on Category { name }
    ... on Department { name }
    ... on Item { kind number }
    ... on Link { relation department { name } }
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
    expect(keysOf('Link').map((m) => m[1])).toEqual(['id']);
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
    [
      { __typename: 'Link', id: Link.idFor(itemId(ItemKind.COOPERATIVE, 14), Department.idFor('托里县公安局')) },
      { __typename: 'Link', relation: 'SHARED', department: { name: '托里县公安局' } },
    ],
    [{ __typename: 'Item', id: '00000000-0000-5000-8000-000000000000' }, null],
    [{ __typename: 'Link', id: Link.idFor(itemId(ItemKind.BASIC, 1), Department.idFor('托里县公安局')) }, null],
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
    // Towns, categories by id, categories by name, departments by id, departments by name, items, links.
    expect(statements.map((sql) => sql.match(/\/\* (\w+)/u)?.[1]).sort()).toEqual([
      'categoriesByName',
      'categorysById',
      'departmentsById',
      'departmentsByName',
      'itemsById',
      'linksById',
      'townsById',
    ]);
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

  it('composes the hub with the staffing example (examples/staffing-subgraph)', async () => {
    const out = path.join(tmpdir(), `supergraph-${process.pid}.graphql`);
    const config = path.join(example, 'supergraph.yaml');
    expect(await quietly(['compose', '--config', config, '--out', out])).toEqual({ code: 0, stderr: '' });
    const supergraph = await readFile(out, 'utf8');
    expect(supergraph).toContain('STAFFING @join__graph(name: "staffing"');
    expect(supergraph).toContain('DUTYHUB @join__graph(name: "dutyhub"');
    expect(supergraph).toContain('headcount: Int! @join__field(graph: STAFFING, requires: "canonicalName aliases")');
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
    // Each error with its code, as rover prints them.
    expect(stderr).toMatch(/^error: [A-Z_]+: .*Department\.id/mu);
    expect(stderr).toContain(`composition of ${config} failed`);
  });

  /** A config in a temporary file; `subgraphs` in YAML, the hub's committed SDL as `dutyhub` unless given. */
  const configWith = async (yaml: string) => {
    const config = path.join(tmpdir(), `supergraph-${process.pid}-${Math.random().toString(36).slice(2)}.yaml`);
    await writeFile(config, yaml);
    return config;
  };
  const hubFromFile = `  dutyhub:\n    routing_url: http://hub/graphql\n    schema:\n      file: ${path.join(root, 'schema', 'schema.graphql')}\n`;

  it('reads federation_version as rover does: 2 or =2.x.y, another release said in a hint, anything else refused', async () => {
    const out = path.join(tmpdir(), `supergraph-version-${process.pid}.graphql`);
    const ours = require('@apollo/composition/package.json').version;
    for (const version of ['2', `=${ours}`]) {
      const config = await configWith(`federation_version: ${version}\nsubgraphs:\n${hubFromFile}`);
      expect(await quietly(['compose', '--config', config, '--out', out])).toEqual({ code: 0, stderr: '' });
    }
    const older = await configWith(`federation_version: =2.9.3\nsubgraphs:\n${hubFromFile}`);
    expect(await quietly(['compose', '--config', older, '--out', out])).toEqual({
      code: 0,
      stderr: `hint: FEDERATION_VERSION: composed with @apollo/composition ${ours}, not 2.9.3; set federation_version: =${ours} to say so\n`,
    });
    for (const version of ['banana', '1', '=0.36.0']) {
      const config = await configWith(`federation_version: ${version}\nsubgraphs:\n${hubFromFile}`);
      const { code, stderr } = await quietly(['compose', '--config', config, '--out', out]);
      expect([version, code, stderr.split('\n')[0]]).toEqual([
        version,
        1,
        expect.stringMatching(new RegExp(`^error: CONFIG_INVALID: federation_version "?${version}"?[ :]`, 'u')),
      ]);
    }
  });

  it('introspects a running subgraph from schema.subgraph_url, its routing_url by default, and env variables', async () => {
    const out = path.join(tmpdir(), `supergraph-url-${process.pid}.graphql`);
    const staffingFile = path.join(example, 'schema.graphql');
    const config = await configWith(
      `subgraphs:\n  dutyhub:\n    schema:\n      subgraph_url: \${env.DUTYHUB_TEST_HUB_URL}\n  staffing:\n    routing_url: http://staffing/graphql\n    schema:\n      file: ${staffingFile}\n`,
    );
    process.env.DUTYHUB_TEST_HUB_URL = hub.url;
    try {
      expect(await quietly(['compose', '--config', config, '--out', out])).toEqual({ code: 0, stderr: '' });
    } finally {
      delete process.env.DUTYHUB_TEST_HUB_URL;
    }
    const supergraph = await readFile(out, 'utf8');
    expect(supergraph).toContain(`DUTYHUB @join__graph(name: "dutyhub", url: "${hub.url}")`);
    expect(supergraph).toMatch(/headcount: Int! @join__field\(graph: STAFFING/u);
  });

  it('says in one line what is wrong with a config: missing, unreachable subgraph, unset variable, GraphOS ref', async () => {
    const out = path.join(tmpdir(), 'never.graphql');
    const missing = path.join(tmpdir(), `no-such-${process.pid}.yaml`);
    expect(await quietly(['compose', '--config', missing, '--out', out])).toEqual({
      code: 1,
      stderr: `error: CONFIG_NOT_FOUND: ${missing}: no such file (pass --config <supergraph.yaml>)\ncomposition of ${missing} failed\n`,
    });
    const cases: [string, RegExp][] = [
      [
        'subgraphs:\n  x:\n    schema:\n      subgraph_url: http://127.0.0.1:9/graphql\n',
        /^error: SUBGRAPH_UNREACHABLE: subgraph x: http:\/\/127\.0\.0\.1:9\/graphql: /u,
      ],
      [
        `subgraphs:\n  x:\n    routing_url: \${env.DUTYHUB_NOT_SET}\n    schema:\n      file: a.graphql\n`,
        /^error: CONFIG_INVALID: .*\$\{env\.DUTYHUB_NOT_SET\} is not set/u,
      ],
      [
        'subgraphs:\n  x:\n    schema:\n      graphref: mygraph@current\n',
        /^error: CONFIG_INVALID: subgraph x: schema\.graphref needs GraphOS/u,
      ],
    ];
    for (const [yaml, expected] of cases) {
      const { code, stderr } = await quietly(['compose', '--config', await configWith(yaml), '--out', out]);
      expect(code).toBe(1);
      expect(stderr).toMatch(expected);
    }
  });
});
