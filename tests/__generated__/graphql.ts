/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date string, such as 2007-12-03, compliant with the `full-date` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  Date: { input: any; output: any; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: any; output: any; }
};

/** A category of duties (事项类别), shared by all towns */
export type Category = {
  __typename?: 'Category';
  /** Departments linked to items of this category, by name */
  departments: Array<Department>;
  id: Scalars['ID']['output'];
  items: ItemConnection;
  name: Scalars['String']['output'];
};


/** A category of duties (事项类别), shared by all towns */
export type CategoryDepartmentsArgs = {
  relation?: InputMaybe<Relation>;
};


/** A category of duties (事项类别), shared by all towns */
export type CategoryItemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ItemFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ItemOrder>>;
};

export type CategoryCount = {
  __typename?: 'CategoryCount';
  category: Category;
  count: Scalars['Int']['output'];
};

/** Items per category (rows) and department (columns) of a slice, for heatmaps */
export type CategoryDepartmentMatrix = {
  __typename?: 'CategoryDepartmentMatrix';
  /** Rows, by name */
  categories: Array<Category>;
  /** counts[i][j]: items of categories[i] linked to departments[j] */
  counts: Array<Array<Scalars['Int']['output']>>;
  /** Columns, by name */
  departments: Array<Department>;
};

/** A county or higher department, linked to the items of every town */
export type Department = {
  __typename?: 'Department';
  /** Second names, e.g. 托里县监察委员会 for 托里县纪律检查委员会 */
  aliases: Array<Scalars['String']['output']>;
  /** The canonical name, whichever name (or alias) the department was asked by */
  canonicalName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Items it shares (SHARED) or reclaimed (RECLAIMED), either when null: `items(relation:)`'s totalCount without a page */
  itemCount: Scalars['Int']['output'];
  /** Items the department shares or reclaimed, in all towns */
  items: ItemConnection;
  /** Its links, in the default item order */
  links: Array<Link>;
  /** Canonical name, white space removed */
  name: Scalars['String']['output'];
  /** Departments linked to at least one same item, most items in common first, then by name */
  partners: Array<DepartmentPartner>;
};


/** A county or higher department, linked to the items of every town */
export type DepartmentItemCountArgs = {
  relation?: InputMaybe<Relation>;
};


/** A county or higher department, linked to the items of every town */
export type DepartmentItemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ItemFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ItemOrder>>;
  relation?: InputMaybe<Relation>;
};


/** A county or higher department, linked to the items of every town */
export type DepartmentLinksArgs = {
  relation?: InputMaybe<Relation>;
};


/** A county or higher department, linked to the items of every town */
export type DepartmentPartnersArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  relation?: InputMaybe<Relation>;
};

export type DepartmentConnection = {
  __typename?: 'DepartmentConnection';
  edges: Array<DepartmentEdge>;
  nodes: Array<Department>;
  pageInfo: PageInfo;
  /** Rows matching, across all pages */
  totalCount: Scalars['Int']['output'];
};

export type DepartmentCount = {
  __typename?: 'DepartmentCount';
  /** Items of the slice linked to the department */
  count: Scalars['Int']['output'];
  department: Department;
};

export type DepartmentEdge = {
  __typename?: 'DepartmentEdge';
  cursor: Scalars['String']['output'];
  node: Department;
};

/** The department network of a slice of items, with exports */
export type DepartmentGraph = {
  __typename?: 'DepartmentGraph';
  /** Connected components as department ids, largest first */
  components: Array<Array<Scalars['ID']['output']>>;
  /** Heaviest first, then by names */
  edges: Array<DepartmentGraphEdge>;
  /** Edges as CSV with a header row */
  edgesCsv: Scalars['String']['output'];
  /** GEXF 1.2 (Gephi) */
  gexf: Scalars['String']['output'];
  /** GraphML 1.0 (yEd, Cytoscape, NetworkX) */
  graphml: Scalars['String']['output'];
  /** By name */
  nodes: Array<DepartmentNode>;
  /** Nodes as CSV with a header row */
  nodesCsv: Scalars['String']['output'];
};

/** Two departments of a slice sharing `weight` items */
export type DepartmentGraphEdge = {
  __typename?: 'DepartmentGraphEdge';
  source: Department;
  target: Department;
  weight: Scalars['Int']['output'];
};

