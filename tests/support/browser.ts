import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumPath } from './components';
import { useForBlock } from './lifecycle';

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Chromium (the one tests/support/components.ts finds: Playwright never downloads a
 * browser here) with a fresh profile (--user-data-dir) of its own, 1280×800.
 */
export async function launchBrowser(): Promise<Browser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'dutyhub-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Chromium (launchBrowser) for the calling describe block or file: launched before its tests, closed after them. */
export function useBrowser(): Browser {
  return useForBlock('the browser', launchBrowser, (browser) => browser.close());
}

/** A new page whose uncaught errors and console errors go to `errors`, which a test holds empty. */
export async function watchedPage(browser: Browser, errors: string[]): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return page;
}
