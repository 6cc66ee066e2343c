/**
 * Prometheus metrics are served on a port of their own, never on the API's, and behind a bearer
 * token when METRICS_TOKEN is set.
 */
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config';
import { useHub } from '../support/hub';

const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

describe('metrics on their own port', () => {
  const hub = useHub();

  it('are not on the API port', async () => {
    const response = await fetch(hub.url.replace(/graphql$/u, 'metrics'));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('dutyhub_');
  });

  it('are served on the metrics port in Prometheus text, counting the API’s requests', async () => {
    expect(new URL(hub.metricsUrl).port).not.toBe(new URL(hub.url).port);
    await hub.query('query Counted { towns { name } }');
    const response = await fetch(hub.metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(PROMETHEUS_TEXT);
    const text = await response.text();
    expect(text).toMatch(/^dutyhub_graphql_requests_total\{operation="Counted",outcome="ok"\} 1$/mu);
    expect(text).toMatch(/^dutyhub_process_resident_memory_bytes \d+$/mu);
  });

  it('serve nothing else there: 404 on other paths, 405 to other methods', async () => {
    const other = await fetch(hub.metricsUrl.replace(/metrics$/u, 'graphql'));
    expect(other.status).toBe(404);
    const posted = await fetch(hub.metricsUrl, { method: 'POST', body: '{}' });
    expect([posted.status, posted.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });
});

describe('metrics behind METRICS_TOKEN', () => {
  const hub = useHub({ metrics: { port: 0, token: 'scrape-secret' } });
  const scrape = (authorization?: string) => fetch(hub.metricsUrl, { headers: authorization ? { authorization } : {} });

  it('answers 401 without the token, with another, or with another scheme', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong-secret',
      'Bearer scrape-secret-and-more',
      'Basic c2NyYXBlLXNlY3JldA==',
    ]) {
      const response = await scrape(authorization);
      expect([authorization, response.status, response.headers.get('www-authenticate')]).toEqual([
        authorization,
        401,
        'Bearer realm="dutyhub metrics"',
      ]);
      expect(await response.text()).not.toContain('dutyhub_');
    }
  });

  it('serves the metrics to a scrape with the token', async () => {
    const response = await scrape('Bearer scrape-secret');
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^dutyhub_sql_statements_total \d+$/mu);
  });
});

describe('configuration', () => {
  it('serves metrics on 9464 unless METRICS_PORT says another port, or 0 for none', () => {
    expect(loadConfig({}).metrics).toEqual({ port: 9464, token: undefined });
    expect(loadConfig({ METRICS_PORT: '9100', METRICS_TOKEN: 'secret' }).metrics).toEqual({
      port: 9100,
      token: 'secret',
    });
    expect(loadConfig({ METRICS_PORT: '0' }).metrics).toBeUndefined();
    expect(() => loadConfig({ METRICS_PORT: '0', METRICS_TOKEN: 'secret' })).toThrow(
      'METRICS_TOKEN is set but METRICS_PORT=0 serves no metrics',
    );
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow('METRICS_PORT must be a port number, got "70000"');
  });
});
