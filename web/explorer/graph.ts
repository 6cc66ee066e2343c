/** The department network, drawn by Cytoscape.js: size by degree, colour by community, width by weight. */
import cytoscape from 'cytoscape';
import type { DepartmentGraph, DepartmentNode } from './api';

/** Twelve colours that stay apart from each other; communities beyond wrap around. */
const COMMUNITY_COLOURS = [
  '#2563eb',
  '#16a34a',
  '#ea580c',
  '#9333ea',
  '#0891b2',
  '#ca8a04',
  '#db2777',
  '#4d7c0f',
  '#7c3aed',
  '#0f766e',
  '#b91c1c',
  '#475569',
];

export const FONT_FAMILY =
  '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif';

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      width: 'data(size)',
      height: 'data(size)',
      'background-color': 'data(colour)',
      'border-width': 1,
      'border-color': '#ffffff',
      label: 'data(label)',
      'font-family': FONT_FAMILY,
      'font-size': 11,
      color: '#1e293b',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
      // Chinese names have no spaces: wrap anywhere, at about seven characters.
      'text-wrap': 'wrap',
      'text-overflow-wrap': 'anywhere',
      'text-max-width': '80px',
    },
  },
  {
    selector: 'edge',
    style: {
      width: 'data(width)',
      'line-color': '#94a3b8',
      opacity: 0.45,
      'curve-style': 'haystack',
    },
  },
  { selector: '.faded', style: { opacity: 0.12 } },
  { selector: 'edge.neighbourhood', style: { 'line-color': '#dc2626', opacity: 0.85 } },
  { selector: 'node.match', style: { 'border-width': 4, 'border-color': '#f59e0b' } },
  { selector: 'node.chosen', style: { 'border-width': 5, 'border-color': '#dc2626', 'z-index': 10 } },
  { selector: '.path', style: { opacity: 1 } },
  { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#7c3aed' } },
  { selector: 'edge.path', style: { 'line-color': '#7c3aed', width: 4 } },
  // A label that would cover another is left out (placeLabels), and shown while the pointer is on its node.
  { selector: 'node.label-hidden', style: { 'text-opacity': 0 } },
  {
    selector: 'node.hover',
    style: { 'text-opacity': 1, 'z-index': 20, 'text-background-color': '#ffffff', 'text-background-opacity': 0.85 },
  },
];

/** Labels keep this size on screen at any zoom, in px. */
const LABEL_PX = 11;

type Box = { x1: number; y1: number; x2: number; y2: number };

const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

export class GraphView {
  readonly cy: cytoscape.Core;
  private nodes = new Map<string, DepartmentNode>();

