/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The explorer keeps no stale state, in Chromium: a department chosen by search and then another by
 * click leaves no old name nor ring behind; a filter change does not reopen the search's list over the
 * panel; the panel's slice line names the relation; the basic list's empty network says why; labels
 * never cover each other.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { type Browser, useBrowser, watchedPage } from '../support/browser';
import { describeWith } from '../support/components';
import { ask, clickNode, explorerUrl, graphReady, nodeClasses, panelShows } from '../support/explorer';
import { type TestHub, useHub } from '../support/hub';
import { ensureWebBuilt } from '../support/web-build';

const EMERGENCY = '托里县应急管理局';
const POLICE = '托里县公安局';

let hub: TestHub;
let browser: Browser;
let page: Page;
let town: { id: string; name: string };
const ids: Record<string, string> = {};
const pageErrors: string[] = [];

/** The label boxes the graph shows (on screen, in px) and how many it hides. */
function labels(): Promise<{
  shown: { id: string; x1: number; y1: number; x2: number; y2: number }[];
  hidden: number;
}> {
  return page.evaluate(() => {
    const cy = window.__explorer?.cy;
    if (!cy) throw new Error('no graph');
    const visible = cy.nodes().filter((node) => !node.hasClass('label-hidden'));
    return {
      shown: visible.map((node) => {
        const { x1, y1, x2, y2 } = node.renderedBoundingBox({
          includeNodes: false,
          includeEdges: false,
          includeLabels: true,
        });
        return { id: node.id(), x1, y1, x2, y2 };
      }),
      hidden: cy.nodes().length - visible.length,
    };
  });
}

type Box = { x1: number; y1: number; x2: number; y2: number };
const intersect = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** Pairs of shown labels whose boxes intersect, by department id. */
function overlapping(shown: (Box & { id: string })[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [i, a] of shown.entries()) {
    for (const b of shown.slice(i + 1)) if (intersect(a, b)) pairs.push([a.id, b.id]);
  }
  return pairs;
}

