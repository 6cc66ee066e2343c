/**
 * Answers compressed as the client accepts (src/http/compression.ts): GraphQL answers of 1 KiB or
 * more and the pages' files, brotli or gzip, each saying `Vary: Accept-Encoding`; small answers
 * and clients that accept no encoding get the bytes as they are.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { loadConfig } from '../../src/config';
import { installWeb } from '../../src/http/web';
import { useHub } from '../support/hub';

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The bytes as sent, before any decoding. */
  body: Buffer;
}

/** One request with exactly these headers (fetch adds its own Accept-Encoding and decodes). */
function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(url, { method: init.method ?? 'GET', headers: init.headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }),
      );
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

function decoded(answer: RawAnswer): string {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(answer.body).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(answer.body).toString('utf8');
  if (encoding === undefined) return answer.body.toString('utf8');
  throw new Error(`unexpected Content-Encoding ${encoding}`);
}

describe('GraphQL answers', () => {
  const hub = useHub();
  // 100 items' numbers, names and categories: about 15 KB of JSON.
  const LARGE = '{ items(first: 100) { nodes { number name category { name } } } }';
  const SMALL = '{ towns { name } }';
  const post = (query: string, acceptEncoding?: string) =>
    request(hub.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }),
      },
      body: JSON.stringify({ query }),
    });

  it('compresses a large answer with brotli when the client takes brotli and gzip, the same JSON decoded', async () => {
    const plain = await post(LARGE);
    const compressed = await post(LARGE, 'gzip, deflate, br');
    expect([plain.status, compressed.status]).toEqual([200, 200]);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(10_000);
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.headers.vary).toBe('Accept-Encoding');
    expect(compressed.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(decoded(compressed)).toBe(plain.body.toString('utf8'));
    expect(
      (JSON.parse(decoded(compressed)) as { data: { items: { nodes: unknown[] } } }).data.items.nodes,
    ).toHaveLength(100);
    // Chinese text in UTF-8, three bytes a character: about a third.
    expect(compressed.body.length).toBeLessThan(plain.body.length / 2);
  });

  it('compresses with gzip for a client that takes only gzip', async () => {
    const plain = await post(LARGE);
    const compressed = await post(LARGE, 'gzip');
    expect(compressed.headers['content-encoding']).toBe('gzip');
    expect(compressed.headers.vary).toBe('Accept-Encoding');
    expect(decoded(compressed)).toBe(plain.body.toString('utf8'));
  });

  it('sends an answer under 1 KiB as it is, and says it varies by Accept-Encoding', async () => {
    const small = await post(SMALL, 'gzip, deflate, br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toBe('Accept-Encoding');
    expect(small.body.toString('utf8')).toBe('{"data":{"towns":[{"name":"托里镇"}]}}\n');
    expect(small.headers['content-length']).toBe(String(small.body.length));
  });

  it('sends a large answer as it is to a client that accepts no encoding', async () => {
    const identity = await post(LARGE, 'identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers.vary).toBe('Accept-Encoding');
    expect(identity.body.toString('utf8')).toBe((await post(LARGE)).body.toString('utf8'));
  });
});

describe('HTTP_COMPRESSION=false', () => {
  const plainHub = useHub({ compression: false });

  it('sends every answer as it is, for a proxy in front that compresses', async () => {
    expect([loadConfig({}).compression, loadConfig({ HTTP_COMPRESSION: 'false' }).compression]).toEqual([true, false]);
    const answer = await request(plainHub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip, deflate, br' },
      body: JSON.stringify({ query: '{ items(first: 100) { nodes { number name category { name } } } }' }),
    });
    expect([answer.status, answer.headers['content-encoding'], answer.headers.vary]).toEqual([
      200,
      undefined,
      undefined,
    ]);
    expect(answer.headers['content-length']).toBe(String(answer.body.length));
    expect(
      (JSON.parse(answer.body.toString('utf8')) as { data: { items: { nodes: unknown[] } } }).data.items.nodes,
    ).toHaveLength(100);
  });
});

describe('pages and their assets', () => {
  let root: string;
  let server: http.Server;
  let base: string;
  // A built page's script: text that compresses, as a bundle does.
  const script = Array.from({ length: 4000 }, (_, i) => `export const name${i} = "value ${i % 97}";`).join('\n');
  const page = `<!doctype html><html><head><script type="module" src="/explorer/assets/graphiql.js"></script></head><body>${'<div class="graphiql-container"></div>'.repeat(60)}</body></html>`;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'dutyhub-web-'));
    for (const folder of ['assets', 'graphiql', 'explorer']) mkdirSync(path.join(root, folder));
    writeFileSync(path.join(root, 'assets', 'graphiql.js'), script);
    writeFileSync(path.join(root, 'assets', 'tiny.js'), 'export const tiny = 1;\n');
    writeFileSync(path.join(root, 'graphiql', 'index.html'), page);
    writeFileSync(path.join(root, 'explorer', 'index.html'), page);
    const app = express();
    installWeb(app, { webRoot: root });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it('sends a script asset in brotli, gzip or as it is, as the browser accepts', async () => {
    const asset = `${base}/explorer/assets/graphiql.js`;
    const br = await request(asset, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    const gzip = await request(asset, { headers: { 'accept-encoding': 'gzip' } });
    const plain = await request(asset, {});
    expect([
      br.headers['content-encoding'],
      gzip.headers['content-encoding'],
      plain.headers['content-encoding'],
    ]).toEqual(['br', 'gzip', undefined]);
    for (const answer of [br, gzip, plain]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.vary).toBe('Accept-Encoding');
      expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(decoded(answer)).toBe(script);
    }
    expect(plain.headers['content-length']).toBe(String(Buffer.byteLength(script)));
    expect(br.body.length).toBeLessThan(Buffer.byteLength(script) / 5);
  });

  it("compresses GraphiQL's page and the explorer's for a browser", async () => {
    for (const url of [`${base}/graphql`, `${base}/explorer`]) {
      const answer = await request(url, { headers: { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' } });
      expect([url, answer.status, answer.headers['content-encoding'], answer.headers.vary]).toEqual([
        url,
        200,
        'br',
        'Accept-Encoding',
      ]);
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(decoded(answer)).toBe(page);
    }
  });

  it('sends an asset under 1 KiB as it is', async () => {
    const tiny = await request(`${base}/explorer/assets/tiny.js`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.headers.vary).toBe('Accept-Encoding');
    expect(tiny.body.toString('utf8')).toBe('export const tiny = 1;\n');
  });
});
