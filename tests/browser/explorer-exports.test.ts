/// <reference lib="dom" />
/**
 * The explorer's exports as an office user opens them, in Chromium: nodes.csv, edges.csv and heatmap.csv
 * start with a UTF-8 byte order mark (Excel on Chinese Windows reads them as GBK without one) and hold
 * exactly the slice's rows; the Excel workbook opens with @e965/xlsx and has the sheets nodes, edges and
 * heatmap. SheetJS is fetched only when a workbook is asked for.
 */
import { readFile } from 'node:fs/promises';
import { read, utils } from '@e965/xlsx';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { type Browser, useBrowser, watchedPage } from '../support/browser';
import { describeWith } from '../support/components';
import { ask, explorerUrl, graphReady } from '../support/explorer';
import { type TestHub, useHub } from '../support/hub';
import { ensureWebBuilt } from '../support/web-build';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

interface Slice {
  departmentGraph: {
    nodes: { department: { id: string; name: string }; degree: number; betweenness: number }[];
    edges: unknown[];
    nodesCsv: string;
    edgesCsv: string;
  };
  categoryDepartmentMatrix: { categories: { name: string }[]; departments: { name: string }[]; counts: number[][] };
}

let hub: TestHub;
let browser: Browser;
let page: Page;
let slice: Slice;
const scripts: string[] = [];
const pageErrors: string[] = [];

/** Clicks an export button and returns the file's name and bytes. */
async function exported(label: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('exports').getByRole('button', { name: label, exact: true }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

/** The lines of a CSV file after its byte order mark (no field of the seed holds a line break). */
const lines = (bytes: Buffer) => bytes.subarray(3).toString('utf8').split('\n').slice(0, -1);

describeWith('Chromium', 'the explorer exports', () => {
  hub = useHub();
  browser = useBrowser();
  beforeAll(async () => {
    await ensureWebBuilt();
    const [town] = (await ask<{ towns: { id: string }[] }>(hub, '{ towns { id } }')).towns;
    slice = await ask<Slice>(
      hub,
      `query ($filter: ItemFilter) {
        departmentGraph(filter: $filter) {
          nodes { department { id name } degree betweenness } edges { weight } nodesCsv edgesCsv
        }
        categoryDepartmentMatrix(filter: $filter) { categories { name } departments { name } counts }
      }`,
      { filter: { townIds: [town.id] } },
    );
    page = await watchedPage(browser, pageErrors);
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(explorerUrl(hub, { town: town.id }));
    await graphReady(page);
  }, 300_000);
  afterAll(async () => {
    await page.close();
  });

  it('saves nodes.csv and edges.csv with a byte order mark and every row of the slice', async () => {
    const nodes = await exported('nodes.csv');
    expect(nodes.name).toBe('nodes.csv');
    expect(nodes.bytes.subarray(0, 3)).toEqual(BOM);
    const nodeLines = lines(nodes.bytes);
    expect(nodeLines[0]).toBe('id,label,aliases,itemCount,degree,weightedDegree,betweenness,community,component');
    expect(nodeLines).toHaveLength(41);
    expect(nodes.bytes.subarray(3).toString('utf8')).toBe(slice.departmentGraph.nodesCsv);

    const edges = await exported('edges.csv');
    expect(edges.name).toBe('edges.csv');
    expect(edges.bytes.subarray(0, 3)).toEqual(BOM);
    const edgeLines = lines(edges.bytes);
    expect(edgeLines[0]).toBe('source,target,sourceLabel,targetLabel,weight');
    expect(edgeLines).toHaveLength(slice.departmentGraph.edges.length + 1);
    expect(edges.bytes.subarray(3).toString('utf8')).toBe(slice.departmentGraph.edgesCsv);
  });

  it('saves the heatmap as CSV: a row per category, a column per department', async () => {
    const { categories, departments, counts } = slice.categoryDepartmentMatrix;
    const heatmap = await exported('heatmap.csv');
    expect(heatmap.name).toBe('heatmap.csv');
    expect(heatmap.bytes.subarray(0, 3)).toEqual(BOM);
    const rows = lines(heatmap.bytes).map((line) => line.split(','));
    expect(rows).toHaveLength(categories.length + 1);
    expect(rows[0]).toEqual(['类别 category', ...departments.map((department) => department.name)]);
    expect(rows[0]).toHaveLength(41);
    expect(rows.slice(1)).toEqual(categories.map((category, i) => [category.name, ...counts[i].map(String)]));
  });

  it('saves one Excel workbook of nodes, edges and heatmap, fetching SheetJS only then', async () => {
    expect(scripts.filter((script) => /\/xlsx-[^/]*\.js$/u.test(script))).toEqual([]);
    const workbook = await exported('Excel (.xlsx)');
    expect(workbook.name).toBe('departments.xlsx');
    expect(scripts.filter((script) => /\/xlsx-[^/]*\.js$/u.test(script))).toHaveLength(1);

    const book = read(workbook.bytes);
    expect(book.SheetNames).toEqual(['nodes', 'edges', 'heatmap']);
    const sheet = (name: string) => utils.sheet_to_json<(string | number)[]>(book.Sheets[name], { header: 1 });
    const nodes = sheet('nodes');
    expect(nodes[0]).toEqual(lines(Buffer.concat([BOM, Buffer.from(slice.departmentGraph.nodesCsv)]))[0].split(','));
    expect(nodes).toHaveLength(41);
    // Numbers stay numbers: a department's degree and betweenness as the API gives them.
    const [first] = slice.departmentGraph.nodes;
    expect(nodes[1].slice(0, 2)).toEqual([first.department.id, first.department.name]);
    expect([nodes[1][4], nodes[1][6]]).toEqual([first.degree, first.betweenness]);
    const edges = sheet('edges');
    expect(edges[0]).toEqual(['source', 'target', 'sourceLabel', 'targetLabel', 'weight']);
    expect(edges).toHaveLength(slice.departmentGraph.edges.length + 1);
    const heatmap = sheet('heatmap');
    expect(heatmap).toHaveLength(slice.categoryDepartmentMatrix.categories.length + 1);
    expect(heatmap[0]).toHaveLength(41);
    expect(heatmap[1]).toEqual([
      slice.categoryDepartmentMatrix.categories[0].name,
      ...slice.categoryDepartmentMatrix.counts[0],
    ]);
    expect(pageErrors).toEqual([]);
  });
});
