/**
 * Betweenness centrality by Brandes' algorithm (2001), unweighted and not normalised, for an
 * undirected graph given as node ids and edges: the tests' own computation, independent of the
 * library the hub uses. A pair's shortest paths count once (halved: each is found from both ends).
 */
export function unweightedBetweenness(
  ids: readonly string[],
  edges: readonly { source: string; target: string }[],
): Record<string, number> {
  const neighbours = new Map(ids.map((id) => [id, [] as string[]]));
  for (const { source, target } of edges) {
    neighbours.get(source)?.push(target);
    neighbours.get(target)?.push(source);
  }
  const centrality: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  for (const start of ids) {
    const order: string[] = [];
    const predecessors = new Map<string, string[]>(ids.map((id) => [id, []]));
    const paths = new Map<string, number>(ids.map((id) => [id, 0]));
    const distance = new Map<string, number>([[start, 0]]);
    paths.set(start, 1);
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head];
      order.push(node);
      for (const next of neighbours.get(node) ?? []) {
        if (!distance.has(next)) {
          distance.set(next, (distance.get(node) ?? 0) + 1);
          queue.push(next);
        }
        if (distance.get(next) === (distance.get(node) ?? 0) + 1) {
          paths.set(next, (paths.get(next) ?? 0) + (paths.get(node) ?? 0));
          predecessors.get(next)?.push(node);
        }
      }
    }
    const dependency = new Map<string, number>(ids.map((id) => [id, 0]));
    for (const node of order.reverse()) {
      for (const previous of predecessors.get(node) ?? []) {
        const share = ((paths.get(previous) ?? 0) / (paths.get(node) ?? 1)) * (1 + (dependency.get(node) ?? 0));
        dependency.set(previous, (dependency.get(previous) ?? 0) + share);
      }
      if (node !== start) centrality[node] += dependency.get(node) ?? 0;
    }
  }
  for (const id of ids) centrality[id] /= 2;
  return centrality;
}
