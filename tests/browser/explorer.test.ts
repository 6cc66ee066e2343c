/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The explorer (/explorer) in a real browser (Debian's Chromium through playwright-core) against a
 * seeded hub: the network of 托里镇's 40 departments, a department's shared and reclaimed items, the
 * search box, the heatmap; and the screenshot the README shows (docs/explorer.png), rewritten only
 * with UPDATE_SCREENSHOTS=1: other runs save it to a temporary folder and leave the checkout alone.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from '@jest/globals';
import type cytoscape from 'cytoscape';
import type { Page } from 'playwright-core';
import { type Browser, useBrowser, watchedPage } from '../support/browser';
import { describeWith } from '../support/components';
import { type TestHub, useHub } from '../support/hub';
import { ensureWebBuilt } from '../support/web-build';

declare global {
  interface Window {
    /** The page's test hook (web/explorer/main.ts). */
    __explorer?: { cy: cytoscape.Core; ready: boolean };
  }
}

const README_SCREENSHOT = path.join(__dirname, '..', '..', 'docs', 'explorer.png');
const EMERGENCY = '托里县应急管理局';

interface ApiItem {
  number: number;
  name: string;
}

interface ItemsOf {
  id: string;
  shared: { totalCount: number; nodes: ApiItem[] };
  reclaimed: { totalCount: number; nodes: ApiItem[] };
}

const ITEMS_OF = `query ($name: String!) {
  department(name: $name) {
    id
    shared: items(relation: SHARED, first: 500) { totalCount nodes { number name } }
    reclaimed: items(relation: RECLAIMED, first: 500) { totalCount nodes { number name } }
  }
}`;

let hub: TestHub;
let browser: Browser;
let page: Page;
let town: { id: string; name: string };
const pageErrors: string[] = [];

/** One operation's data; fails the test on an error. */
async function ask<Data>(query: string, variables?: Record<string, unknown>): Promise<Data> {
  const { data, errors } = await hub.query<Data>(query, variables);
  if (errors?.length || !data) throw new Error(`GraphQL errors: ${JSON.stringify(errors)}`);
  return data;
}

/** Resolves once the graph of the current slice is drawn (the hook's `ready`, set after the layout ran). */
async function graphReady(): Promise<void> {
  await page.waitForFunction(() => window.__explorer?.ready === true);
}

async function drawnNodes(): Promise<number | undefined> {
  return page.evaluate(() => window.__explorer?.cy.nodes().length);
}

async function hasClass(departmentId: string, className: string): Promise<boolean | undefined> {
  return page.evaluate(([id, name]) => window.__explorer?.cy.getElementById(id).hasClass(name), [
    departmentId,
    className,
  ] as const);
}

/** Waits for the department panel to show this department's items. */
async function panelShows(name: string): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      document.querySelector('[data-testid="department-panel"]')?.getAttribute('data-state') === 'ready' &&
      document.querySelector('[data-testid="department-name"]')?.textContent === wanted,
    name,
  );
}

/** What the panel lists under one data-testid: [number, name] per item, in order. */
function listed(testId: string): Promise<[number, string][]> {
  return page.$$eval(`[data-testid="${testId}"] > li`, (items) =>
    items.map((item): [number, string] => [
      Number(item.getAttribute('data-number')),
      item.querySelector('.name')?.textContent ?? '',
    ]),
  );
}

const pairs = (items: ApiItem[]) => items.map((item): [number, string] => [item.number, item.name]);