  constructor(
    container: HTMLElement,
    private readonly onSelect: (departmentId: string | null) => void,
  ) {
    this.cy = cytoscape({
      container,
      style: STYLE,
      // Selection is the explorer's (one department at a time), not Cytoscape's.
      autounselectify: true,
      boxSelectionEnabled: false,
      minZoom: 0.2,
      maxZoom: 4,
    });
    this.cy.on('tap', 'node', (event) => this.onSelect(event.target.id()));
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) this.onSelect(null);
    });
    this.cy.on('mouseover', 'node', (event) => {
      event.target.addClass('hover');
      const node = this.nodes.get(event.target.id());
      container.title = node ? `${node.department.name}：度 degree ${node.degree}，事项 items ${node.itemCount}` : '';
    });
    this.cy.on('mouseout', 'node', (event) => {
      event.target.removeClass('hover');
      container.title = '';
    });
    // Zooming in keeps labels at their size on screen, so more of them fit: place them again, once a frame.
    let frame = 0;
    this.cy.on('zoom', () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => this.placeLabels());
    });
  }

  node(departmentId: string): DepartmentNode | undefined {
    return this.nodes.get(departmentId);
  }

  get departmentNodes(): DepartmentNode[] {
    return [...this.nodes.values()];
  }

  /** Replaces the drawing with this graph and lays it out (deterministically: same slice, same picture). */
  render(graph: DepartmentGraph, label: (name: string) => string): void {
    this.nodes = new Map(graph.nodes.map((node) => [node.department.id, node]));
    const maxDegree = Math.max(1, ...graph.nodes.map((node) => node.degree));
    const maxWeight = Math.max(1, ...graph.edges.map((edge) => edge.weight));
    const count = graph.nodes.length;
    const elements: cytoscape.ElementDefinition[] = [
      ...graph.nodes.map((node, index) => ({
        group: 'nodes' as const,
        data: {
          id: node.department.id,
          label: label(node.department.name),
          size: Math.round(14 + 46 * Math.sqrt(node.degree / maxDegree)),
          colour: COMMUNITY_COLOURS[node.community % COMMUNITY_COLOURS.length],
        },
        // A circle to start from: with randomize off, cose then gives the same layout every time.
        position: {
          x: 300 * Math.cos((2 * Math.PI * index) / Math.max(1, count)),
          y: 300 * Math.sin((2 * Math.PI * index) / Math.max(1, count)),
        },
      })),
      ...graph.edges.map((edge) => ({
        group: 'edges' as const,
        data: {
          id: `${edge.source.id}|${edge.target.id}`,
          source: edge.source.id,
          target: edge.target.id,
          weight: edge.weight,
          width: 1 + 5 * (edge.weight / maxWeight),
        },
      })),
    ];
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(elements);
    });
    this.layout(graph);
  }

  /**
   * cose (force-directed) for the departments of the larger components, stretched to the container's shape;
   * departments alone or in pairs go in rows under it, where a force layout would scatter them to the edges
   * and shrink everything else. Labels are then sized to stay readable at the zoom that fits it all.
   */
  private layout(graph: DepartmentGraph): void {
    const componentSize = new Map<string, number>();
    for (const component of graph.components) for (const id of component) componentSize.set(id, component.length);
    const satellites = this.cy
      .nodes()
      .filter((node) => (componentSize.get(node.id()) ?? 1) < 3)
      .sort((a, b) => (this.nodes.get(a.id())?.component ?? 0) - (this.nodes.get(b.id())?.component ?? 0));
    const core = this.cy.nodes().difference(satellites);
    core
      .union(core.connectedEdges())
      .layout({
        name: 'cose',
        animate: false,
        randomize: false,
        fit: false,
        nodeRepulsion: () => 8000,
        idealEdgeLength: () => 50,
        edgeElasticity: () => 100,
        gravity: 2,
        numIter: 2000,
      } as cytoscape.CoseLayoutOptions)
      .run();

    const SPACING = 130;
    const aspect = this.cy.width() / Math.max(1, this.cy.height());
    let box = { x1: 0, x2: 8 * SPACING, y2: 0 };
    if (core.nonempty()) {
      // Labels run sideways: widen the layout to the container's proportions rather than shrink it.
      const { x1, y1, w, h } = core.boundingBox({ includeLabels: false });
      const stretch = Math.max(1, (aspect * h * 0.85) / Math.max(1, w));
      core.positions((node) => ({ x: x1 + (node.position('x') - x1) * stretch, y: node.position('y') - y1 }));
      box = { x1, x2: x1 + w * stretch, y2: h };
    }
    const perRow = Math.max(1, Math.floor((box.x2 - box.x1) / SPACING) + 1);
    satellites.positions((_node, index) => ({
      x: box.x1 + (index % perRow) * SPACING,
      y: box.y2 + 80 + Math.floor(index / perRow) * 60,
    }));

    this.cy.fit(undefined, 24);
    this.placeLabels();
  }

  /**
   * Sizes the labels for the current zoom (LABEL_PX on screen), then shows them one by one: the chosen
   * department, those the search matches, the chosen one's neighbours, then the rest by degree. A label
   * that would overlap one already shown is hidden (class `label-hidden`) until hovered or until zooming
   * in makes room.
   */
  placeLabels(): void {
    const fontSize = LABEL_PX / this.cy.zoom();
    const nodes = this.cy.nodes();
    this.cy.batch(() => {
      nodes.removeClass('label-hidden');
      nodes.style({
        'font-size': fontSize,
        'text-outline-width': fontSize / 5,
        'text-margin-y': fontSize / 4,
        'text-max-width': `${fontSize * 7.5}px`,
      });
    });
    const chosen = this.cy.nodes('.chosen');
    const rank = (id: string) => {
      const node = this.cy.getElementById(id);
      if (node.hasClass('chosen')) return 3;
      if (node.hasClass('match')) return 2;
      return chosen.neighborhood().contains(node) ? 1 : 0;
    };
    const order = nodes.toArray().sort((a, b) => {
      const [na, nb] = [this.nodes.get(a.id()), this.nodes.get(b.id())];
      return (
        rank(b.id()) - rank(a.id()) ||
        (nb?.degree ?? 0) - (na?.degree ?? 0) ||
        (na?.department.name ?? '').localeCompare(nb?.department.name ?? '')
      );
    });
    const shown: Box[] = [];
    const hidden: cytoscape.NodeSingular[] = [];
    const gap = fontSize / 6;
    for (const node of order) {
      const box = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
      const padded = { x1: box.x1 - gap, y1: box.y1 - gap, x2: box.x2 + gap, y2: box.y2 + gap };
      if (shown.some((other) => overlaps(other, padded))) hidden.push(node as cytoscape.NodeSingular);
      else shown.push(padded);
    }
    this.cy.batch(() => {
      for (const node of hidden) node.addClass('label-hidden');
    });
  }

  /** Marks a department and its neighbours, fading the rest; false when the department is not drawn. */
  select(departmentId: string | null): boolean {
    this.cy.elements().removeClass('faded neighbourhood chosen path');
    const node = departmentId ? this.cy.getElementById(departmentId) : this.cy.collection();
    if (node.empty()) {
      this.placeLabels();
      return false;
    }
    const neighbourhood = node.closedNeighborhood();
    this.cy.batch(() => {
      this.cy.elements().difference(neighbourhood).addClass('faded');
      neighbourhood.edges().addClass('neighbourhood');
      node.addClass('chosen');
    });
    this.placeLabels();
    return true;
  }

  /** Marks a chain of departments (a path) and the edges between its steps; [] clears it. */
  showPath(departmentIds: string[]): void {
    this.cy.batch(() => {
      this.cy.elements().removeClass('path');
      for (const [index, id] of departmentIds.entries()) {
        const node = this.cy.getElementById(id);
        node.addClass('path');
        const previous = departmentIds[index - 1];
        if (previous) node.edgesWith(this.cy.getElementById(previous)).addClass('path');
      }
    });
  }

  /** Rings the departments a search matches. */
  mark(departmentIds: Iterable<string>): void {
    this.cy.batch(() => {
      this.cy.nodes().removeClass('match');
      for (const id of departmentIds) this.cy.getElementById(id).addClass('match');
    });
    this.placeLabels();
  }

  /** Keeps the drawing fitted when its container changes size. */
  resize(): void {
    this.cy.resize();
    this.cy.fit(undefined, 24);
    this.placeLabels();
  }
}
