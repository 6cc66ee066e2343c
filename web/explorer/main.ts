/**
 * The explorer page (/explorer): pick a slice (town, category, list, relation), see the departments that
 * share its items as a network and as a category × department heatmap, pick a department to list the
 * items it shares and reclaimed. The slice and the chosen department live in the URL, so a view can be linked.
 */
import './style.css';
import type cytoscape from 'cytoscape';
import {
  type CategoryDepartmentMatrix,
  DEPARTMENT_ITEMS_QUERY,
  type DepartmentGraph,
  type DepartmentItems,
  type DepartmentNode,
  EXPORTS,
  type ExportFormat,
  exportQuery,
  GRAPH_QUERY,
  type ItemFilter,
  type ItemKind,
  MATRIX_QUERY,
  type Named,
  OPTIONS_QUERY,
  PATH_QUERY,
  type PathStep,
  type Relation,
  request,
  SEARCH_QUERY,
  type Town,
} from './api';
import { byTestId, h, normalizeName } from './dom';
import { BOM, heatmapRows, toCsv, workbook } from './exports';
import { GraphView } from './graph';
import { Heatmap } from './heatmap';
import { DepartmentPanel } from './panel';

interface Slice {
  town: string;
  category: string;
  kind: ItemKind | '';
  relation: Relation | '';
  minWeight: number;
}

/** What the browser tests read: the Cytoscape instance, whether the graph is drawn, and a way to choose. */
export interface ExplorerHook {
  cy: cytoscape.Core;
  ready: boolean;
  selectDepartment(departmentId: string | null): Promise<void>;
}

declare global {
  interface Window {
    __explorer?: ExplorerHook;
  }
}

const form = byTestId<HTMLFormElement>('controls');
const townSelect = byTestId<HTMLSelectElement>('town-select');
const categorySelect = byTestId<HTMLSelectElement>('category-select');
const kindSelect = byTestId<HTMLSelectElement>('kind-select');
const relationSelect = byTestId<HTMLSelectElement>('relation-select');
const minWeightInput = byTestId<HTMLInputElement>('min-weight');
const searchInput = byTestId<HTMLInputElement>('search');
const searchResults = byTestId<HTMLUListElement>('search-results');
const graphElement = byTestId('graph');
const nodeCount = byTestId('node-count');
const panelElement = byTestId('department-panel');
const status = byTestId('status');

const graphEmpty = byTestId('graph-empty');

const graph = new GraphView(graphElement, (id) => void selectDepartment(id));
const heatmap = new Heatmap(byTestId('heatmap'), (id) => void selectDepartment(id));
const panel = new DepartmentPanel(panelElement, {
  select: (id) => void selectDepartment(id),
  findPath: async (toId) => {
    if (!selected) return null;
    const { departmentPath } = await request<{ departmentPath: PathStep[] | null }>(PATH_QUERY, {
      from: selected,
      to: toId,
      relation: readSlice().relation || null,
    });
    return departmentPath;
  },
  showPath: (ids) => graph.showPath(ids),
});
const hook: ExplorerHook = { cy: graph.cy, ready: false, selectDepartment };
window.__explorer = hook;

let towns: Town[] = [];
let selected: string | null = null;
/** The slice as drawn, for the exports made from it. */
let drawn: { graph: DepartmentGraph; matrix: CategoryDepartmentMatrix } | undefined;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---- the slice, from the controls and the URL ----

function readSlice(): Slice {
  return {
    town: townSelect.value,
    category: categorySelect.value,
    kind: kindSelect.value as Slice['kind'],
    relation: relationSelect.value as Slice['relation'],
    minWeight: Math.max(1, Number.parseInt(minWeightInput.value, 10) || 1),
  };
}

function filterOf(slice: Slice): ItemFilter | null {
  const filter: ItemFilter = {};
  if (slice.town) filter.townIds = [slice.town];
  if (slice.category) filter.categoryIds = [slice.category];
  if (slice.kind) filter.kinds = [slice.kind];
  return Object.keys(filter).length ? filter : null;
}

