import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { type GraphQLObjectType, graphql } from 'graphql';
import { Arg, Directive, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { buildFederatedSchema } from '../../src/graphql/build-federated-schema';

@ObjectType()
@Directive('@key(fields: "id")')
class Probe {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { complexity: 7 })
  weight!: number;
}

@Resolver(() => Probe)
class ProbeResolver {
  @Query(() => Probe, { complexity: 3 })
  probe(@Arg('id', () => ID) id: string): Probe {
    return { id, weight: id.length };
  }
}

describe('buildFederatedSchema', () => {
  it("keeps type-graphql's field extensions (complexity) through the subgraph build", async () => {
    const schema = await buildFederatedSchema(
      { resolvers: [ProbeResolver], validate: false },
      {
        Probe: { __resolveReference: (reference: { id: string }) => ({ id: reference.id, weight: 1 }) },
      },
    );
    const probe = schema.getType('Probe') as GraphQLObjectType;
    expect(probe.getFields().weight.extensions).toEqual({ complexity: 7 });
    expect(schema.getQueryType()?.getFields().probe.extensions).toEqual({ complexity: 3 });
  });

  it("runs type-graphql's resolvers and the reference resolvers", async () => {
    const schema = await buildFederatedSchema(
      { resolvers: [ProbeResolver], validate: false },
      {
        Probe: { __resolveReference: (reference: { id: string }) => ({ id: reference.id, weight: 42 }) },
      },
    );
    const result = await graphql({
      schema,
      source: `{ probe(id: "abc") { weight } _entities(representations: [{ __typename: "Probe", id: "x" }]) { ... on Probe { weight } } }`,
    });
    expect(result).toEqual({ data: { probe: { weight: 3 }, _entities: [{ weight: 42 }] } });
  });
});
