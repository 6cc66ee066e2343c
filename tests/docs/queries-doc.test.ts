/**
 * docs/queries.md stays true: every ```graphql block there runs over HTTP against a hub holding the
 * seed, and its `data` must equal the ```json block documented under "Returns on the seed:".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { useHub } from '../support/hub';

const DOCUMENT = path.join(__dirname, '..', '..', 'docs', 'queries.md');

interface DocumentedQuery {
  title: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The text of the documented JSON block, as written. */
  dataText: string;
}

/**
 * A section is: `### title`, a sentence, a ```graphql block, optionally the line `Variables:` and a
 * ```json block, then the line `Returns on the seed:` and a ```json block with the expected `data`.
 */
const SECTION =
  /^(?<title>[^\n]+)\n\s*(?<sentence>[^\s`][^\n]*)\n\s*```graphql\n(?<query>[\s\S]*?)\n```\s*(?:Variables:\s*```json\n(?<variables>[\s\S]*?)\n```\s*)?Returns on the seed:\s*```json\n(?<data>[\s\S]*?)\n```/u;

function parseDocument(markdown: string): DocumentedQuery[] {
  return markdown
    .split(/^### /mu)
    .slice(1)
    .map((section) => {
      const groups = SECTION.exec(section)?.groups;
      if (!groups) {
        throw new Error(`docs/queries.md: section "${section.split('\n')[0]}" is not heading, sentence, query, result`);
      }
      return {
        title: groups.title.trim(),
        query: groups.query,
        variables: groups.variables === undefined ? undefined : JSON.parse(groups.variables),
        dataText: groups.data,
      };
    });
}

const markdown = readFileSync(DOCUMENT, 'utf8');
const queries = parseDocument(markdown);

const hub = useHub();

describe('docs/queries.md', () => {
  it('holds at least 12 queries, each with its documented result', () => {
    expect(queries.length).toBeGreaterThanOrEqual(12);
    // No ```graphql block outside the parsed sections, and no two sections with one title.
    expect(markdown.match(/^```graphql$/gmu)).toHaveLength(queries.length);
    expect(new Set(queries.map((each) => each.title)).size).toBe(queries.length);
  });

  it('shows every result pretty-printed with 2 spaces', () => {
    for (const { title, dataText } of queries) {
      expect({ title, dataText }).toEqual({ title, dataText: JSON.stringify(JSON.parse(dataText), null, 2) });
    }
  });

  it.each(queries.map((each) => [each.title, each] as const))('%s', async (_title, documented) => {
    const response = await hub.query(documented.query, documented.variables);
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
    expect(response.data).toEqual(JSON.parse(documented.dataText));
  });
});