/** A department in a slice graph, with its metrics */
export type DepartmentNode = {
  __typename?: 'DepartmentNode';
  /** Betweenness centrality (unweighted shortest paths, not normalised) */
  betweenness: Scalars['Float']['output'];
  /** Louvain community, numbered from 0 by size, largest first */
  community: Scalars['Int']['output'];
  /** Connected component, numbered from 0 by size, largest first */
  component: Scalars['Int']['output'];
  /** Departments it shares an item with in the slice */
  degree: Scalars['Int']['output'];
  department: Department;
  /** Items of the slice it is linked to */
  itemCount: Scalars['Int']['output'];
  /** Sum of the weights of its edges */
  weightedDegree: Scalars['Int']['output'];
};

/** A department linked to at least one same item as another */
export type DepartmentPartner = {
  __typename?: 'DepartmentPartner';
  department: Department;
  /** The items in common, in the default order */
  items: Array<Item>;
  /** Items in common */
  weight: Scalars['Int']['output'];
};

/** The format a document was read from */
export type DocumentFormat =
  | 'DOCX'
  | 'HTML'
  | 'TEXT'
  | 'XLSX';

/** A file a version was imported from */
export type DocumentSource = {
  __typename?: 'DocumentSource';
  bytes: Scalars['Int']['output'];
  format: DocumentFormat;
  name: Scalars['String']['output'];
  /** SHA-256 of the file's bytes, hex */
  sha256: Scalars['String']['output'];
};

/** One duty of a town's lists */
export type Item = {
  __typename?: 'Item';
  category: Category;
  departments: Array<Department>;
  /** 不再开展此项工作: the duty was discontinued */
  discontinued: Scalars['Boolean']['output'];
  /** Oldest first, one entry per version that changed it */
  history: Array<ItemChange>;
  id: Scalars['ID']['output'];
  kind: ItemKind;
  /** Departments linked to the item, the lead department first */
  links: Array<Link>;
  /** 事项名称 */
  name: Scalars['String']['output'];
  /** 序号, 1..N inside its list */
  number: Scalars['Int']['output'];
  town: Town;
  /** 乡镇（街道）配合职责 as ordered steps; [] where none */
  townResponsibilities: Array<Scalars['String']['output']>;
  /** 工作方式 of a reclaimed item */
  workingMethod?: Maybe<Scalars['String']['output']>;
};


/** One duty of a town's lists */
export type ItemDepartmentsArgs = {
  relation?: InputMaybe<Relation>;
};

/** How a duty changed between two versions */
export type ItemChange = {
  __typename?: 'ItemChange';
  /** Null where removed */
  after?: Maybe<ItemState>;
  /** Null where added */
  before?: Maybe<ItemState>;
  /** What differs: number, name, category, departments, responsibilities, townResponsibilities, workingMethod, discontinued */
  fields: Array<Scalars['String']['output']>;
  /** The duty's id, the same in both versions where it continues */
  itemId: Scalars['ID']['output'];
  kind: ItemKind;
};

export type ItemConnection = {
  __typename?: 'ItemConnection';
  edges: Array<ItemEdge>;
  nodes: Array<Item>;
  pageInfo: PageInfo;
  /** Rows matching, across all pages */
  totalCount: Scalars['Int']['output'];
};

export type ItemEdge = {
  __typename?: 'ItemEdge';
  cursor: Scalars['String']['output'];
  node: Item;
};

/** Counts of the items a filter selects. byKind lists all three kinds (zeros included); the other lists hold groups with items, most first, then by name. */
export type ItemFacets = {
  __typename?: 'ItemFacets';
  byCategory: Array<CategoryCount>;
  byDepartment: Array<DepartmentCount>;
  byKind: Array<KindCount>;
  byTown: Array<TownCount>;
  total: Scalars['Int']['output'];
};


/** Counts of the items a filter selects. byKind lists all three kinds (zeros included); the other lists hold groups with items, most first, then by name. */
export type ItemFacetsByCategoryArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Counts of the items a filter selects. byKind lists all three kinds (zeros included); the other lists hold groups with items, most first, then by name. */
export type ItemFacetsByDepartmentArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  relation?: InputMaybe<Relation>;
};


