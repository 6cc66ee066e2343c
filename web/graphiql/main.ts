/**
 * Self-hosted GraphiQL on a browser's GET /graphql (src/http/web.ts), bundled by Vite from npm: no CDN.
 *
 * graphiql 3.x rather than 4/5: 3.x edits with CodeMirror 5, which bundles as plain modules; 5.x moved
 * to Monaco, whose web workers need extra Vite plugins and make the bundle several times larger, and 4.x
 * brings no feature this page needs. 3.x supports React 18, which is what is bundled.
 */
import 'graphiql/graphiql.css';
import { GraphiQL } from 'graphiql';
import { type ComponentProps, createElement } from 'react';
import { createRoot } from 'react-dom/client';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

const endpoint = new URL('/graphql', window.location.href).toString();

// POST with JSON: what Apollo's CSRF prevention accepts without a preflight header.
const fetcher: Fetcher = async (params, options) => {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      accept: 'application/graphql-response+json, application/json',
      'content-type': 'application/json',
      ...(options?.headers as Record<string, string> | undefined),
    },
    body: JSON.stringify(params),
  });
  return response.json();
};

const defaultQuery = `# dutyhub: 乡镇履职事项清单 as a graph. Department explorer: /explorer
{
  towns { name county items { totalCount } }
  department(name: "托里县应急管理局") {
    name
    aliases
    items(relation: SHARED, first: 10) {
      totalCount
      nodes { kind number name category { name } }
    }
  }
}
`;

const container = document.getElementById('graphiql');
if (!container) throw new Error('#graphiql is missing');
createRoot(container).render(
  createElement(
    GraphiQL,
    { fetcher, defaultQuery },
    createElement(GraphiQL.Logo, null, createElement('a', { href: '/explorer/' }, 'dutyhub')),
  ),
);
