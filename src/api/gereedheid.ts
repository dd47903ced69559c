import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'drizzle-orm';
import type { ApiContext } from './context.js';
import { MIGRATIE_MAP } from '../paden.js';

/** The newest migration this server's code knows (drizzle stores its `when` as created_at). */
const laatsteMigratie = (): { tag: string; when: number } => {
  const journaal = JSON.parse(readFileSync(join(MIGRATIE_MAP, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  return journaal.entries.reduce((a, b) => (b.when > a.when ? b : a));
};

/**
 * For a load balancer or orchestrator, without login and without any data in the answer:
 * - `/api/health` (liveness): the process answers; no database, so a slow database does not get the process killed;
 * - `/api/ready` (readiness): the database answers and has every migration this server knows; 503 otherwise, and
 *   also while the server drains on SIGTERM (Fastify answers 503 once close() has begun).
 */
export const gereedheidApi: FastifyPluginAsync<ApiContext> = async (app, { db }) => {
  const verwacht = laatsteMigratie();
  const publiek = { config: { toegang: { publiek: true }, doel: 'beheer' as const }, schema: { hide: true } };

  app.get('/api/health', publiek, async () => ({ ok: true }));

  app.get('/api/ready', publiek, async (req, reply) => {
    try {
      const rijen = await db.execute(sql`SELECT max(created_at)::text AS laatste FROM drizzle.__drizzle_migrations`);
      const laatste = Number((rijen as unknown as { rows: { laatste: string | null }[] }).rows[0]?.laatste ?? 0);
      if (laatste < verwacht.when) return reply.code(503).send({ ok: false, fout: `Database niet bijgewerkt: migratie ${verwacht.tag} ontbreekt` });
      return { ok: true };
    } catch (err) {
      req.log.warn({ err }, 'gereedheid: database niet bereikbaar');
      return reply.code(503).send({ ok: false, fout: 'Database niet bereikbaar' });
    }
  });
};
