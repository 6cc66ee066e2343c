import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CategoryResolver } from './modules/category/category.resolver';
import { DepartmentResolver } from './modules/department/department.resolver';
import { ItemResolver } from './modules/item/item.resolver';
import { ItemFacetsResolver } from './modules/item/item-facets';
import { LinkResolver } from './modules/link/link.resolver';
import { TownResolver } from './modules/town/town.resolver';

export const resolvers = [
  TownResolver,
  CategoryResolver,
  DepartmentResolver,
  ItemResolver,
  ItemFacetsResolver,
  LinkResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The hub's schema, built once per process from the resolvers. */
export function buildHubSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers, validate: false });
  return built;
}

/** The SDL committed under schema/: sorted, so a diff shows only real changes. */
export async function printHubSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildHubSchema()))}\n`;
}