function sliceVariables(slice = readSlice()) {
  return { filter: filterOf(slice), relation: slice.relation || null, minWeight: slice.minWeight };
}

function writeUrl(): void {
  const slice = readSlice();
  const params = new URLSearchParams();
  if (slice.town) params.set('town', slice.town);
  if (slice.category) params.set('category', slice.category);
  if (slice.kind) params.set('kind', slice.kind);
  if (slice.relation) params.set('relation', slice.relation);
  if (slice.minWeight > 1) params.set('minWeight', String(slice.minWeight));
  if (selected) params.set('department', selected);
  const search = params.toString();
  history.replaceState(null, '', search ? `?${search}` : window.location.pathname);
}

/** Sets a select from the URL when it offers that value. */
function restore(select: HTMLSelectElement | HTMLInputElement, value: string | null): void {
  if (value === null) return;
  if (select instanceof HTMLSelectElement && ![...select.options].some((option) => option.value === value)) return;
  select.value = value;
}

/** 托里县应急管理局 → 应急管理局 in labels: the county is the same for most departments of a view. */
function shortName(name: string): string {
  for (const { county } of towns) {
    if (county && name.startsWith(county) && name.length > county.length + 1) return name.slice(county.length);
  }
  return name;
}

const optionText = (select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? select.value;

/** The chosen controls in words: 托里县托里镇 · 应急管理及消防 · 收回 Reclaimed, or 全部事项 all items · 全部 Both. */
function describeSlice(): string {
  const chosen = [townSelect, categorySelect, kindSelect].filter((select) => select.value).map(optionText);
  return `${chosen.length ? chosen.join(' · ') : '全部事项 all items'} · 关系 relation：${optionText(relationSelect)}`;
}

/** Why a slice has no network: basic duties (基本履职) name no department; other slices may simply have none. */
function emptyReason(slice: Slice): string {
  if (slice.kind === 'BASIC') {
    return '基本履职事项由乡镇自行履行，不关联县级部门，因此没有部门网络。请选择“配合履责”或“上级部门收回”清单。 · Basic duties (基本履职) are the town’s own and name no county department, so they form no network: choose the Cooperative or Reclaimed list.';
  }
  return '此范围内没有部门关联事项。 · No department is linked to an item of this slice.';
}

function showStatus(message: string | null): void {
  status.hidden = message === null;
  status.textContent = message ?? '';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---- loading a slice ----

let sliceController: AbortController | undefined;

async function loadSlice(): Promise<void> {
  sliceController?.abort();
  const controller = new AbortController();
  sliceController = controller;
  hook.ready = false;
  graphElement.dataset.state = 'loading';
  nodeCount.textContent = '加载中 · loading…';
  const { filter, relation, minWeight } = sliceVariables();
  try {
    const [graphData, matrixData] = await Promise.all([
      request<{ departmentGraph: DepartmentGraph }>(GRAPH_QUERY, { filter, relation, minWeight }, controller.signal),
      request<{ categoryDepartmentMatrix: CategoryDepartmentMatrix }>(
        MATRIX_QUERY,
        { filter, relation },
        controller.signal,
      ),
    ]);
    const { departmentGraph } = graphData;
    graph.render(departmentGraph, shortName);
    heatmap.render(matrixData.categoryDepartmentMatrix, shortName);
    drawn = { graph: departmentGraph, matrix: matrixData.categoryDepartmentMatrix };
    graphEmpty.hidden = departmentGraph.nodes.length > 0;
    graphEmpty.textContent = departmentGraph.nodes.length > 0 ? '' : emptyReason(readSlice());
    nodeCount.dataset.count = String(departmentGraph.nodes.length);
    nodeCount.textContent =
      `${departmentGraph.nodes.length} 个部门 departments · ${departmentGraph.edges.length} 条连线 links · ` +
      `${departmentGraph.components.length} 个连通分量 components`;
    showStatus(null);
    graphElement.dataset.state = 'ready';
    hook.ready = true;
    // Ring the search's matches in the new drawing, without opening its list over the panel again.
    updateSearch(false);
    if (selected) await selectDepartment(selected, { keepSearch: true });
  } catch (error) {
    if (controller.signal.aborted) return;
    graphElement.dataset.state = 'error';
    nodeCount.textContent = '加载失败 · failed to load';
    showStatus(`无法加载部门网络 · Could not load the network: ${errorMessage(error)}`);
  }
}

// ---- the chosen department ----

let selectionToken = 0;

/**
 * Shows a department in the panel and marks it. A choice made elsewhere than in the search box (the graph,
 * the heatmap, the panel) clears the search, so its text and rings do not name the previous department.
 */
async function selectDepartment(
  departmentId: string | null,
  { name, keepSearch = false }: { name?: string; keepSearch?: boolean } = {},
): Promise<void> {
  if (!keepSearch && searchInput.value) {
    searchInput.value = '';
    updateSearch();
  }
  selected = departmentId;
  writeUrl();
  graph.select(departmentId);
  heatmap.mark(departmentId);
  const token = ++selectionToken;
  if (!departmentId) {
    delete panelElement.dataset.department;
    panelElement.dataset.state = 'empty';
    panel.clear();
    return;
  }
  panelElement.dataset.department = departmentId;
  panelElement.dataset.state = 'loading';
  panel.loading(graph.node(departmentId)?.department.name ?? name ?? '');
  try {
    const slice = readSlice();
    const { department } = await request<{ department: DepartmentItems | null }>(DEPARTMENT_ITEMS_QUERY, {
      id: departmentId,
      filter: filterOf(slice),
      relation: slice.relation || null,
    });
    if (token !== selectionToken) return;
    if (!department) {
      panel.error(`未找到该部门 · No such department (${departmentId})`);
      panelElement.dataset.state = 'error';
      return;
    }
    panel.render(
      department,
      graph.node(departmentId),
      describeSlice(),
      towns.length > 1,
      slice.relation,
      graph.departmentNodes.map((node) => node.department),
    );
    panelElement.dataset.state = 'ready';
  } catch (error) {
    if (token !== selectionToken) return;
    panel.error(`无法加载事项 · Could not load the items: ${errorMessage(error)}`);
    panelElement.dataset.state = 'error';
  }
}

// ---- search by name or alias ----

/** Departments of the network whose name or an alias contains the text; exact names first, then by degree. */
function searchGraph(text: string): DepartmentNode[] {
  const wanted = normalizeName(text);
  if (!wanted) return [];
  const names = (node: DepartmentNode) => [node.department.name, ...node.department.aliases].map(normalizeName);
  return graph.departmentNodes
    .filter((node) => names(node).some((name) => name.includes(wanted)))
    .map((node) => ({ node, exact: names(node).includes(wanted) }))
    .sort((a, b) => Number(b.exact) - Number(a.exact) || b.node.degree - a.node.degree)
    .map(({ node }) => node);
}

function showResults(entries: { id: string; name: string; aliases: string[] }[], emptyText?: string): void {
  searchResults.replaceChildren(
    ...entries.slice(0, 8).map((entry) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            'data-department': entry.id,
            onclick: () => choose(entry.id, entry.name),
          },
          entry.name,
          entry.aliases.length ? h('small', {}, `（${entry.aliases.join('、')}）`) : null,
        ),
      ),
    ),
    ...(entries.length === 0 && emptyText ? [h('li', { class: 'hint' }, emptyText)] : []),
  );
  searchResults.hidden = entries.length === 0 && !emptyText;
}

