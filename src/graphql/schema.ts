import 'reflect-metadata';
import { printSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLSchema, specifiedDirectives } from 'graphql';
import { cacheControlDirective } from '../cache/cache-policy';
import { resolveCategoryReference } from '../modules/category/category.reference';
import { CategoryResolver } from '../modules/category/category.resolver';
import { resolveDepartmentReference } from '../modules/department/department.reference';
import { DepartmentResolver } from '../modules/department/department.resolver';
import {
  DepartmentGraphResolver,
  DepartmentPartnerResolver,
  DepartmentPartnersResolver,
  PathStepResolver,
} from '../modules/graph/graph.resolver';
import { resolveItemReference } from '../modules/item/item.reference';
import { ItemResolver } from '../modules/item/item.resolver';
import { ItemFacetsResolver } from '../modules/item/item-facets';
import { resolveLinkReference } from '../modules/link/link.reference';
import { LinkResolver } from '../modules/link/link.resolver';
import { resolveTownReference } from '../modules/town/town.reference';
import { TownResolver } from '../modules/town/town.resolver';
import {
  ItemHistoryResolver,
  TownVersionResolver,
  TownVersionsResolver,
  VersionQueryResolver,
} from '../modules/version/version.resolver';
import { buildFederatedSchema } from './build-federated-schema';

export const resolvers = [
  TownResolver,
  CategoryResolver,
  DepartmentResolver,
  ItemResolver,
  ItemFacetsResolver,
  LinkResolver,
  DepartmentPartnersResolver,
  DepartmentPartnerResolver,
  PathStepResolver,
  DepartmentGraphResolver,
  TownVersionResolver,
  TownVersionsResolver,
  ItemHistoryResolver,
  VersionQueryResolver,
] as const;

/** The entities other subgraphs extend by name: served under these names whatever the type prefix. */
export const SHARED_ENTITIES = ['Town', 'Category', 'Department', 'Item'] as const;

const built = new Map<string, Promise<GraphQLSchema>>();

/**
 * The hub's schema: a Federation 2 subgraph, built once per process and type prefix (FEDERATION_TYPE_PREFIX,
 * docs/federation.md "Names"); no prefix serves the contract's names.
 */
export function buildHubSchema(typePrefix = ''): Promise<GraphQLSchema> {
  let schema = built.get(typePrefix);
  if (schema) return schema;
  schema = buildFederatedSchema(
    // The directive's definition, so that the subgraph SDL declares what its hints use.
    { resolvers, validate: false, directives: [...specifiedDirectives, cacheControlDirective] },
    {
      Town: { __resolveReference: resolveTownReference },
      Category: { __resolveReference: resolveCategoryReference },
      Department: { __resolveReference: resolveDepartmentReference },
      Item: { __resolveReference: resolveItemReference },
      Link: { __resolveReference: resolveLinkReference },
    },
    { prefix: typePrefix, keep: SHARED_ENTITIES },
  );
  built.set(typePrefix, schema);
  return schema;
}

/** The subgraph SDL committed under schema/ (no prefix), federation directives included. */
export async function printHubSchema(typePrefix = ''): Promise<string> {
  return `${printSubgraphSchema(await buildHubSchema(typePrefix))}\n`;
}
