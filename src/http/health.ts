import type { MikroORM } from '@mikro-orm/postgresql';
import type express from 'express';

/**
 * `/healthz`: the process is alive (no database needed: a restart would not help a database outage).
 * `/readyz`: the database answers and every migration is applied; a load balancer sends traffic
 * only to ready replicas.
 */
export function installHealth(app: express.Express, orm: MikroORM): void {
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/readyz', async (_request, response) => {
    try {
      await orm.em.getKnex().raw('/* readiness */ select 1');
      const pending = await orm.getMigrator().getPendingMigrations();
      if (pending.length > 0) {
        response.status(503).json({ status: 'migrations pending', pending: pending.map((m) => m.name) });
        return;
      }
      response.json({ status: 'ready' });
    } catch {
      response.status(503).json({ status: 'database unreachable' });
    }
  });
}