/** Rings the departments the search box matches and, when `open`, lists them under it. */
function updateSearch(open = true): void {
  const matches = searchGraph(searchInput.value);
  graph.mark(matches.map((node) => node.department.id));
  if (open) showResults(matches.map((node) => node.department));
  else searchResults.hidden = true;
}

function choose(departmentId: string, name: string): void {
  searchInput.value = name;
  searchResults.hidden = true;
  graph.mark([departmentId]);
  void selectDepartment(departmentId, { name, keepSearch: true });
}

/** Enter: the best match in the network; else the hub's department search (the department may be outside the slice). */
async function searchAndChoose(): Promise<void> {
  const text = searchInput.value.trim();
  if (!text) return;
  const [best] = searchGraph(text);
  if (best) {
    choose(best.department.id, best.department.name);
    return;
  }
  try {
    const { departments } = await request<{ departments: { nodes: (Named & { aliases: string[] })[] } }>(SEARCH_QUERY, {
      search: text,
    });
    const [first, ...others] = departments.nodes;
    if (first && others.length === 0) choose(first.id, first.name);
    else showResults(departments.nodes, '没有匹配的部门 · No matching department');
  } catch (error) {
    showResults([], errorMessage(error));
  }
}

// ---- exports ----

function save(file: string, type: string, content: BlobPart): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = h('a', { href: url, download: file });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function download(format: ExportFormat): Promise<void> {
  try {
    const data = await request<{ departmentGraph: Record<ExportFormat, string> }>(
      exportQuery(format),
      sliceVariables(),
    );
    const { file, type } = EXPORTS[format];
    const text = data.departmentGraph[format];
    save(file, type, format === 'nodesCsv' || format === 'edgesCsv' ? BOM + text : text);
  } catch (error) {
    showStatus(`导出失败 · Export failed: ${errorMessage(error)}`);
  }
}