describeWith('Chromium', 'the explorer without stale state', () => {
  hub = useHub();
  browser = useBrowser();
  beforeAll(async () => {
    await ensureWebBuilt();
    [town] = (await ask<{ towns: { id: string; name: string }[] }>(hub, '{ towns { id name } }')).towns;
    for (const name of [EMERGENCY, POLICE]) {
      ids[name] = (
        await ask<{ department: { id: string } }>(hub, `{ department(name: "${name}") { id } }`)
      ).department.id;
    }
    page = await watchedPage(browser, pageErrors);
  }, 300_000);
  afterAll(async () => {
    await page.close();
  });

  it('clears the search box and its ring when another department is clicked', async () => {
    await page.goto(explorerUrl(hub, { town: town.id }));
    await graphReady(page);
    const search = page.getByTestId('search');
    await search.fill('应急管理');
    await search.press('Enter');
    await panelShows(page, EMERGENCY);
    await expect(search.inputValue()).resolves.toBe(EMERGENCY);
    await expect(nodeClasses(page, ids[EMERGENCY])).resolves.toEqual(expect.arrayContaining(['match', 'chosen']));

    await clickNode(page, ids[POLICE]);
    await panelShows(page, POLICE);
    await expect(search.inputValue()).resolves.toBe('');
    const emergency = await nodeClasses(page, ids[EMERGENCY]);
    expect(emergency).not.toContain('match');
    expect(emergency).not.toContain('chosen');
    await expect(
      page.evaluate(() => window.__explorer?.cy.nodes('.match, .chosen').map((node) => node.id())),
    ).resolves.toEqual([ids[POLICE]]);
  });

  it('keeps the search list closed when a filter changes', async () => {
    const search = page.getByTestId('search');
    await search.fill('应急管理');
    await expect(page.getByTestId('search-results').isVisible()).resolves.toBe(true);
    await search.press('Enter');
    await panelShows(page, EMERGENCY);
    await expect(page.getByTestId('search-results').isHidden()).resolves.toBe(true);

    await page.getByTestId('relation-select').selectOption('SHARED');
    await graphReady(page);
    await panelShows(page, EMERGENCY);
    await expect(page.getByTestId('search-results').isHidden()).resolves.toBe(true);
    // The match stays ringed in the new drawing.
    await expect(nodeClasses(page, ids[EMERGENCY])).resolves.toEqual(expect.arrayContaining(['match', 'chosen']));
    await page.getByTestId('relation-select').selectOption('');
    await graphReady(page);
  });

  it('names the relation in the panel and lists only its items (?relation=RECLAIMED)', async () => {
    const { department } = await ask<{ department: { reclaimed: { totalCount: number } } }>(
      hub,
      `{ department(name: "${EMERGENCY}") { reclaimed: items(relation: RECLAIMED) { totalCount } } }`,
    );
    await page.goto(explorerUrl(hub, { relation: 'RECLAIMED', department: ids[EMERGENCY] }));
    await graphReady(page);
    await panelShows(page, EMERGENCY);
    await expect(page.getByTestId('panel-slice').textContent()).resolves.toBe(
      '范围 slice：全部事项 all items · 关系 relation：收回 Reclaimed',
    );
    await expect(page.getByTestId('shared-items').count()).resolves.toBe(0);
    await expect(page.getByTestId('reclaimed-items-count').textContent()).resolves.toBe(
      String(department.reclaimed.totalCount),
    );

    await page.goto(explorerUrl(hub, { town: town.id, department: ids[EMERGENCY] }));
    await graphReady(page);
    await panelShows(page, EMERGENCY);
    await expect(page.getByTestId('panel-slice').textContent()).resolves.toBe(
      '范围 slice：托里县托里镇 · 关系 relation：全部 Both',
    );
  });

  it('says why the basic list has no network', async () => {
    const { departmentGraph } = await ask<{ departmentGraph: { nodes: unknown[] } }>(
      hub,
      '{ departmentGraph(filter: { kinds: [BASIC] }) { nodes { degree } } }',
    );
    expect(departmentGraph.nodes).toEqual([]);
    await expect(page.getByTestId('graph-empty').isHidden()).resolves.toBe(true);
    await page.getByTestId('kind-select').selectOption('BASIC');
    await graphReady(page);
    await expect(page.evaluate(() => window.__explorer?.cy.nodes().length)).resolves.toBe(0);
    await expect(page.getByTestId('graph-empty').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('graph-empty').textContent()).resolves.toBe(
      '基本履职事项由乡镇自行履行，不关联县级部门，因此没有部门网络。请选择“配合履责”或“上级部门收回”清单。 · ' +
        'Basic duties (基本履职) are the town’s own and name no county department, so they form no network: ' +
        'choose the Cooperative or Reclaimed list.',
    );
    await expect(page.getByTestId('node-count').textContent()).resolves.toMatch(/^0 个部门 departments/u);

    await page.getByTestId('kind-select').selectOption('');
    await graphReady(page);
    await expect(page.getByTestId('graph-empty').isHidden()).resolves.toBe(true);
  });

  it('shows no two labels over each other; zooming in and hovering show more', async () => {
    await page.goto(explorerUrl(hub, { town: town.id }));
    await graphReady(page);
    const fitted = await labels();
    expect(fitted.shown.length + fitted.hidden).toBe(40);
    expect(overlapping(fitted.shown)).toEqual([]);
    // The dense centre hides some; most departments stay named.
    expect(fitted.hidden).toBeGreaterThan(0);
    expect(fitted.shown.length).toBeGreaterThanOrEqual(20);

    // Zooming in keeps labels at 11 px on screen, so more fit, still without overlap.
    await page.evaluate(() => {
      const cy = window.__explorer?.cy;
      cy?.zoom({ level: cy.zoom() * 2.5, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    });
    await page.waitForFunction(
      (before) => window.__explorer?.cy.nodes('.label-hidden').length !== before,
      fitted.hidden,
    );
    const zoomed = await labels();
    expect(zoomed.hidden).toBeLessThan(fitted.hidden);
    expect(overlapping(zoomed.shown)).toEqual([]);

    // Hovering a department whose label is hidden shows it.
    await page.evaluate(() => {
      window.__explorer?.cy.fit(undefined, 24);
    });
    await page.waitForFunction((count) => window.__explorer?.cy.nodes('.label-hidden').length === count, fitted.hidden);
    const hiddenId = await page.evaluate(() => window.__explorer?.cy.nodes('.label-hidden').first().id());
    if (!hiddenId) throw new Error('no hidden label');
    const box = await page.getByTestId('graph').boundingBox();
    const at = await page.evaluate((id) => window.__explorer?.cy.getElementById(id).renderedPosition(), hiddenId);
    if (!box || !at) throw new Error('not drawn');
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await page.waitForFunction((id) => window.__explorer?.cy.getElementById(id).hasClass('hover'), hiddenId);
    await expect(
      page.evaluate((id) => window.__explorer?.cy.getElementById(id).style('text-opacity'), hiddenId),
    ).resolves.toBe('1');
    expect(pageErrors).toEqual([]);
  });
});
