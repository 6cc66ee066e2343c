/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The hub's own pages on a hub serving its types under FEDERATION_TYPE_PREFIX (docs/federation.md,
 * "Names"): their operations, written in the contract's names, are sent in the served ones
 * (/explorer/names.json), so the explorer and the versions page answer as they do without a prefix.
 */
import { beforeAll, expect, it } from '@jest/globals';
import type cytoscape from 'cytoscape';
import type { Page } from 'playwright-core';
import { type Browser, useBrowser, watchedPage } from '../support/browser';
import { describeWith } from '../support/components';
import { type TestHub, useHub } from '../support/hub';
import { ensureWebBuilt } from '../support/web-build';

declare global {
  interface Window {
    /** The explorer's test hook (web/explorer/main.ts), declared as explorer.test.ts does. */
    __explorer?: { cy: cytoscape.Core; ready: boolean };
  }
}

let hub: TestHub;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

describeWith('Chromium', 'the pages of a hub whose types are prefixed', () => {
  hub = useHub({ typePrefix: 'Duty' });
  browser = useBrowser();
  beforeAll(async () => {
    await ensureWebBuilt();
    page = await watchedPage(browser, pageErrors);
  }, 300_000);

  it('tells the pages the served names of the renamed types, and only those', async () => {
    const response = await fetch(new URL('/explorer/names.json', hub.url));
    const { renamedTypes } = (await response.json()) as { renamedTypes: Record<string, string> };
    expect(renamedTypes).toMatchObject({
      ItemFilter: 'DutyItemFilter',
      Relation: 'DutyRelation',
      ItemKind: 'DutyItemKind',
      ItemConnection: 'DutyItemConnection',
      ItemChange: 'DutyItemChange',
    });
    expect(Object.keys(renamedTypes)).not.toContain('Town');
    expect(Object.keys(renamedTypes)).not.toContain('Department');
    // The contract's name is refused by this hub: what the pages would have met.
    const { errors } = await hub.query('query ($f: ItemFilter) { items(filter: $f) { totalCount } }', { f: {} });
    expect(errors?.[0]?.message).toBe('Unknown type "ItemFilter". Did you mean "DutyItemFilter"?');
  });

  it('draws the explorer: the network of the 40 departments of 托里镇', async () => {
    await page.goto(new URL('/explorer', hub.url).toString());
    await page.waitForFunction(() => window.__explorer?.ready === true);
    expect(await page.evaluate(() => window.__explorer?.cy.nodes().length)).toBe(40);
    expect(await page.getByTestId('status').isHidden()).toBe(true);
  });

  it("shows the versions page: the town's version, its changes and a comparison", async () => {
    await page.goto(new URL('/explorer/versions', hub.url).toString());
    for (const box of ['diff', 'comparison']) {
      await page.waitForFunction(
        (id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-state') === 'ready',
        box,
      );
    }
    expect(await page.getByTestId('diff-summary').textContent()).toBe(
      'v1 → v1：新增 0 added · 删除 0 removed · 变更 0 changed · 重新编号 0 renumbered',
    );
    expect(await page.getByTestId('comparison-summary').textContent()).toBe(
      '仅托里镇 only in A 0 · 仅托里镇 only in B 0 · 两镇皆有 in both 255（其中不同 differing 0）',
    );
    await page.getByTestId('compare-kind-select').selectOption('RECLAIMED');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="comparison-summary"]')?.textContent?.includes('in both 40'),
    );
    expect(pageErrors).toEqual([]);
  });
});