/** The heatmap and the workbook are made from the view as drawn: what the user sees is what the file holds. */
async function downloadView(what: 'heatmap' | 'workbook'): Promise<void> {
  if (!drawn) return;
  try {
    if (what === 'heatmap') save('heatmap.csv', 'text/csv;charset=utf-8', BOM + toCsv(heatmapRows(drawn.matrix)));
    else save('departments.xlsx', XLSX_TYPE, await workbook(drawn.graph, drawn.matrix));
  } catch (error) {
    showStatus(`导出失败 · Export failed: ${errorMessage(error)}`);
  }
}

// ---- wiring ----

async function start(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  try {
    const options = await request<{ towns: Town[]; categories: Named[] }>(OPTIONS_QUERY);
    towns = options.towns;
    townSelect.append(...towns.map((town) => h('option', { value: town.id }, `${town.county}${town.name}`)));
    categorySelect.append(...options.categories.map((category) => h('option', { value: category.id }, category.name)));
  } catch (error) {
    showStatus(`无法连接 GraphQL · Could not reach the API: ${errorMessage(error)}`);
    return;
  }
  restore(townSelect, params.get('town'));
  restore(categorySelect, params.get('category'));
  restore(kindSelect, params.get('kind'));
  restore(relationSelect, params.get('relation'));
  restore(minWeightInput, params.get('minWeight'));
  selected = params.get('department');

  const exports = byTestId('exports');
  for (const format of Object.keys(EXPORTS) as ExportFormat[]) {
    exports.append(' ', h('button', { type: 'button', onclick: () => void download(format) }, EXPORTS[format].label));
  }
  exports.append(
    ' ',
    h('button', { type: 'button', onclick: () => void downloadView('heatmap') }, 'heatmap.csv'),
    ' ',
    h('button', { type: 'button', onclick: () => void downloadView('workbook') }, 'Excel (.xlsx)'),
  );

  // A phone turned sideways, a window resized: the drawing follows its box.
  new ResizeObserver(() => graph.resize()).observe(graphElement);

  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', (event) => {
    if (event.target === searchInput) return;
    writeUrl();
    void loadSlice();
  });
  searchInput.addEventListener('input', () => updateSearch());
  searchInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void searchAndChoose();
    } else if (event.key === 'Escape') {
      searchInput.value = '';
      updateSearch();
    }
  });

  await loadSlice();
  if (!selected) void selectDepartment(null);
}

void start();
