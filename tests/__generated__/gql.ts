/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query SliceCount($filter: ItemFilter) {\n  items(filter: $filter) {\n    totalCount\n  }\n  facets(filter: $filter) {\n    total\n    byKind {\n      kind\n      count\n    }\n    byCategory {\n      category {\n        name\n      }\n      count\n    }\n    byTown {\n      town {\n        name\n      }\n      count\n    }\n    byDepartment {\n      department {\n        name\n      }\n      count\n    }\n  }\n  towns {\n    items(filter: $filter) {\n      totalCount\n    }\n  }\n}\n\nquery SliceItems($filter: ItemFilter, $orderBy: [ItemOrder!], $first: Int, $after: String) {\n  items(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n    totalCount\n    nodes {\n      kind\n      number\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery FacetsByRelation($filter: ItemFilter, $relation: Relation) {\n  facets(filter: $filter) {\n    total\n    byDepartment(relation: $relation) {\n      department {\n        name\n      }\n      count\n    }\n  }\n}\n\nquery NestedSlice($filter: ItemFilter, $first: Int!) {\n  items(filter: $filter, first: $first) {\n    nodes {\n      name\n      category {\n        name\n      }\n      links {\n        relation\n        department {\n          name\n          aliases\n        }\n      }\n      departments {\n        name\n      }\n      town {\n        name\n      }\n    }\n  }\n}\n\nquery CategoryDepartments($name: String!, $relation: Relation) {\n  category(name: $name) {\n    name\n    departments(relation: $relation) {\n      name\n    }\n    items {\n      totalCount\n    }\n  }\n}\n\nquery DepartmentSearch($search: String, $first: Int, $after: String) {\n  departments(search: $search, first: $first, after: $after) {\n    totalCount\n    nodes {\n      name\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.SliceCountDocument,
    "query Towns {\n  towns {\n    id\n    name\n    county\n    prefecture\n    items {\n      totalCount\n    }\n  }\n}": typeof types.TownsDocument,
};
const documents: Documents = {
    "query SliceCount($filter: ItemFilter) {\n  items(filter: $filter) {\n    totalCount\n  }\n  facets(filter: $filter) {\n    total\n    byKind {\n      kind\n      count\n    }\n    byCategory {\n      category {\n        name\n      }\n      count\n    }\n    byTown {\n      town {\n        name\n      }\n      count\n    }\n    byDepartment {\n      department {\n        name\n      }\n      count\n    }\n  }\n  towns {\n    items(filter: $filter) {\n      totalCount\n    }\n  }\n}\n\nquery SliceItems($filter: ItemFilter, $orderBy: [ItemOrder!], $first: Int, $after: String) {\n  items(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n    totalCount\n    nodes {\n      kind\n      number\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery FacetsByRelation($filter: ItemFilter, $relation: Relation) {\n  facets(filter: $filter) {\n    total\n    byDepartment(relation: $relation) {\n      department {\n        name\n      }\n      count\n    }\n  }\n}\n\nquery NestedSlice($filter: ItemFilter, $first: Int!) {\n  items(filter: $filter, first: $first) {\n    nodes {\n      name\n      category {\n        name\n      }\n      links {\n        relation\n        department {\n          name\n          aliases\n        }\n      }\n      departments {\n        name\n      }\n      town {\n        name\n      }\n    }\n  }\n}\n\nquery CategoryDepartments($name: String!, $relation: Relation) {\n  category(name: $name) {\n    name\n    departments(relation: $relation) {\n      name\n    }\n    items {\n      totalCount\n    }\n  }\n}\n\nquery DepartmentSearch($search: String, $first: Int, $after: String) {\n  departments(search: $search, first: $first, after: $after) {\n    totalCount\n    nodes {\n      name\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.SliceCountDocument,
    "query Towns {\n  towns {\n    id\n    name\n    county\n    prefecture\n    items {\n      totalCount\n    }\n  }\n}": types.TownsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SliceCount($filter: ItemFilter) {\n  items(filter: $filter) {\n    totalCount\n  }\n  facets(filter: $filter) {\n    total\n    byKind {\n      kind\n      count\n    }\n    byCategory {\n      category {\n        name\n      }\n      count\n    }\n    byTown {\n      town {\n        name\n      }\n      count\n    }\n    byDepartment {\n      department {\n        name\n      }\n      count\n    }\n  }\n  towns {\n    items(filter: $filter) {\n      totalCount\n    }\n  }\n}\n\nquery SliceItems($filter: ItemFilter, $orderBy: [ItemOrder!], $first: Int, $after: String) {\n  items(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n    totalCount\n    nodes {\n      kind\n      number\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery FacetsByRelation($filter: ItemFilter, $relation: Relation) {\n  facets(filter: $filter) {\n    total\n    byDepartment(relation: $relation) {\n      department {\n        name\n      }\n      count\n    }\n  }\n}\n\nquery NestedSlice($filter: ItemFilter, $first: Int!) {\n  items(filter: $filter, first: $first) {\n    nodes {\n      name\n      category {\n        name\n      }\n      links {\n        relation\n        department {\n          name\n          aliases\n        }\n      }\n      departments {\n        name\n      }\n      town {\n        name\n      }\n    }\n  }\n}\n\nquery CategoryDepartments($name: String!, $relation: Relation) {\n  category(name: $name) {\n    name\n    departments(relation: $relation) {\n      name\n    }\n    items {\n      totalCount\n    }\n  }\n}\n\nquery DepartmentSearch($search: String, $first: Int, $after: String) {\n  departments(search: $search, first: $first, after: $after) {\n    totalCount\n    nodes {\n      name\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query SliceCount($filter: ItemFilter) {\n  items(filter: $filter) {\n    totalCount\n  }\n  facets(filter: $filter) {\n    total\n    byKind {\n      kind\n      count\n    }\n    byCategory {\n      category {\n        name\n      }\n      count\n    }\n    byTown {\n      town {\n        name\n      }\n      count\n    }\n    byDepartment {\n      department {\n        name\n      }\n      count\n    }\n  }\n  towns {\n    items(filter: $filter) {\n      totalCount\n    }\n  }\n}\n\nquery SliceItems($filter: ItemFilter, $orderBy: [ItemOrder!], $first: Int, $after: String) {\n  items(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {\n    totalCount\n    nodes {\n      kind\n      number\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery FacetsByRelation($filter: ItemFilter, $relation: Relation) {\n  facets(filter: $filter) {\n    total\n    byDepartment(relation: $relation) {\n      department {\n        name\n      }\n      count\n    }\n  }\n}\n\nquery NestedSlice($filter: ItemFilter, $first: Int!) {\n  items(filter: $filter, first: $first) {\n    nodes {\n      name\n      category {\n        name\n      }\n      links {\n        relation\n        department {\n          name\n          aliases\n        }\n      }\n      departments {\n        name\n      }\n      town {\n        name\n      }\n    }\n  }\n}\n\nquery CategoryDepartments($name: String!, $relation: Relation) {\n  category(name: $name) {\n    name\n    departments(relation: $relation) {\n      name\n    }\n    items {\n      totalCount\n    }\n  }\n}\n\nquery DepartmentSearch($search: String, $first: Int, $after: String) {\n  departments(search: $search, first: $first, after: $after) {\n    totalCount\n    nodes {\n      name\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Towns {\n  towns {\n    id\n    name\n    county\n    prefecture\n    items {\n      totalCount\n    }\n  }\n}"): (typeof documents)["query Towns {\n  towns {\n    id\n    name\n    county\n    prefecture\n    items {\n      totalCount\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;