/** Counts of the items a filter selects. byKind lists all three kinds (zeros included); the other lists hold groups with items, most first, then by name. */
export type ItemFacetsByTownArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Fields combine with AND, values inside one list with OR; and/or/not compose. An empty list matches nothing. */
export type ItemFilter = {
  and?: InputMaybe<Array<ItemFilter>>;
  categoryIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Category names, white space ignored */
  categoryNames?: InputMaybe<Array<Scalars['String']['input']>>;
  departmentIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  kinds?: InputMaybe<Array<ItemKind>>;
  not?: InputMaybe<ItemFilter>;
  /** 序号 values */
  numbers?: InputMaybe<Array<Scalars['Int']['input']>>;
  or?: InputMaybe<Array<ItemFilter>>;
  /** With departmentIds: linked by that relation; alone: linked to any department by it */
  relation?: InputMaybe<Relation>;
  /** Substring of the name, responsibilities, working method or a linked department name */
  search?: InputMaybe<Scalars['String']['input']>;
  townIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** Which list an item comes from: 基本履职 / 配合履责 / 上级部门收回 */
export type ItemKind =
  | 'BASIC'
  | 'COOPERATIVE'
  | 'RECLAIMED';

export type ItemOrder = {
  direction?: SortDirection;
  field: ItemOrderField;
};

/** TOWN sorts by prefecture, county, town name; KIND in list order (BASIC, COOPERATIVE, RECLAIMED) */
export type ItemOrderField =
  | 'CATEGORY'
  | 'KIND'
  | 'NAME'
  | 'NUMBER'
  | 'TOWN';

/** Two towns' duties of one kind and one name */
export type ItemPair = {
  __typename?: 'ItemPair';
  a: Item;
  b: Item;
  /** What differs, as in ItemChange (the number left out) */
  fields: Array<Scalars['String']['output']>;
};

/** A duty as one version lists it */
export type ItemState = {
  __typename?: 'ItemState';
  /** The category's name */
  category: Scalars['String']['output'];
  /** The departments' canonical names, the lead department first */
  departments: Array<Scalars['String']['output']>;
  discontinued: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  number: Scalars['Int']['output'];
  townResponsibilities: Array<Scalars['String']['output']>;
  workingMethod?: Maybe<Scalars['String']['output']>;
};

export type KindCount = {
  __typename?: 'KindCount';
  count: Scalars['Int']['output'];
  kind: ItemKind;
};

/** A department's part in an item */
export type Link = {
  __typename?: 'Link';
  department: Department;
  /** Stable: derived from the item's id and the department's, kept through revisions */
  id: Scalars['ID']['output'];
  item: Item;
  relation: Relation;
  /** This department's own part of 上级部门职责 / 工作方式, as ordered steps */
  responsibilities: Array<Scalars['String']['output']>;
};

/** Relay page information */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** One department of a path */
export type PathStep = {
  __typename?: 'PathStep';
  department: Department;
  /** Items shared with the previous step ([] for the first) */
  items: Array<Item>;
};

export type Query = {
  __typename?: 'Query';
  /** All categories, by name */
  categories: Array<Category>;
  category?: Maybe<Category>;
  /** Items per category and department of a slice */
  categoryDepartmentMatrix: CategoryDepartmentMatrix;
  /** Two towns' current items matched within a kind by name */
  compareTowns: TownComparison;
  /** By id, or by canonical name or alias (white space ignored); null if unknown */
  department?: Maybe<Department>;
  /** The department network of a slice: nodes with metrics, weighted edges, components, exports */
  departmentGraph: DepartmentGraph;
  /** The shortest chain of departments from `from` to `to` where each hop shares an item; null if none within maxHops */
  departmentPath?: Maybe<Array<PathStep>>;
  /** Departments by name; search matches names and aliases */
  departments: DepartmentConnection;
  /** Counts of the slice `filter` selects; total equals items(filter).totalCount */
  facets: ItemFacets;
  /** An item by id; null if unknown */
  item?: Maybe<Item>;
  /** Items of all towns; default order town, kind, number */
  items: ItemConnection;
  /** By id, or by name: 托里镇, 托里县托里镇 or 塔城地区托里县托里镇 (a bare name shared by two towns is refused) */
  town?: Maybe<Town>;
  /** What changed from version `from` to version `to` of a town's lists */
  townDiff: VersionChanges;
  /** All towns, by prefecture, county and name */
  towns: Array<Town>;
};


export type QueryCategoryArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};


