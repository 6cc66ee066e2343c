/** Paging through a connection with its cursors, as a client walks a table page by page. */
import { expect } from '@jest/globals';
import type { TestHub } from './hub';

interface Page {
  edges: { node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PAGE = 'edges { node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/**
 * The ids of every page of `size` of a connection, through its cursors: forwards (`first`/`after`)
 * or backwards (`last`/`before`, each page put before those read). `request` writes the query
 * with the connection's position arguments and selection in it (and `variables`); `pageOf` finds
 * the connection in the data.
 */
export async function walkPages(
  hub: TestHub,
  request: (position: string, selection: string) => string,
  pageOf: (data: Record<string, any> | undefined) => Page,
  { size, backwards = false, variables }: { size: number; backwards?: boolean; variables?: Record<string, unknown> },
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const position: string = backwards
      ? `last: ${size}${cursor ? `, before: "${cursor}"` : ''}`
      : `first: ${size}${cursor ? `, after: "${cursor}"` : ''}`;
    const query = request(position, PAGE);
    const response = await hub.query(query, variables);
    expect({ query, errors: response.errors }).toEqual({ query, errors: undefined });
    const page = pageOf(response.data);
    const ids = page.edges.map((edge) => edge.node.id);
    if (backwards) seen.unshift(...ids);
    else seen.push(...ids);
    const more = backwards ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage;
    cursor = more ? (backwards ? page.pageInfo.startCursor : page.pageInfo.endCursor) : null;
  } while (cursor);
  return seen;
}
