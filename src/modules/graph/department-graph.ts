/**
 * The department network of a slice: departments linked to the slice's items are nodes, two
 * departments linked to the same items are joined by an edge weighted by how many. Metrics come
 * from graphology's libraries, not hand-rolled algorithms.
 */
import { UndirectedGraph } from 'graphology';
import louvain from 'graphology-communities-louvain';
import { connectedComponents } from 'graphology-components';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import { subgraph } from 'graphology-operators';
import type { Relation } from '../common/enums';
import type { RequestSql } from '../common/request-sql';
import { Department } from '../department/department.entity';
import type { ItemFilter } from '../item/item.inputs';
import { GraphRepository } from './graph.repository';

export interface SliceGraphOptions {
  filter?: ItemFilter | null;
  relation?: Relation | null;
  /** Edges with fewer items in common are left out. */
  minWeight?: number;
}

export interface NodeMetrics {
  department: Department;
  itemCount: number;
  degree: number;
  weightedDegree: number;
  betweenness: number;
  community: number;
  component: number;
}

export interface SliceGraph {
  /** Nodes keyed by department id, attributes: label (name), itemCount; edges: weight. */
  graph: UndirectedGraph;
  nodes: NodeMetrics[];
  edges: { source: Department; target: Department; weight: number }[];
  components: string[][];
}

export async function buildSliceGraph(sql: RequestSql, options: SliceGraphOptions): Promise<SliceGraph> {
  const graphs = new GraphRepository(sql);
  const [departments, edgeRows] = await Promise.all([
    graphs.sliceDepartments(options.filter, options.relation),
    graphs.sliceEdges(options.filter, options.relation, options.minWeight),
  ]);
  const byId = new Map(departments.map((node) => [node.department.id, node.department]));
  const analysis = analyseGraph(
    departments.map(({ department, itemCount }) => ({ id: department.id, label: department.name, itemCount })),
    edgeRows,
  );
  return {
    graph: analysis.graph,
    nodes: departments.map(({ department, itemCount }) => ({
      department,
      itemCount,
      ...(analysis.metrics.get(department.id) as Metrics),
    })),
    edges: edgeRows.map((edge) => ({
      source: byId.get(edge.source) as Department,
      target: byId.get(edge.target) as Department,
      weight: edge.weight,
    })),
    components: analysis.components,
  };
}

type Metrics = Pick<NodeMetrics, 'degree' | 'weightedDegree' | 'betweenness' | 'community' | 'component'>;

/**
 * Pure: the metrics of a weighted undirected graph. Communities and components are numbered from 0
 * by size, largest first, ties by label, so the same graph always gives the same numbers.
 */
export function analyseGraph(
  nodes: { id: string; label: string; itemCount?: number }[],
  edges: { source: string; target: string; weight: number }[],
): { graph: UndirectedGraph; metrics: Map<string, Metrics>; components: string[][] } {
  const graph = new UndirectedGraph();
  for (const node of nodes) graph.addNode(node.id, { label: node.label, itemCount: node.itemCount ?? 0 });
  // Keyed by its ends: graphology's own keys count edges across the process, which made the same
  // slice's GEXF export differ from one request to the next.
  for (const { source, target, weight } of edges)
    graph.addEdgeWithKey(`${source}--${target}`, source, target, { weight });
  const label = (id: string): string => graph.getNodeAttribute(id, 'label');
  const byLabel = (a: string, b: string) => (label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : 0);
  const numberBySize = (groups: string[][]) => {
    const ordered = groups
      .map((ids) => [...ids].sort(byLabel))
      .sort((a, b) => b.length - a.length || byLabel(a[0], b[0]));
    return { ordered, index: new Map(ordered.flatMap((ids, i) => ids.map((id) => [id, i] as const))) };
  };

  const components = connectedComponents(graph);
  // Betweenness counts shortest paths between two other nodes, and a path stays in its component:
  // each component of three nodes or more is measured on its own, the rest have none. The same
  // numbers as the whole graph's, without a search from every node across all of them (8,000
  // departments of a slice: 360 ms for the whole graph with no edge at all, 1.3 s with 24,000).
  const betweenness: Record<string, number> = {};
  for (const ids of components) {
    if (ids.length < 3) continue;
    // Unweighted, as the schema says: graphology-metrics reads `weight` as a distance by default,
    // and the items two departments share are the opposite, a closeness.
    Object.assign(betweenness, betweennessCentrality(subgraph(graph, ids), { normalized: false, getEdgeWeight: null }));
  }
  // No random walk: the same graph always gives the same communities.
  const labels = louvain(graph, { randomWalk: false, getEdgeWeight: 'weight' });
  const communities = new Map<number, string[]>();
  for (const [id, community] of Object.entries(labels))
    communities.set(community, [...(communities.get(community) ?? []), id]);
  const community = numberBySize([...communities.values()]);
  const component = numberBySize(components);

  const metrics = new Map<string, Metrics>(
    graph.nodes().map((id) => [
      id,
      {
        degree: graph.degree(id),
        weightedDegree: graph.reduceEdges(id, (sum, _edge, attributes) => sum + attributes.weight, 0),
        betweenness: betweenness[id] ?? 0,
        community: community.index.get(id) ?? 0,
        component: component.index.get(id) ?? 0,
      },
    ]),
  );
  return { graph, metrics, components: component.ordered };
}
