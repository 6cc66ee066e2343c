import { describe, expect, it } from '@jest/globals';
import { analyseGraph } from '../../src/modules/graph/department-graph';

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

  it('puts the bridge ends on every path between the triangles (betweenness 6 each)', () => {
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
