import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HUURCONSTRUCTIE_SOORTEN } from '../domain/woningen.js';
import { VOORSTEL_STATUSSEN } from '../domain/matching/workflow.js';
import { draaiMatching, legRondeVast, toelichtingVoorProef } from '../db/repos/matching.js';
import { lijstVoorstellen, magBerekeningZien, zetStap } from '../db/repos/voorstellen.js';
import { actorVan, audit } from './auth.js';
import type { ApiContext } from './context.js';
import { gebeurtenisdatum, plandatum } from './datums.js';
import { NIET_GEPLAATST_LABEL } from '../domain/matching/toelichting.js';
import { REGELS } from '../domain/toegang.js';

const idParams = z.object({ id: z.uuid('geen geldig id') });

export const matchingApi: FastifyPluginAsync<ApiContext> = async (app, { db, vandaag }) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const rondeToegang = { toegang: REGELS.matchingronde, doel: 'plaatsing_matching' as const, clientgegevens: 'matchingronde' };

  r.post(
    '/api/matching/rondes',
    {
      config: rondeToegang,
      schema: {
        tags: ['matching'],
        summary: 'Matchingronde voor de regio: optimale voorstellen met uitleg; proefdraai slaat niets op',
        body: z.object({ proefdraai: z.boolean().default(true) }),
      },
    },
    async (req) => {
      const actor = actorVan(req);
      if (req.body.proefdraai) {
        const ctx = await draaiMatching(db, actor.regioId, vandaag());
        const { resultaat, pseudoniemen, woningAdres } = ctx;
        const berekening = magBerekeningZien(actor);
        // nothing is stored, but the answer lists clients: a read like any other
        await audit(db, req, 'lezen', 'matching_proefdraai', null, {
          voorstellen: resultaat.voorstellen.length,
          pseudoniemen: [...resultaat.voorstellen.map((v) => v.kandidaatId), ...resultaat.nietGeplaatst.map((n) => n.kandidaatId)]
            .map((id) => pseudoniemen.get(id))
            .filter((p): p is string => !!p),
        });
        const { kandidaten, woningen, bruikbareWoningen, geplaatst } = resultaat.statistiek;
        return {
          rondeId: null,
          samenvatting: { kandidaten, woningen, bruikbareWoningen, geplaatst },
          // the solver's figures only for beheerders; everyone reads the plain explanation
          statistiek: berekening ? resultaat.statistiek : null,
          objectief: berekening ? resultaat.objectief : null,
          voorstellen: resultaat.voorstellen.map((v) => ({
            kandidaatId: v.kandidaatId,
            woningId: v.woningId,
            pseudoniem: pseudoniemen.get(v.kandidaatId),
            adres: woningAdres.get(v.woningId),
            toelichting: toelichtingVoorProef(ctx, v),
            berekening: berekening ? { score: v.score, tekst: v.uitleg.tekst, redenen: v.uitleg.redenen, bindendeRegels: v.uitleg.bindendeRegels } : null,
          })),
          nietGeplaatst: resultaat.nietGeplaatst.map((n) => ({
            kandidaatId: n.kandidaatId,
            pseudoniem: pseudoniemen.get(n.kandidaatId),
            reden: n.reden,
            toelichting: NIET_GEPLAATST_LABEL[n.reden],
            berekening: berekening ? n.uitleg : null,
          })),
        };
      }
      const { rondeId, resultaat } = await legRondeVast(db, actor, vandaag());
      const { kandidaten, woningen, bruikbareWoningen, geplaatst } = resultaat.statistiek;
      return {
        rondeId,
        samenvatting: { kandidaten, woningen, bruikbareWoningen, geplaatst },
        statistiek: magBerekeningZien(actor) ? resultaat.statistiek : null,
        objectief: magBerekeningZien(actor) ? resultaat.objectief : null,
        aantal: resultaat.voorstellen.length,
      };
    },
  );

  r.get(
    '/api/matching/voorstellen',
    {
      config: { toegang: { ingelogd: true }, doel: 'plaatsing_matching', clientgegevens: 'matchvoorstellen' },
      schema: { tags: ['matching'], summary: 'Voorstellen binnen het eigen zicht (corporatie: eigen woningen, gepseudonimiseerd)', querystring: z.object({ status: z.enum(VOORSTEL_STATUSSEN).optional() }) },
    },
    async (req) => {
      const voorstellen = await lijstVoorstellen(db, actorVan(req), req.query, vandaag());
      await audit(db, req, 'lezen', 'matchvoorstellen', null, { filters: req.query, pseudoniemen: voorstellen.map((v) => v.pseudoniem) });
      return voorstellen;
    },
  );

  r.post(
    '/api/matching/voorstellen/:id/stap',
    {
      config: { toegang: { rollen: ['beheerder', 'medewerker_toegang', 'consulent'] }, doel: 'plaatsing_matching', clientgegevens: 'matchvoorstel' },
      schema: {
        tags: ['matching'],
        summary: 'Akkoord, afwijzing (met reden; volgende kandidaat wordt voorgesteld) of sleuteloverdracht (maakt de plaatsing)',
        params: idParams,
        body: z.discriminatedUnion('actie', [
          z.object({ actie: z.literal('akkoord') }),
          z.object({ actie: z.literal('afwijzing'), reden: z.string().trim().min(3, 'geef een reden').max(1000) }),
          z.object({
            actie: z.literal('sleuteloverdracht'),
            plaatsing: z.object({
              huurconstructie: z.enum(HUURCONSTRUCTIE_SOORTEN),
              startdatum: gebeurtenisdatum,
              einddatum: plandatum.nullish(),
              omklapdatum: plandatum.nullish(),
              aanbiederId: z.uuid().nullish(),
              voorwaarden: z.record(z.string(), z.string().max(2000)).nullish(),
              contactpersoon: z.string().trim().max(200).nullish(),
              contactTelefoon: z.string().trim().max(40).nullish(),
            }),
          }),
        ]),
      },
    },
    // zetStap writes its audit row in its own transaction
    async (req) => zetStap(db, actorVan(req), req.params.id, req.body, vandaag()),
  );
};
