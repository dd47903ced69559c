import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BEWAAR_SOORTEN, BEWAARREGELS } from '../domain/bewaartermijnen.js';
import { termijnenVan, zetTermijn } from '../db/repos/bewaartermijnen.js';
import { actorVan } from './auth.js';
import type { ApiContext } from './context.js';

/** Retention terms of the own regio: gemeenten read them, the centrumgemeente's beheerder sets them. */
export const bewaartermijnenApi: FastifyPluginAsync<ApiContext> = async (app, { db }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/bewaartermijnen',
    { config: { toegang: { soorten: ['centrumgemeente', 'regiogemeente'] }, doel: 'beheer' }, schema: { tags: ['bewaartermijnen'], summary: 'Bewaartermijnen van de eigen regio, met standaard en bron' } },
    async (req) => {
      const termijnen = await termijnenVan(db, actorVan(req).regioId);
      return BEWAAR_SOORTEN.map((soort) => ({ ...BEWAARREGELS[soort], ...termijnen[soort] }));
    },
  );

  r.put(
    '/api/bewaartermijnen/:soort',
    {
      config: { toegang: { soorten: ['centrumgemeente'], rollen: ['beheerder'] }, doel: 'beheer' },
      schema: {
        tags: ['bewaartermijnen'],
        summary: 'Eigen bewaartermijn van de regio voor één soort gegevens (niet korter dan het minimum)',
        params: z.object({ soort: z.enum(BEWAAR_SOORTEN, 'onbekende soort gegevens') }),
        body: z.object({
          maanden: z.number('Termijn (maanden) moet een getal zijn').int('Termijn (maanden) moet een heel getal zijn').min(0, 'Termijn (maanden) mag niet negatief zijn'),
          toelichting: z.string('Toelichting ontbreekt').trim().min(5, 'Toelichting is te kort: noem het besluit of advies').max(1000, 'Toelichting is te lang'),
        }),
      },
    },
    async (req) => db.transaction((tx) => zetTermijn(tx, actorVan(req), req.params.soort, req.body.maanden, req.body.toelichting)),
  );
};
