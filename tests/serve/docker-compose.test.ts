/** docker-compose.yml cannot run here (no Docker engine); it must stay valid and wired as documented. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

const root = path.join(__dirname, '..', '..');
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'));
const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');

describe('docker-compose.yml', () => {
  it('runs PostgreSQL 17 with a health check and a volume', () => {
    const postgres = compose.services.postgres;
    expect(postgres.image).toBe('postgres:17');
    expect(postgres.healthcheck.test).toEqual(['CMD-SHELL', 'pg_isready -U dutyhub -d dutyhub']);
    expect(postgres.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(Object.keys(compose.volumes)).toEqual(['postgres-data']);
  });

  it('builds the hub from the Dockerfile and starts it once the database is healthy', () => {
    const hub = compose.services.hub;
    expect(hub.build).toBe('.');
    expect(hub.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    const { POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB } = compose.services.postgres.environment;
    expect(hub.environment.DATABASE_URL).toBe(
      `postgresql://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres:5432/${POSTGRES_DB}`,
    );
    expect(hub.ports).toEqual([`${hub.environment.PORT}:4000`]);
  });

  it('gives the hub a heap ceiling of three quarters of its memory limit, and keeps its metrics port unpublished', () => {
    const hub = compose.services.hub;
    expect(hub.mem_limit).toBe('1g');
    expect(hub.environment.NODE_OPTIONS).toBe(`--max-old-space-size=${0.75 * 1024}`);
    expect(hub.expose).toEqual([hub.environment.METRICS_PORT]);
    expect(hub.ports.some((port: string) => port.includes(hub.environment.METRICS_PORT))).toBe(false);
  });
});

describe('the router profile', () => {
  it('serves the committed supergraph, whose hub subgraph is the compose service', () => {
    const router = compose.services.router;
    expect(router.profiles).toEqual(['router']);
    expect(router.depends_on).toEqual({ hub: { condition: 'service_healthy' } });
    const mounts = router.volumes.map((volume: string) => volume.split(':')[0]);
    expect(mounts).toEqual(['./router/router.yaml', './schema/supergraph.graphql']);
    for (const mount of mounts) expect(existsSync(path.join(root, mount))).toBe(true);
    const supergraph = parse(readFileSync(path.join(root, 'supergraph.yaml'), 'utf8'));
    expect(supergraph.subgraphs.dutyhub.routing_url).toBe('http://hub:4000/graphql');
    const routerConfig = parse(readFileSync(path.join(root, 'router', 'router.yaml'), 'utf8'));
    expect(routerConfig.supergraph).toEqual({ listen: '0.0.0.0:4000', path: '/graphql', introspection: true });
  });
});

describe('Dockerfile', () => {
  it('builds in one stage and runs as a non-root user in another', () => {
    expect(dockerfile.match(/^FROM /gmu)).toHaveLength(2);
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim AS build$/mu);
    expect(dockerfile).toMatch(/^USER node$/mu);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/src\/main.js"\]$/mu);
  });

  it('sets the compose file’s heap ceiling as the image’s default', () => {
    expect(dockerfile).toMatch(new RegExp(`^ENV NODE_OPTIONS=${compose.services.hub.environment.NODE_OPTIONS}$`, 'mu'));
  });
});
