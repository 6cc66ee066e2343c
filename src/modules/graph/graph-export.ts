/**
 * A slice graph in the formats of analysts' tools: GraphML and GEXF (Gephi, NetworkX, Cytoscape,
 * yEd open both) and CSV nodes/edges tables. Every format carries the same nodes, edges and metrics.
 */
import { stringify } from 'csv-stringify/sync';
import { write as writeGexf } from 'graphology-gexf';
import type { SliceGraph } from './department-graph';

export type GraphFormat = 'graphml' | 'gexf' | 'csv';

const NODE_COLUMNS = [
  'id',
  'label',
  'aliases',
  'itemCount',
  'degree',
  'weightedDegree',
  'betweenness',
  'community',
  'component',
] as const;

function nodeRecords(slice: SliceGraph) {
  return slice.nodes.map((node) => ({
    id: node.department.id,
    label: node.department.name,
    aliases: node.department.aliases.join('|'),
    itemCount: node.itemCount,
    degree: node.degree,
    weightedDegree: node.weightedDegree,
    betweenness: node.betweenness,
    community: node.community,
    component: node.component,
  }));
}

export function nodesCsv(slice: SliceGraph): string {
  return stringify(nodeRecords(slice), { header: true, columns: [...NODE_COLUMNS] });
}

export function edgesCsv(slice: SliceGraph): string {
  return stringify(
    slice.edges.map((edge) => ({
      source: edge.source.id,
      target: edge.target.id,
      sourceLabel: edge.source.name,
      targetLabel: edge.target.name,
      weight: edge.weight,
    })),
    { header: true, columns: ['source', 'target', 'sourceLabel', 'targetLabel', 'weight'] },
  );
}

export function gexf(slice: SliceGraph): string {
  const graph = slice.graph.copy();
  for (const record of nodeRecords(slice)) {
    const { id, ...attributes } = record;
    graph.mergeNodeAttributes(id, attributes);
  }
  return writeGexf(graph, { pretty: true });
}

const xml = (text: string | number) =>
  String(text).replace(
    /[<>&"']/gu,
    (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[char]};`,
  );

/** GraphML 1.0 with typed keys; graphology has a GraphML parser but no writer. */
export function graphml(slice: SliceGraph): string {
  const nodeKeys = NODE_COLUMNS.filter((column) => column !== 'id');
  const types: Record<string, string> = { label: 'string', aliases: 'string', betweenness: 'double' };
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...nodeKeys.map((key) => `  <key id="${key}" for="node" attr.name="${key}" attr.type="${types[key] ?? 'int'}"/>`),
    '  <key id="weight" for="edge" attr.name="weight" attr.type="int"/>',
    '  <graph id="departments" edgedefault="undirected">',
    ...nodeRecords(slice).map(
      (node) =>
        `    <node id="${xml(node.id)}">${nodeKeys.map((key) => `<data key="${key}">${xml(node[key])}</data>`).join('')}</node>`,
    ),
    ...slice.edges.map(
      (edge) =>
        `    <edge source="${xml(edge.source.id)}" target="${xml(edge.target.id)}"><data key="weight">${edge.weight}</data></edge>`,
    ),
    '  </graph>',
    '</graphml>',
  ];
  return `${lines.join('\n')}\n`;
}