export type QueryCategoryDepartmentMatrixArgs = {
  filter?: InputMaybe<ItemFilter>;
  relation?: InputMaybe<Relation>;
};


export type QueryCompareTownsArgs = {
  a: Scalars['ID']['input'];
  b: Scalars['ID']['input'];
  kinds?: InputMaybe<Array<ItemKind>>;
};


export type QueryDepartmentArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};


export type QueryDepartmentGraphArgs = {
  filter?: InputMaybe<ItemFilter>;
  minWeight?: Scalars['Int']['input'];
  relation?: InputMaybe<Relation>;
};


export type QueryDepartmentPathArgs = {
  from: Scalars['ID']['input'];
  maxHops?: Scalars['Int']['input'];
  relation?: InputMaybe<Relation>;
  to: Scalars['ID']['input'];
};


export type QueryDepartmentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryFacetsArgs = {
  filter?: InputMaybe<ItemFilter>;
};


export type QueryItemArgs = {
  id: Scalars['ID']['input'];
};


export type QueryItemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ItemFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ItemOrder>>;
};


export type QueryTownArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};


export type QueryTownDiffArgs = {
  from: Scalars['Int']['input'];
  to: Scalars['Int']['input'];
  town: Scalars['ID']['input'];
};

/** A department shares (配合) or reclaimed (收回) an item */
export type Relation =
  | 'RECLAIMED'
  | 'SHARED';

export type SortDirection =
  | 'ASC'
  | 'DESC';

/** A town (乡镇) or street office (街道) */
export type Town = {
  __typename?: 'Town';
  /** County-level division, e.g. 托里县 */
  county: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  items: ItemConnection;
  /** 托里镇 */
  name: Scalars['String']['output'];
  /** Prefecture-level division, e.g. 塔城地区 */
  prefecture: Scalars['String']['output'];
  /** One of its versions; null if it has none of that number */
  version?: Maybe<TownVersion>;
  /** Its versions, newest first */
  versions: Array<TownVersion>;
};


/** A town (乡镇) or street office (街道) */
export type TownItemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ItemFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ItemOrder>>;
};


/** A town (乡镇) or street office (街道) */
export type TownVersionArgs = {
  number: Scalars['Int']['input'];
};

/** Two towns' current items matched within a kind by name */
export type TownComparison = {
  __typename?: 'TownComparison';
  a: Town;
  b: Town;
  both: Array<ItemPair>;
  onlyA: Array<Item>;
  onlyB: Array<Item>;
};

export type TownCount = {
  __typename?: 'TownCount';
  count: Scalars['Int']['output'];
  town: Town;
};

/** One version of a town's lists, 1, 2, … in import order */
export type TownVersion = {
  __typename?: 'TownVersion';
  /** Against the version before it (all added for version 1) */
  changes: VersionChanges;
  counts: VersionCounts;
  current: Scalars['Boolean']['output'];
  /** 发布/施行 date: given at import (--effective-date), or read from the document */
  effectiveDate?: Maybe<Scalars['Date']['output']>;
  id: Scalars['ID']['output'];
  importedAt: Scalars['DateTime']['output'];
  /** Its items as that version listed them, as Town.items pages them */
  items: ItemConnection;
  /** 1, 2, … per town, in the order they were imported */
  number: Scalars['Int']['output'];
  /** The file(s) it came from */
  sources: Array<DocumentSource>;
  town: Town;
};


/** One version of a town's lists, 1, 2, … in import order */
export type TownVersionItemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ItemFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ItemOrder>>;
};

/** What changed between two versions, each list by kind and number */
export type VersionChanges = {
  __typename?: 'VersionChanges';
  added: Array<ItemChange>;
  changed: Array<ItemChange>;
  removed: Array<ItemChange>;
};

/** A version's items per list, and its links */
export type VersionCounts = {
  __typename?: 'VersionCounts';
  basic: Scalars['Int']['output'];
  cooperative: Scalars['Int']['output'];
  links: Scalars['Int']['output'];
  reclaimed: Scalars['Int']['output'];
};

export type SliceCountQueryVariables = Exact<{
  filter?: InputMaybe<ItemFilter>;
}>;


