/// <reference lib="dom" />
/**
 * What the explorer's browser tests share: the page's test hook, opening a view and waiting for what
 * the page shows (conditions, never sleeps).
 */
import type cytoscape from 'cytoscape';
import type { Page } from 'playwright-core';
import type { TestHub } from './hub';

declare global {
  interface Window {
    /** The page's test hook (web/explorer/main.ts). */
    __explorer?: { cy: cytoscape.Core; ready: boolean };
  }
}

/** One operation's data; fails the test on an error. */
export async function ask<Data>(hub: TestHub, query: string, variables?: Record<string, unknown>): Promise<Data> {
  const { data, errors } = await hub.query<Data>(query, variables);
  if (errors?.length || !data) throw new Error(`GraphQL errors: ${JSON.stringify(errors)}`);
  return data;
}

/** /explorer with these URL parameters. */
export function explorerUrl(hub: TestHub, params: Record<string, string> = {}): string {
  const url = new URL('/explorer', hub.url);
  url.search = new URLSearchParams(params).toString();
  return url.toString();
}

/** Resolves once the graph of the current slice is drawn (the hook's `ready`, set after the layout ran). */
export async function graphReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__explorer?.ready === true);
}

/** Waits for the department panel to show this department, loaded. */
export async function panelShows(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      document.querySelector('[data-testid="department-panel"]')?.getAttribute('data-state') === 'ready' &&
      document.querySelector('[data-testid="department-name"]')?.textContent === wanted,
    name,
  );
}

/** Clicks a department's node where the graph draws it. */
export async function clickNode(page: Page, departmentId: string): Promise<void> {
  const box = await page.getByTestId('graph').boundingBox();
  const at = await page.evaluate((id) => window.__explorer?.cy.getElementById(id).renderedPosition(), departmentId);
  if (!box || !at) throw new Error('the graph or the node is not drawn');
  await page.mouse.click(box.x + at.x, box.y + at.y);
}

/** The classes Cytoscape gives a department's node (chosen, match, label-hidden …). */
export async function nodeClasses(page: Page, departmentId: string): Promise<string[]> {
  return page.evaluate(
    (id) => (window.__explorer?.cy.getElementById(id).classes() as unknown as string[] | undefined) ?? [],
    departmentId,
  );
}
