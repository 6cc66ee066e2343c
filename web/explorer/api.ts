/** The hub's GraphQL API as the explorer uses it: the documents, their result types, one fetch helper. */

export type ItemKind = 'BASIC' | 'COOPERATIVE' | 'RECLAIMED';
export type Relation = 'SHARED' | 'RECLAIMED';

export interface ItemFilter {
  kinds?: ItemKind[];
  townIds?: string[];
  categoryIds?: string[];
}

export interface Named {
  id: string;
  name: string;
}

export interface Town extends Named {
  county: string;
}

export interface Department extends Named {
  aliases: string[];
}

export interface DepartmentNode {
  department: Department;
  degree: number;
  weightedDegree: number;
  itemCount: number;
  betweenness: number;
  community: number;
  component: number;
}

export interface DepartmentGraph {
  nodes: DepartmentNode[];
  edges: { source: { id: string }; target: { id: string }; weight: number }[];
  components: string[][];
}

export interface CategoryDepartmentMatrix {
  categories: Named[];
  departments: Department[];
  /** counts[i][j]: items of category i linked to department j */
  counts: number[][];
}

export interface ListedItem {
  id: string;
  kind: ItemKind;
  number: number;
  name: string;
  category: { name: string };
  town: { name: string };
  /** Every department's part in the item; the panel shows the chosen department's own. */
  links: { department: { id: string }; relation: Relation; responsibilities: string[] }[];
}

export interface ItemList {
  totalCount: number;
  nodes: ListedItem[];
}

export interface Partner {
  department: Named;
  /** Items in common */
  weight: number;
}

export interface DepartmentItems extends Department {
  shared: ItemList;
  reclaimed: ItemList;
  partners: Partner[];
}

export interface PathStep {
  department: Named;
  /** Items shared with the previous step; [] for the first */
  items: { id: string; kind: ItemKind; number: number; name: string }[];
}

/** The export formats DepartmentGraph offers as text; CSV is saved with a byte order mark for Excel. */
export const EXPORTS = {
  graphml: { label: 'GraphML', file: 'departments.graphml', type: 'application/graphml+xml' },
  gexf: { label: 'GEXF', file: 'departments.gexf', type: 'application/gexf+xml' },
  nodesCsv: { label: 'nodes.csv', file: 'nodes.csv', type: 'text/csv;charset=utf-8' },
  edgesCsv: { label: 'edges.csv', file: 'edges.csv', type: 'text/csv;charset=utf-8' },
} as const;
export type ExportFormat = keyof typeof EXPORTS;

export const OPTIONS_QUERY = /* GraphQL */ `
  query ExplorerOptions {
    towns { id name county }
    categories { id name }
  }
`;

export const GRAPH_QUERY = /* GraphQL */ `
  query ExplorerGraph($filter: ItemFilter, $relation: Relation, $minWeight: Int! = 1) {
    departmentGraph(filter: $filter, relation: $relation, minWeight: $minWeight) {
      nodes {
        department { id name aliases }
        degree weightedDegree itemCount betweenness community component
      }
      edges { source { id } target { id } weight }
      components
    }
  }
`;

export const MATRIX_QUERY = /* GraphQL */ `
  query ExplorerMatrix($filter: ItemFilter, $relation: Relation) {
    categoryDepartmentMatrix(filter: $filter, relation: $relation) {
      categories { id name }
      departments { id name aliases }
      counts
    }
  }
`;

export const DEPARTMENT_ITEMS_QUERY = /* GraphQL */ `
  query ExplorerDepartmentItems($id: ID!, $filter: ItemFilter, $relation: Relation) {
    department(id: $id) {
      id name aliases
      shared: items(relation: SHARED, filter: $filter, first: 500) { ...ExplorerItems }
      reclaimed: items(relation: RECLAIMED, filter: $filter, first: 500) { ...ExplorerItems }
      partners(relation: $relation, first: 100) { department { id name } weight }
    }
  }
  fragment ExplorerItems on ItemConnection {
    totalCount
    nodes {
      id kind number name category { name } town { name }
      links { department { id } relation responsibilities }
    }
  }
`;

export const PATH_QUERY = /* GraphQL */ `
  query ExplorerPath($from: ID!, $to: ID!, $relation: Relation) {
    departmentPath(from: $from, to: $to, relation: $relation) {
      department { id name }
      items { id kind number name }
    }
  }
`;

export const SEARCH_QUERY = /* GraphQL */ `
  query ExplorerSearch($search: String!) {
    departments(search: $search, first: 20) { nodes { id name aliases } }
  }
`;

export function exportQuery(format: ExportFormat): string {
  return /* GraphQL */ `
    query ExplorerExport($filter: ItemFilter, $relation: Relation, $minWeight: Int! = 1) {
      departmentGraph(filter: $filter, relation: $relation, minWeight: $minWeight) { ${format} }
    }
  `;
}

export class GraphQLRequestError extends Error {}

let renamedTypes: Promise<Record<string, string>> | undefined;

/**
 * The contract's type names the hub serves renamed (FEDERATION_TYPE_PREFIX, src/http/web.ts), asked
 * once: none by default, and none if the hub cannot say (the operations then go as written).
 */
function servedNames(): Promise<Record<string, string>> {
  renamedTypes ??= fetch('/explorer/names.json')
    .then((response) => (response.ok ? response.json() : {}))
    .then((body: { renamedTypes?: Record<string, string> }) => body.renamedTypes ?? {})
    .catch(() => ({}));
  return renamedTypes;
}

/**
 * An operation written in the contract's type names, in the hub's: the names of its variables'
 * types (`$filter: ItemFilter`, `[ItemKind!]`) and of its fragments' (`on ItemConnection`).
 */
export function withServedNames(query: string, renamed: Record<string, string>): string {
  return query.replace(
    /(\$\w+\s*:\s*\[?\s*|\bon\s+)([A-Za-z_]\w*)/gu,
    (_, before: string, name: string) => before + (renamed[name] ?? name),
  );
}

/** POSTs one operation to the hub's /graphql; throws on HTTP or GraphQL errors. */
export async function request<Data>(
  query: string,
  variables: Record<string, unknown> = {},
  signal?: AbortSignal,
): Promise<Data> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: withServedNames(query, await servedNames()), variables }),
    signal,
  });
  let body: { data?: Data; errors?: { message: string }[] };
  try {
    body = await response.json();
  } catch {
    throw new GraphQLRequestError(`HTTP ${response.status} ${response.statusText}`);
  }
  if (body.errors?.length) throw new GraphQLRequestError(body.errors.map((error) => error.message).join('; '));
  if (!response.ok || body.data === undefined) throw new GraphQLRequestError(`HTTP ${response.status}`);
  return body.data;
}
