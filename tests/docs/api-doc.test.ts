/**
 * docs/api.md stays true: its ```graphql block names every type of the committed SDL
 * (schema/schema.graphql) with exactly its fields, their types, arguments and defaults, and every
 * enum with its values.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  type DefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  Kind,
  parse,
  print,
} from 'graphql';

const root = path.join(__dirname, '..', '..');
const markdown = readFileSync(path.join(root, 'docs', 'api.md'), 'utf8');
const blocks = [...markdown.matchAll(/^```graphql\n([\s\S]*?)\n```$/gmu)].map((match) => match[1]);

type Shape = Record<string, string>;

const argument = (input: InputValueDefinitionNode) =>
  `${input.name.value}: ${print(input.type)}${input.defaultValue ? ` = ${print(input.defaultValue)}` : ''}`;

const field = (definition: FieldDefinitionNode | InputValueDefinitionNode) => {
  const args = 'arguments' in definition ? (definition.arguments ?? []) : [];
  const signature = args.length ? `(${args.map(argument).sort().join(', ')})` : '';
  const defaultValue =
    'defaultValue' in definition && definition.defaultValue ? ` = ${print(definition.defaultValue)}` : '';
  return `${signature}: ${print(definition.type)}${defaultValue}`;
};

/** Each type by name: its kind and its fields (with arguments and types) or enum values. */
function shapes(definitions: readonly DefinitionNode[]): Record<string, { kind: string; members: Shape }> {
  const result: Record<string, { kind: string; members: Shape }> = {};
  for (const definition of definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
      const fields = (definition.fields ?? []) as readonly (FieldDefinitionNode | InputValueDefinitionNode)[];
      result[definition.name.value] = {
        kind: definition.kind,
        members: Object.fromEntries(fields.map((each) => [each.name.value, field(each)])),
      };
    } else if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      result[definition.name.value] = {
        kind: definition.kind,
        members: Object.fromEntries((definition.values ?? []).map((value) => [value.name.value, 'value'])),
      };
    }
  }
  return result;
}

describe('docs/api.md', () => {
  it('holds one block of types', () => {
    expect(blocks).toHaveLength(1);
  });

  it('names every type of the schema with exactly its fields, arguments, defaults and enum values', () => {
    const schema = shapes(parse(readFileSync(path.join(root, 'schema', 'schema.graphql'), 'utf8')).definitions);
    const documented = shapes(parse(blocks[0]).definitions);
    expect(Object.keys(documented).sort()).toEqual(Object.keys(schema).sort());
    for (const name of Object.keys(schema)) expect({ [name]: documented[name] }).toEqual({ [name]: schema[name] });
  });
});
