/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The explorer at a phone's and a desktop's width, in Chromium: the page never scrolls sideways, the
 * graph stays at least 300 px wide, the panel goes under the graph on a phone and beside it on a
 * desktop, and the heatmap scrolls inside its own box. The screenshots docs/explorer-390.png and
 * docs/explorer-1440.png are rewritten only with UPDATE_SCREENSHOTS=1; other runs save them to a
 * temporary folder and leave the checkout alone.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type cytoscape from 'cytoscape';
import type { Page } from 'playwright-core';
import { type Browser, useBrowser, watchedPage } from '../support/browser';
import { describeWith } from '../support/components';
import { type TestHub, useHub } from '../support/hub';
import { ensureWebBuilt } from '../support/web-build';

declare global {
  interface Window {
    /** The page's test hook (web/explorer/main.ts), declared as explorer.test.ts does. */
    __explorer?: { cy: cytoscape.Core; ready: boolean };
  }
}

const DOCS = path.join(__dirname, '..', '..', 'docs');
const EMERGENCY = '托里县应急管理局';

let hub: TestHub;
let browser: Browser;
let linkedView: string;
let screenshotFolder: string;
const pageErrors: string[] = [];
const pages: Page[] = [];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Measures {
  scrollWidth: number;
  clientWidth: number;
  graph: Box;
  panel: Box;
  count: Box;
  countFontSize: number;
  heatmap: { clientWidth: number; scrollWidth: number; right: number };
}

/** A fresh page of this size on the linked view of 托里镇 with 应急管理局 chosen, once drawn and listed. */
async function open(width: number, height: number): Promise<Page> {
  const page = await watchedPage(browser, pageErrors);
  pages.push(page);
  await page.setViewportSize({ width, height });
  await page.goto(linkedView);
  await page.waitForFunction(
    (name) =>
      window.__explorer?.ready === true &&
      document.querySelector('[data-testid="department-panel"]')?.getAttribute('data-state') === 'ready' &&
      document.querySelector('[data-testid="department-name"]')?.textContent === name,
    EMERGENCY,
  );
  return page;
}

function measure(page: Page): Promise<Measures> {
  return page.evaluate(() => {
    const box = (testId: string) => {
      const element = document.querySelector(`[data-testid="${testId}"]`);
      if (!element) throw new Error(`no ${testId}`);
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    };
    const heatmap = document.querySelector('[data-testid="heatmap"]') as HTMLElement;
    const count = document.querySelector('[data-testid="node-count"]') as HTMLElement;
    return {
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      graph: box('graph'),
      panel: box('department-panel'),
      count: box('node-count'),
      countFontSize: Number.parseFloat(getComputedStyle(count).fontSize),
      heatmap: {
        clientWidth: heatmap.clientWidth,
        scrollWidth: heatmap.scrollWidth,
        right: heatmap.getBoundingClientRect().right,
      },
    };
  });
}

/** The screenshot's path: docs/ with UPDATE_SCREENSHOTS=1, else a temporary folder. */
const screenshotPath = (name: string) =>
  path.join(process.env.UPDATE_SCREENSHOTS === '1' ? DOCS : screenshotFolder, name);

/** The page's screenshot, written to `name` (under docs/ only with UPDATE_SCREENSHOTS=1), of this size. */
async function screenshot(page: Page, name: string, size: [number, number]): Promise<void> {
  const image = await page.screenshot({
    path: screenshotPath(name),
    type: 'png',
    animations: 'disabled',
    caret: 'hide',
  });
  await expect(readFile(screenshotPath(name))).resolves.toEqual(image);
  // A PNG's IHDR holds the width and height at bytes 16..23.
  expect([image.readUInt32BE(16), image.readUInt32BE(20)]).toEqual(size);
}

describeWith('Chromium', 'the explorer on a phone and on a desktop', () => {
  hub = useHub();
  browser = useBrowser();
  beforeAll(async () => {
    await ensureWebBuilt();
    screenshotFolder = await mkdtemp(path.join(tmpdir(), 'dutyhub-screenshots-'));
    const { data } = await hub.query<{ towns: { id: string }[]; department: { id: string } }>(
      `{ towns { id } department(name: "${EMERGENCY}") { id } }`,
    );
    if (!data) throw new Error('no towns');
    const url = new URL('/explorer', hub.url);
    url.search = new URLSearchParams({ town: data.towns[0].id, department: data.department.id }).toString();
    linkedView = url.toString();
  }, 300_000);
  afterAll(async () => {
    for (const page of pages) await page.close();
  });

  for (const [width, height] of [
    [390, 844],
    [360, 740],
  ]) {
    it(`fits a ${width} px phone: no sideways scroll, the graph ${width - 20} px wide, the panel below it`, async () => {
      const page = await open(width, height);
      const seen = await measure(page);
      expect(seen.scrollWidth).toBeLessThanOrEqual(seen.clientWidth);
      expect(seen.clientWidth).toBe(width);
      // 10 px of margin on either side.
      expect(seen.graph.width).toBe(width - 20);
      expect(seen.graph.height).toBeGreaterThanOrEqual(300);
      // One column: the panel starts under the graph, as wide as it.
      expect(seen.panel.y).toBeGreaterThan(seen.graph.y + seen.graph.height);
      expect(seen.panel.width).toBe(seen.graph.width);
      // "40 个部门 departments · … · 1 个连通分量 components" reads in two lines (a line is ~1.2 em).
      expect(seen.count.width).toBe(width - 20);
      expect(seen.count.height).toBeLessThan(3 * seen.countFontSize);
      // The heatmap's 40 columns scroll inside its box, which ends at the page's margin.
      expect(seen.heatmap.scrollWidth).toBeGreaterThan(seen.heatmap.clientWidth);
      expect(seen.heatmap.right).toBe(width - 10);

      if (width === 390) {
        await screenshot(page, 'explorer-390.png', [390, 844]);
      }
    });
  }

  it('puts the panel beside the graph on a 1440×900 desktop, without sideways scroll', async () => {
    const page = await open(1440, 900);
    const seen = await measure(page);
    expect(seen.scrollWidth).toBeLessThanOrEqual(seen.clientWidth);
    // 20 px margins, a 380 px panel and a 16 px gap: 1440 − 40 − 380 − 16.
    expect(seen.graph.width).toBe(1004);
    expect(seen.panel.width).toBe(380);
    expect(seen.panel.x).toBeGreaterThanOrEqual(seen.graph.x + seen.graph.width);
    expect(seen.panel.y).toBeLessThan(seen.graph.y);
    expect(seen.count.height).toBeLessThan(2 * seen.countFontSize);

    await screenshot(page, 'explorer-1440.png', [1440, 900]);
    expect(pageErrors).toEqual([]);
  });
});
