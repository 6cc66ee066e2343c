import { describe, expect, it } from '@jest/globals';
import { analyseGraph } from '../../src/modules/graph/department-graph';
import { unweightedBetweenness } from '../support/betweenness';

/** Two triangles A-B-C and D-E-F (edges of weight 2) joined by the bridge C-D (weight 1), and G alone. */
const nodes = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((id) => ({ id, label: id }));
const edges = [
  { source: 'A', target: 'B', weight: 2 },
  { source: 'B', target: 'C', weight: 2 },
  { source: 'A', target: 'C', weight: 2 },
  { source: 'D', target: 'E', weight: 2 },
  { source: 'E', target: 'F', weight: 2 },
  { source: 'D', target: 'F', weight: 2 },
  { source: 'C', target: 'D', weight: 1 },
];

describe('graph metrics on a hand-made graph', () => {
  const { metrics, components } = analyseGraph(nodes, edges);
  const column = (key: 'degree' | 'weightedDegree' | 'betweenness' | 'community' | 'component') =>
    Object.fromEntries(nodes.map(({ id }) => [id, metrics.get(id)?.[key]]));

  it('counts degrees and weighted degrees', () => {
    expect(column('degree')).toEqual({ A: 2, B: 2, C: 3, D: 3, E: 2, F: 2, G: 0 });
    expect(column('weightedDegree')).toEqual({ A: 4, B: 4, C: 5, D: 5, E: 4, F: 4, G: 0 });
  });

  it('puts the bridge ends on every path between the triangles (betweenness 6 each), weights aside', () => {
    expect(column('betweenness')).toEqual({ A: 0, B: 0, C: 6, D: 6, E: 0, F: 0, G: 0 });
  });

  it('finds the two triangles as Louvain communities, numbered by size then name', () => {
    expect(column('community')).toEqual({ A: 0, B: 0, C: 0, D: 1, E: 1, F: 1, G: 2 });
  });

  it('finds the connected components, largest first', () => {
    expect(components).toEqual([['A', 'B', 'C', 'D', 'E', 'F'], ['G']]);
    expect(column('component')).toEqual({ A: 0, B: 0, C: 0, D: 0, E: 0, F: 0, G: 1 });
  });

  it('gives the same answer every time', () => {
    const again = analyseGraph(nodes, edges);
    expect([...again.metrics]).toEqual([...metrics]);
  });
});

describe('an empty slice', () => {
  it('has no nodes, no components and no error', () => {
    const { metrics, components } = analyseGraph([], []);
    expect([metrics.size, components]).toEqual([0, []]);
  });
});

describe('betweenness measured component by component', () => {
  it('is the unweighted betweenness of the whole graph, however unequal the weights', () => {
    // A fixed pseudo-random graph: 300 nodes in components of 1 to 40, edges of weight 1 to 5.
    let state = 7;
    const next = (below: number) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % below;
    };
    const nodes: { id: string; label: string }[] = [];
    const edges: { source: string; target: string; weight: number }[] = [];
    const seen = new Set<string>();
    for (let start = 0; start < 300; ) {
      const size = Math.min(1 + next(40), 300 - start);
      for (let i = start; i < start + size; i++) nodes.push({ id: `n${i}`, label: `n${i}` });
      // A chain keeps the component whole; chords give it other, lighter or heavier, routes.
      for (let i = start + 1; i < start + size; i++) {
        const j = start + next(i - start);
        seen.add(`n${j}--n${i}`);
        edges.push({ source: `n${j}`, target: `n${i}`, weight: 1 + next(5) });
      }
      for (let chord = 0; chord < size; chord++) {
        const [a, b] = [start + next(size), start + next(size)].sort((x, y) => x - y);
        if (a === b || seen.has(`n${a}--n${b}`)) continue;
        seen.add(`n${a}--n${b}`);
        edges.push({ source: `n${a}`, target: `n${b}`, weight: 1 + next(5) });
      }
      start += size;
    }
    // Brandes' algorithm in the test, on the edges as a plain list: no weight read.
    const expected = unweightedBetweenness(
      nodes.map(({ id }) => id),
      edges,
    );
    expect(Object.values(expected).filter((value) => value > 0).length).toBeGreaterThan(100);

    const { metrics, components } = analyseGraph(nodes, edges);
    expect(components.length).toBeGreaterThan(10);
    // Equal but for the order in which a node's shares are added (the last bit of a float).
    for (const { id } of nodes) {
      const measured = metrics.get(id)?.betweenness ?? Number.NaN;
      expect({ id, betweenness: Math.abs(measured - expected[id]) < 1e-9 }).toEqual({ id, betweenness: true });
    }
  });
});

describe('betweenness ignores how many items two departments share', () => {
  it('counts hops, not weights: departments sharing many items are not farther apart', () => {
    // A and B share nine items, each shares one with C. Unweighted, A-B is the one shortest path
    // and C lies on none. Read as distances, the weights made A-B (9) longer than A-C-B (2): C
    // had a betweenness of 1, as if sharing more made departments farther apart.
    const triangle = ['A', 'B', 'C'].map((id) => ({ id, label: id }));
    const weighted = [
      { source: 'A', target: 'B', weight: 9 },
      { source: 'A', target: 'C', weight: 1 },
      { source: 'C', target: 'B', weight: 1 },
    ];
    const { metrics } = analyseGraph(triangle, weighted);
    const measured = Object.fromEntries(triangle.map(({ id }) => [id, metrics.get(id)?.betweenness]));
    expect(measured).toEqual(unweightedBetweenness(['A', 'B', 'C'], weighted));
    expect(measured).toEqual({ A: 0, B: 0, C: 0 });
  });
});
