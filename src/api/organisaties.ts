import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { filtertijdstip } from './datums.js';
import { asc, eq } from 'drizzle-orm';
import * as s from '../db/schema.js';
import { zoekAudit } from '../db/repos/audit.js';
import { actorVan } from './auth.js';
import type { ApiContext } from './context.js';

export const organisatiesApi: FastifyPluginAsync<ApiContext> = async (app, { db }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/organisaties', { config: { toegang: { ingelogd: true } }, schema: { tags: ['organisaties'], summary: 'Organisaties in de eigen regio' } }, async (req) => {
    const actor = actorVan(req);
    return db
      .select({ id: s.organisaties.id, naam: s.organisaties.naam, soort: s.organisaties.soort, gemeenteCode: s.organisaties.gemeenteCode })
      .from(s.organisaties)
      .where(eq(s.organisaties.regioId, actor.regioId))
      .orderBy(asc(s.organisaties.soort), asc(s.organisaties.naam));
  });

  r.get(
    '/api/audit',
    {
      config: { toegang: { soorten: ['centrumgemeente'], rollen: ['beheerder'] } },
      schema: {
        tags: ['audit'],
        summary: 'Auditlog van de regio (alleen beheerders van de centrumgemeente)',
        querystring: z.object({
          entiteitId: z.string().max(100).optional(),
          organisatieId: z.uuid().optional(),
          van: filtertijdstip.optional(),
          tot: filtertijdstip.optional(),
          limiet: z.coerce.number().int().min(1).max(1000).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => zoekAudit(db, actorVan(req).regioId, req.query),
  );
};
