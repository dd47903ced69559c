import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { afsprakenVanJaar, aantalGemeenten, huidigeVersie, lijstRondes, lijstVersies, nieuweVersie, waaromNietVoorClient, watAls } from '../db/repos/beleid.js';
import { BELEID_TERMEN, GEWICHT_LABEL, MAX_PLAATSINGSWAARDE, STANDAARD_BELEID, TERM_LABEL, valideerBeleid, type BeleidVeldFout } from '../domain/matching/beleid.js';
import { UITSLUIT_LABEL } from '../domain/matching/waarom-niet.js';
import { actorVan, audit } from './auth.js';
import type { ApiContext } from './context.js';
import { nietGevonden } from './fouten.js';

const idParams = z.object({ id: z.uuid('geen geldig id') });

/** Only the beheerder of the centrumgemeente sets the region's prioritisation (ADR 0037). */
const BEHEER = { toegang: { soorten: ['centrumgemeente' as const], rollen: ['beheerder' as const] }, doel: 'plaatsing_matching' as const };

// The shape only; the domain checks every value (valideerBeleid), so all faults come back at once, each naming
// its field as the form labels it.
const beleidBody = z.object({
  gewichten: z.record(z.string(), z.unknown()).optional().describe(`gehele gewichten: ${Object.keys(GEWICHT_LABEL).join(', ')}`),
  volgorde: z.unknown().optional().describe(`termen in volgorde van voorrang (${BELEID_TERMEN.join(', ')}); leeg = gewogen`),
  toelichting: z.unknown().optional().describe('waarom het beleid verandert (10–2000 tekens)'),
});

function weigerInvoer(reply: FastifyReply, fouten: BeleidVeldFout[]) {
  return reply.code(400).send({ fout: `Ongeldige invoer: ${fouten.map((f) => f.melding).join('; ')}`, details: fouten });
}

const paginering = z.object({
  limiet: z.coerce.number({ message: 'Limiet moet een getal zijn' }).int('Limiet moet een geheel getal zijn').min(1).max(100).default(20),
  offset: z.coerce.number({ message: 'Offset moet een getal zijn' }).int('Offset moet een geheel getal zijn').min(0).max(1_000_000).default(0),
});

export const beleidApi: FastifyPluginAsync<ApiContext> = async (app, { db, vandaag }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/beleid',
    { config: BEHEER, schema: { tags: ['beleid'], summary: 'Huidig prioriteringsbeleid van de regio, de versiegeschiedenis (nieuwste eerst) en de laatste rondes', querystring: paginering } },
    async (req) => {
      const actor = actorVan(req);
      const [huidig, geschiedenis, rondes, gemeenten] = [await huidigeVersie(db, actor.regioId), await lijstVersies(db, actor.regioId, req.query), await lijstRondes(db, actor.regioId), await aantalGemeenten(db, actor.regioId)];
      return {
        huidig,
        standaard: STANDAARD_BELEID,
        geschiedenis,
        rondes,
        termen: BELEID_TERMEN.map((t) => ({ term: t, label: TERM_LABEL[t] })),
        gewichtLabels: GEWICHT_LABEL,
        grens: MAX_PLAATSINGSWAARDE,
        gemeenten,
      };
    },
  );

  r.post(
    '/api/beleid/versies',
    { config: BEHEER, schema: { tags: ['beleid'], summary: 'Nieuwe versie van het prioriteringsbeleid (gewichten, volgorde, toelichting); een versie verandert daarna nooit', body: beleidBody } },
    async (req, reply) => {
      const actor = actorVan(req);
      const check = valideerBeleid(req.body, await aantalGemeenten(db, actor.regioId));
      if (!check.ok) return weigerInvoer(reply, check.fouten);
      const versie = await db.transaction((tx) => nieuweVersie(tx, actor, check.waarde));
      req.auditGeschreven = true;
      return reply.code(201).send(versie);
    },
  );

  r.get(
    '/api/beleid/afspraken',
    { config: BEHEER, schema: { tags: ['beleid'], summary: 'Reserveringsafspraken van dit jaar (voor de wat-als-vergelijking)' } },
    async (req) => afsprakenVanJaar(db, actorVan(req).regioId, Number(vandaag().slice(0, 4))),
  );

  r.post(
    '/api/beleid/wat-als',
    {
      config: { ...BEHEER, clientgegevens: 'matching_wat_als' },
      schema: {
        tags: ['beleid'],
        summary: 'Eén ronde twee keer doorrekenen (niets opgeslagen): huidig beleid tegen een ander beleid en/of andere aantallen in de reserveringsafspraken',
        body: z.object({
          versieA: z.uuid('Versie A: geen geldige beleidsversie').nullish(),
          beleidB: beleidBody.nullish(),
          aantallenB: z
            .array(
              z.object({
                gemeenteId: z.uuid('Gemeente: geen geldige gemeente'),
                corporatieId: z.uuid('Corporatie: geen geldige corporatie'),
                aantal: z.number({ message: 'Aantal moet een getal zijn' }).int('Aantal moet een geheel getal zijn').min(0, 'Aantal mag niet negatief zijn').max(100_000, 'Aantal is te groot (max. 100.000)'),
              }),
            )
            .max(1000)
            .nullish(),
        }),
      },
    },
    async (req, reply) => {
      const actor = actorVan(req);
      let beleidB = null;
      if (req.body.beleidB) {
        const check = valideerBeleid(req.body.beleidB, await aantalGemeenten(db, actor.regioId), { toelichtingNodig: false });
        if (!check.ok) return weigerInvoer(reply, check.fouten.map((f) => ({ ...f, pad: `beleidB.${f.pad}` })));
        beleidB = { gewichten: check.waarde.gewichten, volgorde: check.waarde.volgorde };
      }
      const uit = await watAls(db, actor, vandaag(), { versieA: req.body.versieA, beleidB, aantallenB: req.body.aantallenB });
      const { pseudoniemen, ...antwoord } = uit;
      // nothing is stored; the computation read the candidates, so it is a read like a dry run
      await audit(db, req, 'lezen', 'matching_wat_als', null, { geplaatstA: uit.a.geplaatst, geplaatstB: uit.b.geplaatst, pseudoniemen });
      return antwoord;
    },
  );

  r.get(
    '/api/clienten/:id/waarom-niet',
    {
      config: { toegang: { soorten: ['centrumgemeente', 'regiogemeente', 'aanbieder'] }, doel: 'plaatsing_matching', clientgegevens: 'client' },
      schema: { tags: ['beleid'], summary: 'Waarom niet gematcht? Per woningklasse (type × gemeente) de regel die de cliënt uitsluit, uit dezelfde berekening als een ronde', params: idParams },
    },
    async (req) => {
      const uit = await waaromNietVoorClient(db, actorVan(req), req.params.id, vandaag());
      if (!uit) throw nietGevonden('Cliënt');
      await audit(db, req, 'lezen', 'client', req.params.id, { onderdeel: 'waarom_niet', pseudoniemen: [uit.pseudoniem] });
      return { ...uit, labels: UITSLUIT_LABEL };
    },
  );
};
