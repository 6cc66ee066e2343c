/// <reference lib="dom" />
/**
 * GET /graphql: a browser gets the self-hosted GraphiQL (bundled by Vite, nothing from a CDN); every other
 * GET (`?query=`, no text/html) still reaches Apollo. And src/http/web.ts without a build: 503, not a crash.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { installWeb } from '../../src/http/web';
import { useBrowser } from '../support/browser';
import { describeWith } from '../support/components';
import { useHub } from '../support/hub';
import { ensureWebBuilt } from '../support/web-build';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('GET /graphql', () => {
  const hub = useHub();
  beforeAll(ensureWebBuilt, 300_000);

  it('serves the GraphiQL page to a browser, and its JavaScript loads', async () => {
    const response = await fetch(hub.url, { headers: { accept: BROWSER_ACCEPT } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/u);
    const html = await response.text();
    expect(html).toContain('<title>dutyhub · GraphiQL</title>');
    expect(html).toContain('id="graphiql"');
    // No CDN: the page's scripts and styles come from the hub itself.
    const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/gu)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(asset).toMatch(/^\/explorer\/assets\//u);
    const script = assets.find((asset) => asset.endsWith('.js'));
    const js = await fetch(new URL(script ?? '', hub.url));
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/u);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await js.text()).length).toBeGreaterThan(100_000);
  });

  it('answers GET ?query= with JSON, from a browser-like client too', async () => {
    for (const accept of ['application/json', BROWSER_ACCEPT]) {
      const response = await fetch(`${hub.url}?query=${encodeURIComponent('{towns{name}}')}`, {
        headers: { 'apollo-require-preflight': 'true', accept },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/u);
      await expect(response.json()).resolves.toEqual({ data: { towns: [{ name: '托里镇' }] } });
    }
  });

  it('leaves a GET without a query and without text/html to Apollo (no landing page)', async () => {
    const response = await fetch(hub.url, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).not.toMatch(/html/u);
  });

  describeWith('Chromium', 'in Chromium', () => {
    const browser = useBrowser();

    it('runs a query from the GraphiQL page in Chromium, loading nothing from elsewhere', async () => {
      const page = await browser.context.newPage();
      const origin = new URL(hub.url).origin;
      const requests: string[] = [];
      const failures: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('response', (response) => {
        if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
      });
      page.on('pageerror', (error) => failures.push(error.message));
      await page.goto(hub.url);
      await page.waitForSelector('.graphiql-container .CodeMirror');
      await page.click('.graphiql-execute-button');
      await page.waitForFunction(() =>
        document.querySelector('.result-window')?.textContent?.includes('托里县应急管理局'),
      );
      const result = await page.textContent('.result-window');
      expect(result).toContain('"totalCount": 6');
      expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
      expect(failures).toEqual([]);
      await page.close();
    });
  });
});

describe('without a web build', () => {
  let base: string;
  let close: () => Promise<void>;
  let emptyRoot: string;

  beforeAll(async () => {
    emptyRoot = await mkdtemp(path.join(tmpdir(), 'dutyhub-no-web-'));
    const app = express();
    installWeb(app, { webRoot: emptyRoot });
    app.use('/graphql', (_request, response) => {
      response.json({ reached: 'apollo' });
    });
    const server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://localhost:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });

  afterAll(async () => {
    await close?.();
    await rm(emptyRoot, { recursive: true, force: true });
  });

  it('answers /explorer and a browser GET /graphql with 503 and what to run', async () => {
    for (const url of [`${base}/explorer`, `${base}/explorer/`, `${base}/graphql`]) {
      const response = await fetch(url, { headers: { accept: BROWSER_ACCEPT } });
      expect(response.status).toBe(503);
      await expect(response.text()).resolves.toContain('npm run build:web');
    }
  });

  it('still passes API requests on /graphql through', async () => {
    const response = await fetch(`${base}/graphql?query={towns{name}}`, { headers: { accept: BROWSER_ACCEPT } });
    await expect(response.json()).resolves.toEqual({ reached: 'apollo' });
  });
});