describeWith('Chromium', 'the explorer', () => {
  hub = useHub();
  browser = useBrowser();
  beforeAll(async () => {
    await ensureWebBuilt();
    [town] = (await ask<{ towns: { id: string; name: string }[] }>('{ towns { id name } }')).towns;
    page = await watchedPage(browser, pageErrors);
  }, 300_000);

  it('draws the 40 departments of 托里镇 as a network, node size by degree', async () => {
    expect(town.name).toBe('托里镇');
    await page.goto(new URL('/explorer', hub.url).toString());
    await graphReady();
    await page.getByTestId('town-select').selectOption(town.id);
    await graphReady();
    expect(new URL(page.url()).searchParams.get('town')).toBe(town.id);

    const { departmentGraph: graph } = await ask<{
      departmentGraph: { nodes: { department: { id: string }; degree: number }[]; edges: unknown[] };
    }>(
      'query ($filter: ItemFilter) { departmentGraph(filter: $filter) { nodes { department { id } degree } edges { weight } } }',
      {
        filter: { townIds: [town.id] },
      },
    );
    expect(graph.nodes).toHaveLength(40);

    const drawn = await page.evaluate(() => {
      const cy = window.__explorer?.cy;
      return {
        edges: cy?.edges().length,
        sizes: Object.fromEntries(cy?.nodes().map((node) => [node.id(), node.width()]) ?? []),
      };
    });
    await expect(drawnNodes()).resolves.toBe(40);
    expect(drawn.edges).toBe(graph.edges.length);
    await expect(page.getByTestId('node-count').getAttribute('data-count')).resolves.toBe('40');
    await expect(page.getByTestId('node-count').textContent()).resolves.toMatch(/^40 个部门 departments/u);

    // Node size by degree: a larger degree never draws a smaller node, and the extremes differ.
    const byDegree = [...graph.nodes].sort((a, b) => a.degree - b.degree);
    for (const [index, higher] of byDegree.entries()) {
      const lower = byDegree[index - 1];
      if (lower && higher.degree > lower.degree) {
        expect(drawn.sizes[higher.department.id]).toBeGreaterThanOrEqual(drawn.sizes[lower.department.id]);
      }
    }
    const [smallest, largest] = [byDegree[0], byDegree[byDegree.length - 1]];
    expect(largest.degree).toBeGreaterThan(smallest.degree);
    expect(drawn.sizes[largest.department.id]).toBeGreaterThan(drawn.sizes[smallest.department.id]);
  });

  it('draws the category × department heatmap of the slice', async () => {
    const { categoryDepartmentMatrix: matrix } = await ask<{
      categoryDepartmentMatrix: { categories: { name: string }[]; departments: { id: string }[]; counts: number[][] };
    }>(
      'query ($filter: ItemFilter) { categoryDepartmentMatrix(filter: $filter) { categories { name } departments { id } counts } }',
      {
        filter: { townIds: [town.id] },
      },
    );
    const heatmap = page.getByTestId('heatmap');
    await expect(heatmap.locator('tbody th').allTextContents()).resolves.toEqual(
      matrix.categories.map((category) => category.name),
    );
    await expect(
      heatmap
        .locator('thead th[data-department]')
        .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-department'))),
    ).resolves.toEqual(matrix.departments.map((department) => department.id));
    const cells = await heatmap
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll('td')].map((cell) => Number(cell.getAttribute('data-count')))),
      );
    expect(cells).toEqual(matrix.counts);

    // Colour intensity: an empty cell is not tinted, the fullest cell is the darkest blue.
    const max = Math.max(...matrix.counts.flat());
    await expect(page.getByTestId('heatmap-max').textContent()).resolves.toBe(String(max));
    const backgrounds = await heatmap
      .locator('td')
      .evaluateAll((tds) =>
        tds.map((td): [number, string] => [
          Number(td.getAttribute('data-count')),
          getComputedStyle(td).backgroundColor,
        ]),
      );
    for (const [count, background] of backgrounds) {
      if (count === 0) expect(background).toBe('rgba(0, 0, 0, 0)');
      if (count === max) expect(background).toBe('rgb(29, 78, 216)');
    }
  });

  it(`selects ${EMERGENCY} from the search box and lists the items it shares and reclaimed`, async () => {
    const { department } = await ask<{ department: ItemsOf }>(ITEMS_OF, { name: EMERGENCY });
    expect(department.shared.totalCount).toBe(6);

    const search = page.getByTestId('search');
    await search.fill('应急管理');
    // Typing rings the departments whose name or alias matches, and offers them.
    await expect(page.getByTestId('search-results').locator('button').first().textContent()).resolves.toContain(
      EMERGENCY,
    );
    await expect(hasClass(department.id, 'match')).resolves.toBe(true);
    await search.press('Enter');
    await panelShows(EMERGENCY);

    await expect(page.getByTestId('shared-items-count').textContent()).resolves.toBe('6');
    await expect(listed('shared-items')).resolves.toEqual(pairs(department.shared.nodes));
    await expect(page.getByTestId('reclaimed-items-count').textContent()).resolves.toBe(
      String(department.reclaimed.totalCount),
    );
    await expect(listed('reclaimed-items')).resolves.toEqual(pairs(department.reclaimed.nodes));

    // The graph and the heatmap mark it; the URL names it.
    await expect(hasClass(department.id, 'chosen')).resolves.toBe(true);
    await expect(
      page.locator(`[data-testid="heatmap"] th.chosen[data-department="${department.id}"]`).count(),
    ).resolves.toBe(1);
    expect(new URL(page.url()).searchParams.get('department')).toBe(department.id);
  });

  it('finds a department by its alias', async () => {
    const search = page.getByTestId('search');
    await search.fill('托里县监察委员会');
    await search.press('Enter');
    await panelShows('托里县纪律检查委员会');
  });

  it('lists the items of a department clicked in the graph', async () => {
    const { department } = await ask<{ department: ItemsOf }>(ITEMS_OF, { name: '托里县公安局' });
    const box = await page.getByTestId('graph').boundingBox();
    const at = await page.evaluate((id) => window.__explorer?.cy.getElementById(id).renderedPosition(), department.id);
    if (!box || !at) throw new Error('the graph or the node is not drawn');
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await panelShows('托里县公安局');
    await expect(listed('shared-items')).resolves.toEqual(pairs(department.shared.nodes));
    await expect(listed('reclaimed-items')).resolves.toEqual(pairs(department.reclaimed.nodes));
  });

  it('narrows the network to one category and back', async () => {
    const { category } = await ask<{ category: { id: string } }>('{ category(name: "应急管理及消防") { id } }');
    const { departmentGraph } = await ask<{ departmentGraph: { nodes: unknown[] } }>(
      'query ($filter: ItemFilter) { departmentGraph(filter: $filter) { nodes { degree } } }',
      { filter: { townIds: [town.id], categoryIds: [category.id] } },
    );
    expect(departmentGraph.nodes.length).toBeGreaterThan(0);
    expect(departmentGraph.nodes.length).toBeLessThan(40);

    await page.getByTestId('category-select').selectOption(category.id);
    await graphReady();
    await expect(drawnNodes()).resolves.toBe(departmentGraph.nodes.length);
    await expect(page.getByTestId('heatmap').locator('tbody tr').count()).resolves.toBe(1);

    await page.getByTestId('category-select').selectOption('');
    await graphReady();
    await expect(drawnNodes()).resolves.toBe(40);
  });

  it('keeps only edges of a minimum weight, and exports the slice as GraphML', async () => {
    const { departmentGraph } = await ask<{ departmentGraph: { edges: unknown[]; graphml: string } }>(
      'query ($filter: ItemFilter) { departmentGraph(filter: $filter, minWeight: 2) { edges { weight } graphml } }',
      { filter: { townIds: [town.id] } },
    );
    await page.getByTestId('min-weight').fill('2');
    await page.getByTestId('min-weight').dispatchEvent('change');
    await graphReady();
    await expect(page.evaluate(() => window.__explorer?.cy.edges().length)).resolves.toBe(departmentGraph.edges.length);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('exports').getByRole('button', { name: 'GraphML' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('departments.graphml');
    const file = await download.path();
    await expect(readFile(file, 'utf8')).resolves.toBe(departmentGraph.graphml);

    await page.getByTestId('min-weight').fill('1');
    await page.getByTestId('min-weight').dispatchEvent('change');
    await graphReady();
  });

  it(`opens a linked view (the URL's slice and department), saved as a 1280×800 screenshot`, async () => {
    const { department } = await ask<{ department: ItemsOf }>(ITEMS_OF, { name: EMERGENCY });
    // A fresh page, nothing hovered, focused or typed: the same data gives the same picture, run after run.
    const linked = await watchedPage(browser, pageErrors);
    const url = new URL('/explorer', hub.url);
    url.search = new URLSearchParams({ town: town.id, department: department.id }).toString();
    await linked.goto(url.toString());
    await linked.waitForFunction(
      (name) =>
        window.__explorer?.ready === true &&
        document.querySelector('[data-testid="department-panel"]')?.getAttribute('data-state') === 'ready' &&
        document.querySelector('[data-testid="department-name"]')?.textContent === name,
      EMERGENCY,
    );
    await expect(linked.getByTestId('town-select').inputValue()).resolves.toBe(town.id);
    await expect(linked.getByTestId('shared-items-count').textContent()).resolves.toBe('6');
    await expect(
      linked.evaluate((id) => window.__explorer?.cy.getElementById(id).hasClass('chosen'), department.id),
    ).resolves.toBe(true);

    const screenshot =
      process.env.UPDATE_SCREENSHOTS === '1'
        ? README_SCREENSHOT
        : path.join(await mkdtemp(path.join(tmpdir(), 'dutyhub-screenshots-')), 'explorer.png');
    const image = await linked.screenshot({ path: screenshot, type: 'png', animations: 'disabled', caret: 'hide' });
    await expect(readFile(screenshot)).resolves.toEqual(image);
    // A PNG's IHDR holds the width and height at bytes 16..23.
    expect([image.readUInt32BE(16), image.readUInt32BE(20)]).toEqual([1280, 800]);
    await linked.close();
    expect(pageErrors).toEqual([]);
  });
});
