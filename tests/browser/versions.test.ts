/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The versions page (/explorer/versions) in Chromium: 托里镇 imported as the seed and then revised
 * (tests/versions/revisions.ts: one duty inserted at BASIC 5 renumbering 5–9, BASIC 10 dropped,
 * COOPERATIVE 2 renamed, COOPERATIVE 43 moved to another department), 铁厂沟镇 as the seed lists it.
 * The timeline shows both versions, the diff of a pair shows what townDiff answers, the comparison
 * what compareTowns answers; the page never scrolls sideways at 360 px.
 */
import { beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { importFiles } from '../../src/ingest/import-files';
import { Town } from '../../src/modules/town/town.entity';
import { seedOfTown, temporaryFolder } from '../import/helpers';
import { type Browser, useBrowser, watchedPage } from '../support/browser';
import { describeWith } from '../support/components';
import { type TestHub, useHub } from '../support/hub';
import { ensureWebBuilt } from '../support/web-build';
import { INSERTED_NAME, renamed, revisedSeed, seedName } from '../versions/revisions';

const TORI = Town.idFor('塔城地区', '托里县', '托里镇');
const TIECHANGGOU = Town.idFor('塔城地区', '托里县', '铁厂沟镇');

let hub: TestHub;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** [kind, number, name] of each entry a group lists, in order. */
function listed(testId: string): Promise<[string, number, string][]> {
  return page.$$eval(`[data-testid="${testId}"] > ul > li`, (items) =>
    items.map((item): [string, number, string] => [
      item.getAttribute('data-kind') ?? '',
      Number(item.getAttribute('data-number')),
      item.querySelector('.name')?.textContent ?? '',
    ]),
  );
}

async function ready(testId: string): Promise<void> {
  await page.waitForFunction(
    (id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-state') === 'ready',
    testId,
  );
}

describeWith('Chromium', 'the versions page', () => {
  hub = useHub();
  browser = useBrowser();
  beforeAll(async () => {
    const folder = await temporaryFolder();
    try {
      await importFiles(hub.database.orm.em.getKnex(), [
        await folder.write('revised.txt', revisedSeed()),
        await folder.write('tiechanggou.txt', seedOfTown('铁厂沟镇')),
      ]);
    } finally {
      await folder.remove();
    }
    await ensureWebBuilt();
    page = await watchedPage(browser, pageErrors);
  }, 300_000);

  it("shows a town's versions on a timeline, newest first, with their counts and changes", async () => {
    await page.goto(new URL(`/explorer/versions?town=${TORI}`, hub.url).toString());
    await ready('diff');
    const timeline = await page.$$eval('[data-testid="timeline"] > li', (items) =>
      items.map((item) => [
        item.getAttribute('data-version'),
        item.className,
        item.querySelector('.counts')?.textContent,
        item.querySelector('.summary')?.textContent,
      ]),
    );
    expect(timeline).toEqual([
      ['2', 'current to', '基本 104 · 配合 111 · 收回 40', '+1 −1 ~7'],
      ['1', 'from', '基本 104 · 配合 111 · 收回 40', '+255 −0 ~0'],
    ]);
  });

  it('shows the changes from the version before: added, removed, renumbered and changed with the fields', async () => {
    const { data } = await hub.query(`{ townDiff(town: "${TORI}", from: 1, to: 2) {
      added { kind after { number name } } removed { kind before { number name } } changed { kind fields after { number } } } }`);
    const diff = data?.townDiff;
    expect(await page.getByTestId('diff-summary').textContent()).toBe(
      'v1 → v2：新增 1 added · 删除 1 removed · 变更 2 changed · 重新编号 5 renumbered',
    );
    expect(await listed('diff-added')).toEqual([['BASIC', 5, INSERTED_NAME]]);
    expect(await listed('diff-added')).toEqual(
      diff.added.map((change: any) => [change.kind, change.after.number, change.after.name]),
    );
    expect(await listed('diff-removed')).toEqual([['BASIC', 10, seedName(15)]]);
    expect(await listed('diff-renumbered')).toEqual(
      [5, 6, 7, 8, 9].map((number) => ['BASIC', number + 1, seedName(number + 5)]),
    );
    expect(
      await page.$$eval('[data-testid="diff-renumbered"] > ul > li .number', (cells) =>
        cells.map((cell) => cell.textContent),
      ),
    ).toEqual(['5 → 6', '6 → 7', '7 → 8', '8 → 9', '9 → 10']);
    const changed = await page.$$eval('[data-testid="diff-changed"] > ul > li', (items) =>
      items.map((item) => [
        item.getAttribute('data-kind'),
        Number(item.getAttribute('data-number')),
        item.getAttribute('data-fields'),
        item.querySelector('.fields')?.textContent,
      ]),
    );
    expect(changed).toEqual([
      ['COOPERATIVE', 2, 'name', `名称 name ${seedName(131)} → ${renamed(seedName(131))}`],
      [
        'COOPERATIVE',
        43,
        'departments',
        expect.stringMatching(/^部门 departments .*托里县总工会.* → .*托里县医疗保障局/u),
      ],
    ]);
    expect(
      diff.changed.filter((change: any) => change.fields.some((field: string) => field !== 'number')),
    ).toHaveLength(2);
  });

  it('shows the pair chosen in the selects and keeps it in the URL', async () => {
    await page.getByTestId('from-select').selectOption('2');
    await page.getByTestId('to-select').selectOption('1');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="diff-summary"]')?.textContent?.startsWith('v2 → v1'),
    );
    expect(await page.getByTestId('diff-summary').textContent()).toBe(
      'v2 → v1：新增 1 added · 删除 1 removed · 变更 2 changed · 重新编号 5 renumbered',
    );
    expect(await listed('diff-added')).toEqual([['BASIC', 10, seedName(15)]]);
    const url = new URL(page.url());
    expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(['2', '1']);

    // Clicking a version on the timeline shows its changes against the one before.
    await page.locator('[data-testid="timeline"] > li[data-version="2"] button').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="diff-summary"]')?.textContent?.startsWith('v1 → v2'),
    );
    expect(await listed('diff-removed')).toEqual([['BASIC', 10, seedName(15)]]);
  });

  it("compares two towns' current lists: only in one, and the pairs that differ", async () => {
    await page.goto(new URL(`/explorer/versions?a=${TORI}&b=${TIECHANGGOU}`, hub.url).toString());
    await ready('comparison');
    expect(await page.getByTestId('comparison-summary').textContent()).toBe(
      '仅托里镇 only in A 2 · 仅铁厂沟镇 only in B 2 · 两镇皆有 in both 253（其中不同 differing 1）',
    );
    expect(await listed('only-a')).toEqual([
      ['BASIC', 5, INSERTED_NAME],
      ['COOPERATIVE', 2, renamed(seedName(131))],
    ]);
    expect(await listed('only-b')).toEqual([
      ['BASIC', 10, seedName(15)],
      ['COOPERATIVE', 2, seedName(131)],
    ]);
    expect(await listed('differing')).toEqual([['COOPERATIVE', 43, expect.any(String)]]);

    await page.getByTestId('compare-kind-select').selectOption('BASIC');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="comparison-summary"]')?.textContent?.includes('differing 0'),
    );
    expect(await page.getByTestId('comparison-summary').textContent()).toBe(
      '仅托里镇 only in A 1 · 仅铁厂沟镇 only in B 1 · 两镇皆有 in both 103（其中不同 differing 0）',
    );
  });

  it('never scrolls sideways on a 360 px phone', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(new URL(`/explorer/versions?town=${TORI}&a=${TORI}&b=${TIECHANGGOU}`, hub.url).toString());
    await ready('diff');
    await ready('comparison');
    const widths = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]);
    expect(pageErrors).toEqual([]);
  });
});
