/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The explorer's department panel shows what the API knows, in Chromium: the department's own part in each
 * item (the Link's responsibilities), its partners with the items in common, and a "path to…" picker
 * answered by departmentPath and marked in the graph.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { type Browser, useBrowser, watchedPage } from '../support/browser';
import { describeWith } from '../support/components';
import { ask, explorerUrl, graphReady, panelShows } from '../support/explorer';
import { type TestHub, useHub } from '../support/hub';
import { ensureWebBuilt } from '../support/web-build';

const EMERGENCY = '托里县应急管理局';
const WATER = '托里县水利局';
const STAFFING = '托里县机构编制委员会办公室';
const CIVIL_AFFAIRS = '托里县民政局';

interface Known {
  id: string;
  links: { relation: 'SHARED' | 'RECLAIMED'; responsibilities: string[]; item: { number: number } }[];
  partners: { department: { name: string }; weight: number }[];
}

let hub: TestHub;
let browser: Browser;
let page: Page;
let emergency: Known;
const pageErrors: string[] = [];

const idOf = async (name: string) =>
  (await ask<{ department: { id: string } }>(hub, `{ department(name: "${name}") { id } }`)).department.id;

/** [number, own responsibilities] per item of one of the panel's lists. */
function ownParts(testId: string): Promise<[number, string[]][]> {
  return page.$$eval(`[data-testid="${testId}"] > li`, (items) =>
    items.map((item): [number, string[]] => [
      Number(item.getAttribute('data-number')),
      [...item.querySelectorAll('[data-testid="own-responsibilities"] > li')].map((step) => step.textContent ?? ''),
    ]),
  );
}

/** The steps the path result lists, by department name. */
const pathShown = () =>
  page.$$eval('[data-testid="path"] > li', (steps) => steps.map((step) => step.querySelector('.name')?.textContent));

describeWith('Chromium', 'the explorer panel', () => {
  hub = useHub();
  browser = useBrowser();
  beforeAll(async () => {
    await ensureWebBuilt();
    ({ department: emergency } = await ask<{ department: Known }>(
      hub,
      `{ department(name: "${EMERGENCY}") {
          id
          links { relation responsibilities item { number } }
          partners(first: 100) { department { name } weight }
        } }`,
    ));
    const [town] = (await ask<{ towns: { id: string }[] }>(hub, '{ towns { id } }')).towns;
    page = await watchedPage(browser, pageErrors);
    await page.goto(explorerUrl(hub, { town: town.id, department: emergency.id }));
    await graphReady(page);
    await panelShows(page, EMERGENCY);
  }, 300_000);
  afterAll(async () => {
    await page.close();
  });

  it("lists the department's own responsibilities under each item", async () => {
    const expected = (relation: 'SHARED' | 'RECLAIMED') =>
      emergency.links
        .filter((link) => link.relation === relation)
        .map((link): [number, string[]] => [link.item.number, link.responsibilities]);
    await expect(ownParts('shared-items')).resolves.toEqual(expected('SHARED'));
    await expect(ownParts('reclaimed-items')).resolves.toEqual(expected('RECLAIMED'));
    // 开展安全生产监督检查 (配合 89): three steps of its own.
    expect(expected('SHARED')[0]).toEqual([
      89,
      [
        '负责培训镇、村（社区）安全生产业务人员，协同镇、村（社区）两级安全生产干部进行检查',
        '开展安全生产相关情况检查',
        '开展对生产经营单位安全生产状况的监督检查',
      ],
    ]);
  });

  it('lists its partners with the items in common, and chooses one on click', async () => {
    const shown = await page.$$eval('[data-testid="partners"] > li', (partners) =>
      partners.map((partner) => [
        partner.querySelector('button')?.textContent,
        Number(partner.querySelector('.weight')?.textContent),
      ]),
    );
    expect(shown).toEqual(emergency.partners.map((partner) => [partner.department.name, partner.weight]));
    expect(shown).toHaveLength(6);
    expect(shown[0]).toEqual([WATER, 3]);
    await expect(page.getByTestId('partners-count').textContent()).resolves.toBe('6');

    await page.getByTestId('partners').getByRole('button', { name: WATER }).click();
    await panelShows(page, WATER);
    await page.evaluate((id) => window.__explorer?.cy.getElementById(id).emit('tap'), emergency.id);
    await panelShows(page, EMERGENCY);
  });

  it('finds the shortest chain to another department and marks it in the graph', async () => {
    const { departmentPath } = await ask<{ departmentPath: { department: { id: string; name: string } }[] }>(
      hub,
      'query ($from: ID!, $to: ID!) { departmentPath(from: $from, to: $to) { department { id name } } }',
      { from: emergency.id, to: await idOf(STAFFING) },
    );
    const names = [EMERGENCY, '托里县交通运输局', '托里县农业农村局', '托里县委组织部', STAFFING];
    expect(departmentPath.map((step) => step.department.name)).toEqual(names);

    await page.getByTestId('path-target').selectOption({ label: STAFFING });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="path-result"]')?.getAttribute('data-state') === 'ready',
    );
    await expect(pathShown()).resolves.toEqual(names);
    const marked = await page.evaluate(() => window.__explorer?.cy.nodes('.path').map((node) => node.id()));
    expect(new Set(marked)).toEqual(new Set(departmentPath.map((step) => step.department.id)));
    await expect(page.evaluate(() => window.__explorer?.cy.edges('.path').length)).resolves.toBe(4);

    // No chain reaches 民政局: the API answers null, the panel says so and marks nothing.
    const none = await ask<{ departmentPath: null }>(
      hub,
      'query ($from: ID!, $to: ID!) { departmentPath(from: $from, to: $to) { department { id } } }',
      { from: emergency.id, to: await idOf(CIVIL_AFFAIRS) },
    );
    expect(none.departmentPath).toBeNull();
    await page.getByTestId('path-target').selectOption({ label: CIVIL_AFFAIRS });
    await page.waitForFunction(
      () => document.querySelector('[data-testid="path-result"]')?.getAttribute('data-state') === 'ready',
    );
    await expect(page.getByTestId('no-path').textContent()).resolves.toBe('6 步之内没有路径 · No chain within 6 hops');
    await expect(page.evaluate(() => window.__explorer?.cy.nodes('.path').length)).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
