/**
 * What a client may hold of the hub's HTTP server: a client too slow with its headers or its body
 * is cut with 408, an idle kept-alive connection is closed, and connections beyond the cap are
 * closed as they open while the hub serves those it holds. Raw sockets, so that the test, not a
 * client library, decides what is sent and when.
 */
import net from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_HTTP_LIMITS, loadConfig } from '../../src/config';
import { eventually } from '../support/eventually';
import { useHub } from '../support/hub';

interface RawConnection {
  socket: net.Socket;
  /** All the hub has sent so far. */
  received(): string;
  /** Settles once the connection is closed, by either side. */
  closed: Promise<void>;
  isClosed(): boolean;
}

async function connect(url: string): Promise<RawConnection> {
  const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
  let received = '';
  let isClosed = false;
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('utf8');
  });
  // A connection the hub drops may be reset rather than ended.
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      isClosed = true;
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => received, closed, isClosed: () => isClosed };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `text` a character at a time, `everyMs` apart, until all is sent or the hub closes the connection; the characters sent. */
async function trickle(connection: RawConnection, text: string, everyMs = 20): Promise<number> {
  let sent = 0;
  while (!connection.isClosed() && sent < text.length) {
    connection.socket.write(text[sent]);
    sent += 1;
    await pause(everyMs);
  }
  return sent;
}

/** Resolves to whether the connection was closed within `ms`. */
async function closedWithin(connection: RawConnection, ms: number): Promise<boolean> {
  return Promise.race([connection.closed.then(() => true), pause(ms).then(() => false)]);
}

const TOWNS = JSON.stringify({ query: '{ towns { name } }' });
/** A GraphQL POST as a client sends it, kept alive unless `close`. */
function townsRequest(options: { close?: boolean } = {}): string {
  return [
    'POST /graphql HTTP/1.1',
    'Host: localhost',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(TOWNS)}`,
    ...(options.close ? ['Connection: close'] : []),
    '',
    TOWNS,
  ].join('\r\n');
}

describe('slow and idle clients', () => {
  const hub = useHub({
    http: { headersTimeoutMs: 500, requestTimeoutMs: 1_500, keepAliveTimeoutMs: 200, maxConnections: 0 },
  });

  it('cuts a client sending its headers a byte at a time with 408, and serves the others meanwhile', async () => {
    const slow = await connect(hub.url);
    // 20 s of headers at this pace: the hub cuts them after 0.5 s.
    const headers = `POST /graphql HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(1_000)}`;
    const sending = trickle(slow, headers);
    const others = await Promise.all([hub.query('{ towns { name } }'), hub.query('{ categories { name } }')]);
    expect(others.map((answer) => answer.status)).toEqual([200, 200]);
    expect(await sending).toBeLessThan(headers.length);
    await slow.closed;
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/u);
  });

  it('cuts a client sending its body a byte at a time with 408', async () => {
    const slow = await connect(hub.url);
    const body = JSON.stringify({ query: `{ towns { name } }${' '.repeat(1_000)}` });
    slow.socket.write(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    expect(await trickle(slow, body)).toBeLessThan(body.length);
    await slow.closed;
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/u);
  });

  it('closes a kept-alive connection left idle after its answer', async () => {
    const idle = await connect(hub.url);
    idle.socket.write(townsRequest());
    await eventually(
      async () => idle.received(),
      (received) => received.includes('托里镇'),
    );
    expect(idle.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/u);
    // Configured 0.2 s; Node's own 5 s would leave it open.
    expect(await closedWithin(idle, 3_000)).toBe(true);
  });
});

describe('a cap on connections', () => {
  const hub = useHub({ http: { ...DEFAULT_HTTP_LIMITS, maxConnections: 3 } });

  it('closes connections beyond the cap as they open, and serves the ones it holds', async () => {
    const held = await Promise.all([connect(hub.url), connect(hub.url), connect(hub.url)]);
    const beyond = await connect(hub.url);
    beyond.socket.write(townsRequest({ close: true }));
    await beyond.closed;
    expect(beyond.received()).toBe('');

    held[0].socket.write(townsRequest({ close: true }));
    await held[0].closed;
    expect(held[0].received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/u);
    expect(held[0].received()).toContain('"name":"托里镇"');
    const metrics = await (await fetch(hub.metricsUrl)).text();
    expect(metrics).toMatch(/^dutyhub_http_connections_dropped_total 1$/mu);

    // Once the held ones are gone, new connections are served again.
    for (const connection of held) connection.socket.destroy();
    const answered = await eventually(
      async () => {
        const next = await connect(hub.url);
        next.socket.write(townsRequest({ close: true }));
        await next.closed;
        return next.received();
      },
      (received) => received.startsWith('HTTP/1.1 200 OK'),
    );
    expect(answered).toContain('"name":"托里镇"');
  });
});

describe('configuration', () => {
  it('reads the timeouts and the cap, with production defaults, and refuses headers slower than requests', () => {
    expect(loadConfig({}).http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: 1_000,
    });
    expect(
      loadConfig({
        HTTP_HEADERS_TIMEOUT_MS: '2000',
        HTTP_REQUEST_TIMEOUT_MS: '0',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000',
        HTTP_MAX_CONNECTIONS: '0',
      }).http,
    ).toEqual({ headersTimeoutMs: 2_000, requestTimeoutMs: 0, keepAliveTimeoutMs: 65_000, maxConnections: 0 });
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).toThrow(
      'HTTP_HEADERS_TIMEOUT_MS (40000) must not exceed HTTP_REQUEST_TIMEOUT_MS (30000)',
    );
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '0' })).toThrow('HTTP_HEADERS_TIMEOUT_MS must be at least 1');
    expect(() => loadConfig({ HTTP_MAX_CONNECTIONS: 'many' })).toThrow(
      'HTTP_MAX_CONNECTIONS must be a whole number, got "many"',
    );
  });
});
