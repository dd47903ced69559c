import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GRONDSLAG_SOORTEN, REIKWIJDTEN, WETTELIJKE_GRONDSLAG_CODES, WETTELIJKE_GRONDSLAGEN, REIKWIJDTE_LABEL } from '../domain/grondslagen.js';
import { legGrondslagVast, lijstGrondslagen, trekGrondslagIn } from '../db/repos/grondslagen.js';
import { actorVan, audit } from './auth.js';
import type { ApiContext } from './context.js';
import { nietGevonden } from './fouten.js';
import { gebeurtenisdatum, plandatum } from './datums.js';

/** Care roles of the organisations that may see the client; a corporatie never sees or records a basis. */
const ZORG = { soorten: ['centrumgemeente', 'regiogemeente', 'aanbieder'] as ('centrumgemeente' | 'regiogemeente' | 'aanbieder')[], rollen: ['medewerker_toegang', 'consulent'] as ('medewerker_toegang' | 'consulent')[] };
const clientParams = z.object({ id: z.uuid('geen geldig id') });

export const nieuweGrondslagSchema = z.object({
  reikwijdte: z.enum(REIKWIJDTEN, 'Reikwijdte is onbekend'),
  soort: z.enum(GRONDSLAG_SOORTEN, 'Grondslag moet toestemming of wettelijk zijn'),
  wettelijkeGrondslag: z.enum(WETTELIJKE_GRONDSLAG_CODES, 'Wettelijke grondslag is onbekend').nullish(),
  referentie: z.string().trim().max(200, 'Referentie is te lang (hoogstens 200 tekens)').nullish(),
  ingangsdatum: gebeurtenisdatum,
  einddatum: plandatum.nullish(),
});

export const grondslagenApi: FastifyPluginAsync<ApiContext> = async (app, { db, vandaag }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/grondslagen/keuzes', { config: { toegang: { soorten: ZORG.soorten }, doel: 'toegang_beoordeling' }, schema: { tags: ['grondslagen'], summary: 'Reikwijdten en wettelijke grondslagen om uit te kiezen' } }, async () => ({
    reikwijdten: REIKWIJDTEN.map((code) => ({ code, label: REIKWIJDTE_LABEL[code] })),
    wettelijkeGrondslagen: WETTELIJKE_GRONDSLAG_CODES.map((code) => ({ code, label: WETTELIJKE_GRONDSLAGEN[code] })),
  }));

  r.get(
    '/api/clienten/:id/grondslagen',
    {
      config: { toegang: ZORG, doel: 'toegang_beoordeling', clientgegevens: 'client' },
      schema: { tags: ['grondslagen'], summary: 'Grondslagen en toestemmingen van een cliënt, met de status op vandaag', params: clientParams },
    },
    async (req) => {
      const resultaat = await lijstGrondslagen(db, actorVan(req), req.params.id, vandaag());
      if (!resultaat) throw nietGevonden('Cliënt');
      await audit(db, req, 'lezen', 'client', req.params.id, { onderdeel: 'grondslagen' });
      return resultaat;
    },
  );

  r.post(
    '/api/clienten/:id/grondslagen',
    {
      config: { toegang: ZORG, doel: 'toegang_beoordeling', clientgegevens: 'client' },
      schema: { tags: ['grondslagen'], summary: 'Toestemming of wettelijke grondslag vastleggen', params: clientParams, body: nieuweGrondslagSchema },
    },
    async (req, reply) => {
      const rij = await db.transaction(async (tx) => {
        const g = await legGrondslagVast(tx, actorVan(req), req.params.id, req.body, vandaag());
        if (g) await audit(tx, req, 'wijzigen', 'client', req.params.id, { grondslag: g.id, actie: 'vastleggen', reikwijdte: g.reikwijdte, soort: g.soort });
        return g;
      });
      if (!rij) throw nietGevonden('Cliënt');
      return reply.code(201).send(rij);
    },
  );

  r.post(
    '/api/clienten/:id/grondslagen/:grondslagId/intrekken',
    {
      config: { toegang: ZORG, doel: 'toegang_beoordeling', clientgegevens: 'client' },
      schema: {
        tags: ['grondslagen'],
        summary: 'Toestemming of grondslag intrekken (gedateerd; de geschiedenis blijft)',
        params: z.object({ id: z.uuid('geen geldig id'), grondslagId: z.uuid('geen geldig id') }),
        body: z.object({
          datum: gebeurtenisdatum.nullish(),
          reden: z.string('Reden ontbreekt').trim().min(3, 'Reden is te kort').max(500, 'Reden is te lang (hoogstens 500 tekens)'),
        }),
      },
    },
    async (req) => {
      const rij = await db.transaction(async (tx) => {
        const g = await trekGrondslagIn(tx, actorVan(req), req.params.id, req.params.grondslagId, req.body, vandaag());
        if (g) await audit(tx, req, 'wijzigen', 'client', req.params.id, { grondslag: g.id, actie: 'intrekken', datum: g.ingetrokkenOp });
        return g;
      });
      if (!rij) throw nietGevonden('Grondslag');
      return rij;
    },
  );
};