export type SliceCountQuery = { __typename?: 'Query', items: { __typename?: 'ItemConnection', totalCount: number }, facets: { __typename?: 'ItemFacets', total: number, byKind: Array<{ __typename?: 'KindCount', kind: ItemKind, count: number }>, byCategory: Array<{ __typename?: 'CategoryCount', count: number, category: { __typename?: 'Category', name: string } }>, byTown: Array<{ __typename?: 'TownCount', count: number, town: { __typename?: 'Town', name: string } }>, byDepartment: Array<{ __typename?: 'DepartmentCount', count: number, department: { __typename?: 'Department', name: string } }> }, towns: Array<{ __typename?: 'Town', items: { __typename?: 'ItemConnection', totalCount: number } }> };

export type SliceItemsQueryVariables = Exact<{
  filter?: InputMaybe<ItemFilter>;
  orderBy?: InputMaybe<Array<ItemOrder> | ItemOrder>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SliceItemsQuery = { __typename?: 'Query', items: { __typename?: 'ItemConnection', totalCount: number, nodes: Array<{ __typename?: 'Item', kind: ItemKind, number: number }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type FacetsByRelationQueryVariables = Exact<{
  filter?: InputMaybe<ItemFilter>;
  relation?: InputMaybe<Relation>;
}>;


export type FacetsByRelationQuery = { __typename?: 'Query', facets: { __typename?: 'ItemFacets', total: number, byDepartment: Array<{ __typename?: 'DepartmentCount', count: number, department: { __typename?: 'Department', name: string } }> } };

export type NestedSliceQueryVariables = Exact<{
  filter?: InputMaybe<ItemFilter>;
  first: Scalars['Int']['input'];
}>;


export type NestedSliceQuery = { __typename?: 'Query', items: { __typename?: 'ItemConnection', nodes: Array<{ __typename?: 'Item', name: string, category: { __typename?: 'Category', name: string }, links: Array<{ __typename?: 'Link', relation: Relation, department: { __typename?: 'Department', name: string, aliases: Array<string> } }>, departments: Array<{ __typename?: 'Department', name: string }>, town: { __typename?: 'Town', name: string } }> } };

export type CategoryDepartmentsQueryVariables = Exact<{
  name: Scalars['String']['input'];
  relation?: InputMaybe<Relation>;
}>;


export type CategoryDepartmentsQuery = { __typename?: 'Query', category?: { __typename?: 'Category', name: string, departments: Array<{ __typename?: 'Department', name: string }>, items: { __typename?: 'ItemConnection', totalCount: number } } | null };

export type DepartmentSearchQueryVariables = Exact<{
  search?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type DepartmentSearchQuery = { __typename?: 'Query', departments: { __typename?: 'DepartmentConnection', totalCount: number, nodes: Array<{ __typename?: 'Department', name: string }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type TownsQueryVariables = Exact<{ [key: string]: never; }>;


export type TownsQuery = { __typename?: 'Query', towns: Array<{ __typename?: 'Town', id: string, name: string, county: string, prefecture: string, items: { __typename?: 'ItemConnection', totalCount: number } }> };


export const SliceCountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SliceCount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ItemFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"items"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"facets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"byKind"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byCategory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byTown"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"town"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byDepartment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"towns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"items"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]} as unknown as DocumentNode<SliceCountQuery, SliceCountQueryVariables>;
export const SliceItemsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SliceItems"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ItemFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ItemOrder"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"items"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"number"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<SliceItemsQuery, SliceItemsQueryVariables>;
export const FacetsByRelationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FacetsByRelation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ItemFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"relation"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Relation"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"facets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"byDepartment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"relation"},"value":{"kind":"Variable","name":{"kind":"Name","value":"relation"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<FacetsByRelationQuery, FacetsByRelationQueryVariables>;
export const NestedSliceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NestedSlice"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ItemFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"items"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"links"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"relation"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"aliases"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"departments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"town"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NestedSliceQuery, NestedSliceQueryVariables>;
export const CategoryDepartmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CategoryDepartments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"relation"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Relation"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"departments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"relation"},"value":{"kind":"Variable","name":{"kind":"Name","value":"relation"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]} as unknown as DocumentNode<CategoryDepartmentsQuery, CategoryDepartmentsQueryVariables>;
export const DepartmentSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DepartmentSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"departments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<DepartmentSearchQuery, DepartmentSearchQueryVariables>;
export const TownsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Towns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"towns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"county"}},{"kind":"Field","name":{"kind":"Name","value":"prefecture"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]} as unknown as DocumentNode<TownsQuery, TownsQueryVariables>;