import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { corrigeerEvent } from '../db/repos/correcties.js';
import { inzageVan } from '../db/repos/inzage.js';
import { actorVan, audit } from './auth.js';
import type { ApiContext } from './context.js';
import { nietGevonden } from './fouten.js';
import { nieuwEventSchema } from './trajecten.js';

/**
 * The data subject's rights (AVG art. 15 inzage, art. 16 rectificatie), exercised through the care workers who
 * may see the client. A corporatie has no dossier and so no route here (403).
 */
const ZORG = { soorten: ['centrumgemeente', 'regiogemeente', 'aanbieder'] as ('centrumgemeente' | 'regiogemeente' | 'aanbieder')[], rollen: ['medewerker_toegang', 'consulent'] as ('medewerker_toegang' | 'consulent')[] };

export const betrokkeneApi: FastifyPluginAsync<ApiContext> = async (app, { db, versleuteling, vandaag }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/clienten/:id/inzage',
    {
      config: { toegang: ZORG, doel: 'toegang_beoordeling', clientgegevens: 'client' },
      schema: { tags: ['rechten betrokkene'], summary: 'Alles wat over één cliënt is vastgelegd (AVG art. 15), als JSON', params: z.object({ id: z.uuid('geen geldig id') }) },
    },
    async (req, reply) => {
      const inzage = await inzageVan(db, actorVan(req), req.params.id, versleuteling, vandaag());
      if (!inzage) throw nietGevonden('Cliënt');
      await audit(db, req, 'exporteren', 'client', req.params.id, { onderdeel: 'inzage' });
      reply.header('content-disposition', `attachment; filename="inzage-${inzage.dossier.pseudoniem}.json"`);
      return inzage;
    },
  );

  r.post(
    '/api/clienten/:id/events/:eventId/correctie',
    {
      config: { toegang: ZORG, doel: 'toegang_beoordeling', clientgegevens: 'client' },
      schema: {
        tags: ['rechten betrokkene'],
        summary: 'Een ten onrechte geregistreerde gebeurtenis corrigeren (met vervanging) of ongedaan maken (AVG art. 16)',
        params: z.object({ id: z.uuid('geen geldig id'), eventId: z.coerce.number('geen geldig gebeurtenisnummer').int('geen geldig gebeurtenisnummer').positive('geen geldig gebeurtenisnummer').max(Number.MAX_SAFE_INTEGER) }),
        body: z.object({
          reden: z.string('Reden ontbreekt').trim().min(5, 'Reden is te kort (minstens 5 tekens)').max(1000, 'Reden is te lang (hoogstens 1000 tekens)'),
          vervanging: nieuwEventSchema.nullish(),
        }),
      },
    },
    async (req, reply) => {
      const resultaat = await corrigeerEvent(db, actorVan(req), req.params.id, req.params.eventId, req.body, vandaag());
      if (!resultaat) throw nietGevonden('Cliënt');
      return reply.code(201).send(resultaat);
    },
  );
};
