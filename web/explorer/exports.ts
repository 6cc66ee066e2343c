/**
 * The files office users open: CSV that Excel on Chinese Windows reads as UTF-8 (with a byte order mark;
 * without one it guesses GBK and garbles every name), the heatmap as CSV, and one Excel workbook of the
 * nodes, edges and heatmap of the view. SheetJS (@e965/xlsx) is loaded only when a workbook is asked for:
 * it stays out of the page's bundle.
 */
import type { CategoryDepartmentMatrix, DepartmentGraph } from './api';

/** U+FEFF, written first: Excel then reads the CSV as UTF-8. */
export const BOM = '\uFEFF';

type Cell = string | number;

/** Rows as CSV (RFC 4180: a field with a comma, quote or line break is quoted), a header row first. */
export function toCsv(rows: Cell[][]): string {
  const field = (cell: Cell) => {
    const text = String(cell);
    return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return rows.map((row) => `${row.map(field).join(',')}\n`).join('');
}

/** The columns of nodes.csv (departmentGraph.nodesCsv), one row per department. */
export function nodeRows(graph: DepartmentGraph): Cell[][] {
  return [
    ['id', 'label', 'aliases', 'itemCount', 'degree', 'weightedDegree', 'betweenness', 'community', 'component'],
    ...graph.nodes.map((node) => [
      node.department.id,
      node.department.name,
      node.department.aliases.join('|'),
      node.itemCount,
      node.degree,
      node.weightedDegree,
      node.betweenness,
      node.community,
      node.component,
    ]),
  ];
}

/** The columns of edges.csv (departmentGraph.edgesCsv), one row per pair of departments. */
export function edgeRows(graph: DepartmentGraph): Cell[][] {
  const names = new Map(graph.nodes.map((node) => [node.department.id, node.department.name]));
  return [
    ['source', 'target', 'sourceLabel', 'targetLabel', 'weight'],
    ...graph.edges.map((edge) => [
      edge.source.id,
      edge.target.id,
      names.get(edge.source.id) ?? '',
      names.get(edge.target.id) ?? '',
      edge.weight,
    ]),
  ];
}

/** The heatmap as a table: a row per category, a column per department, items linked in each cell. */
export function heatmapRows(matrix: CategoryDepartmentMatrix): Cell[][] {
  return [
    ['类别 category', ...matrix.departments.map((department) => department.name)],
    ...matrix.categories.map((category, i) => [
      category.name,
      ...matrix.departments.map((_department, j) => matrix.counts[i]?.[j] ?? 0),
    ]),
  ];
}

/** An .xlsx workbook with the sheets nodes, edges and heatmap. */
export async function workbook(graph: DepartmentGraph, matrix: CategoryDepartmentMatrix): Promise<ArrayBuffer> {
  const { utils, write } = await import('@e965/xlsx');
  const book = utils.book_new();
  utils.book_append_sheet(book, utils.aoa_to_sheet(nodeRows(graph)), 'nodes');
  utils.book_append_sheet(book, utils.aoa_to_sheet(edgeRows(graph)), 'edges');
  utils.book_append_sheet(book, utils.aoa_to_sheet(heatmapRows(matrix)), 'heatmap');
  return write(book, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
}
