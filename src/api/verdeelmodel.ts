import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ingroeipad,
  objectieveVerdeling,
  vergelijkGewichten,
  budgetPerGemeente,
  historischPerGemeente,
  type Indicator,
} from '../domain/verdeelmodel/index.js';
import {
  haalGewichtenset,
  importeerIndicatoren,
  lijstGemeenten,
  lijstGewichtensets,
  maakGewichtenset,
  naamBezet,
  standaardSet,
  verwijderGewichtenset,
  wijzigGewichtenset,
} from '../db/repos/verdeelmodel.js';
import { actorVan, audit } from './auth.js';
import type { ApiContext } from './context.js';
import { conflict, nietGevonden } from './fouten.js';
import { REGELS } from '../domain/toegang.js';

/** Budget allocation between gemeenten is their business: gemeenten read, only the centrumgemeente's beheerder changes it. */
const LEZEN = { toegang: { soorten: ['centrumgemeente' as const, 'regiogemeente' as const] }, doel: 'monitor_beleid' as const };
const BEHEER = { toegang: REGELS.verdeelmodelBeheren, doel: 'monitor_beleid' as const };

const indicatorSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]*$/, 'indicatorcode: alleen a-z, 0-9 en _, beginnend met een letter').max(60),
  naam: z.string().trim().min(1, 'naam is leeg').max(120),
  gewicht: z.number().finite().min(0, 'gewicht mag niet negatief zijn').max(1e6),
});
const setSchema = z.object({
  naam: z.string().trim().min(2, 'naam is te kort').max(100),
  indicatoren: z
    .array(indicatorSchema)
    .min(1, 'minstens één indicator')
    .max(40)
    .refine((l) => new Set(l.map((i) => i.code)).size === l.length, 'elke indicatorcode mag één keer voorkomen')
    .refine((l) => l.some((i) => i.gewicht > 0), 'minstens één indicator moet een positief gewicht hebben'),
});
const idParams = z.object({ id: z.uuid('geen geldig id') });
const setId = z.uuid('geen geldig id van een gewichtenset');
/**
 * The distribution is exact for every total up to Number.MAX_SAFE_INTEGER cents (the budgets are returned as JSON
 * numbers, which are exact only up to there), so that is the bound, said in Dutch with the field's form label.
 */
const MAX_TOTAAL_CENTEN = Number.MAX_SAFE_INTEGER;
const totaalCenten = z.coerce
  .number('Totaalbudget: vul een geheel aantal centen in')
  .int('Totaalbudget: vul een geheel aantal centen in')
  .min(0, 'Totaalbudget mag niet negatief zijn')
  .max(MAX_TOTAAL_CENTEN, 'Totaalbudget mag hoogstens 9.007.199.254.740.991 cent (€ 90.071.992.547.409,91) zijn')
  .optional();
const jaren = z.coerce
  .number('Ingroeijaren: vul een heel getal in')
  .int('Ingroeijaren: vul een heel getal in')
  .min(1, 'Ingroeijaren moet minstens 1 zijn')
  .max(30, 'Ingroeijaren mag hoogstens 30 zijn')
  .default(5);
const maxWijzigingPerJaar = z.coerce
  .number('Maximale wijziging per jaar: vul een fractie in, bijvoorbeeld 0.05 voor 5 %')
  .min(0, 'Maximale wijziging per jaar mag niet negatief zijn')
  .max(1, 'Maximale wijziging per jaar mag hoogstens 1 (100 %) zijn; geef een fractie, bijvoorbeeld 0.05 voor 5 %')
  .default(0.05);

/** "inwoners:0.2,lage_inkomens:0.3": ad-hoc weights for a what-if without storing a set. */
const gewichtenTekst = z
  .string()
  .max(2000)
  .regex(/^[a-z][a-z0-9_]*:\d+(\.\d+)?(,[a-z][a-z0-9_]*:\d+(\.\d+)?)*$/, 'gewichten als code:gewicht,code:gewicht (bv. inwoners:0.2,lage_inkomens:0.3)')
  .transform((t) => t.split(',').map((deel) => ({ code: deel.split(':')[0]!, gewicht: Number(deel.split(':')[1]) })));

export const verdeelmodelApi: FastifyPluginAsync<ApiContext> = async (app, { db }) => {
  // scoped to this plugin: the import accepts a raw CSV body
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: 2 * 1024 * 1024 }, (_req, body, klaar) => klaar(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function invoer(regioId: string) {
    const gemeenten = await lijstGemeenten(db, regioId);
    if (gemeenten.length === 0) throw nietGevonden('Indicatorgegevens voor het verdeelmodel (importeer eerst een CSV)');
    return gemeenten;
  }
  async function setOfStandaard(regioId: string, id?: string) {
    if (!id) return standaardSet(db, regioId);
    const set = await haalGewichtenset(db, regioId, id);
    if (!set) throw nietGevonden('Gewichtenset');
    return set;
  }
  const som = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  r.get('/api/verdeelmodel/gemeenten', { config: LEZEN, schema: { tags: ['verdeelmodel'], summary: 'Indicatoren en historisch budget per gemeente' } }, async (req) => {
    const gemeenten = await lijstGemeenten(db, actorVan(req).regioId);
    const bron = gemeenten[0]?.bron ?? null;
    return {
      bron,
      synthetisch: bron ? /synthetisch/i.test(bron) : false,
      indicatorCodes: [...new Set(gemeenten.flatMap((g) => Object.keys(g.waarden)))],
      totaalHistorischCenten: som(gemeenten.map((g) => g.historischBudget)),
      gemeenten,
    };
  });

  r.post(
    '/api/verdeelmodel/import',
    {
      config: BEHEER,
      schema: {
        tags: ['verdeelmodel'],
        summary: 'Indicatoren-CSV importeren (vervangt alle gemeenten van de regio; alles of niets)',
        description: 'Body: text/csv, of JSON {"csv": "..."}. Fouten komen terug met regelnummer; bij een fout verandert er niets.',
        body: z.union([z.string().min(1, 'leeg bestand'), z.object({ csv: z.string().min(1, 'leeg bestand'), bron: z.string().max(200).optional() })]),
      },
    },
    async (req) => {
      const actor = actorVan(req);
      const csv = typeof req.body === 'string' ? req.body : req.body.csv;
      const bron = (typeof req.body === 'string' ? undefined : req.body.bron) ?? `CSV-import door ${actor.organisatieId}`;
      const resultaat = await importeerIndicatoren(db, actor.regioId, csv, bron);
      await audit(db, req, 'importeren', 'verdeelmodel_gemeenten', null, resultaat);
      return resultaat;
    },
  );

  r.get('/api/verdeelmodel/gewichtensets', { config: LEZEN, schema: { tags: ['verdeelmodel'], summary: 'Gewichtensets van de regio' } }, async (req) =>
    lijstGewichtensets(db, actorVan(req).regioId),
  );

  r.post('/api/verdeelmodel/gewichtensets', { config: BEHEER, schema: { tags: ['verdeelmodel'], summary: 'Nieuwe gewichtenset', body: setSchema } }, async (req, reply) => {
    const actor = actorVan(req);
    const set = await db.transaction(async (tx) => {
      if (await naamBezet(tx, actor.regioId, req.body.naam)) throw conflict(`Er bestaat al een gewichtenset '${req.body.naam}'`);
      const nieuw = await maakGewichtenset(tx, actor.regioId, req.body);
      await audit(tx, req, 'aanmaken', 'verdeelmodel_gewichtenset', nieuw.id, req.body);
      return nieuw;
    });
    return reply.code(201).send(set);
  });

  r.put('/api/verdeelmodel/gewichtensets/:id', { config: BEHEER, schema: { tags: ['verdeelmodel'], summary: 'Gewichtenset wijzigen', params: idParams, body: setSchema } }, async (req) => {
    const actor = actorVan(req);
    return db.transaction(async (tx) => {
      if (await naamBezet(tx, actor.regioId, req.body.naam, req.params.id)) throw conflict(`Er bestaat al een gewichtenset '${req.body.naam}'`);
      const set = await wijzigGewichtenset(tx, actor.regioId, req.params.id, req.body);
      if (!set) throw nietGevonden('Gewichtenset');
      await audit(tx, req, 'wijzigen', 'verdeelmodel_gewichtenset', set.id, req.body);
      return set;
    });
  });

  r.delete('/api/verdeelmodel/gewichtensets/:id', { config: BEHEER, schema: { tags: ['verdeelmodel'], summary: 'Gewichtenset verwijderen', params: idParams } }, async (req, reply) => {
    const actor = actorVan(req);
    await db.transaction(async (tx) => {
      if (!(await verwijderGewichtenset(tx, actor.regioId, req.params.id))) throw nietGevonden('Gewichtenset');
      await audit(tx, req, 'wijzigen', 'verdeelmodel_gewichtenset', req.params.id, { verwijderd: true });
    });
    return reply.code(204).send();
  });

  r.get(
    '/api/verdeelmodel/verdeling',
    {
      config: LEZEN,
      schema: {
        tags: ['verdeelmodel'],
        summary: 'Objectieve verdeling van een totaalbudget (centen; standaard het historische totaal)',
        querystring: z.object({ setId: setId.optional(), totaalCenten }),
      },
    },
    async (req) => {
      const actor = actorVan(req);
      const gemeenten = await invoer(actor.regioId);
      const set = await setOfStandaard(actor.regioId, req.query.setId);
      const totaal = req.query.totaalCenten ?? som(gemeenten.map((g) => g.historischBudget));
      const regels = objectieveVerdeling(gemeenten, set.indicatoren, totaal);
      return {
        set,
        totaalCenten: totaal,
        regels: regels.map((x, i) => ({ ...x, historischCenten: gemeenten[i]!.historischBudget, verschilCenten: x.budgetCenten - gemeenten[i]!.historischBudget })),
      };
    },
  );

  r.get(
    '/api/verdeelmodel/ingroeipad',
    {
      config: LEZEN,
      schema: {
        tags: ['verdeelmodel'],
        summary: 'Ingroeipad van historisch naar objectief budget',
        querystring: z.object({ setId: setId.optional(), totaalCenten, jaren, maxWijzigingPerJaar }),
      },
    },
    async (req) => {
      const actor = actorVan(req);
      const gemeenten = await invoer(actor.regioId);
      const set = await setOfStandaard(actor.regioId, req.query.setId);
      const totaal = req.query.totaalCenten ?? som(gemeenten.map((g) => g.historischBudget));
      const naam = new Map(gemeenten.map((g) => [g.gemeenteCode, g.naam]));
      const pad = ingroeipad({
        historisch: historischPerGemeente(gemeenten),
        objectief: budgetPerGemeente(objectieveVerdeling(gemeenten, set.indicatoren, totaal)),
        jaren: req.query.jaren,
        maxWijzigingPerJaar: req.query.maxWijzigingPerJaar,
        totaal,
        namen: Object.fromEntries(naam),
      });
      return { set, totaalCenten: totaal, ...pad, gemeenten: pad.gemeenten.map((g) => ({ ...g, naam: naam.get(g.gemeenteCode) })) };
    },
  );

  r.get(
    '/api/verdeelmodel/vergelijk',
    {
      config: LEZEN,
      schema: {
        tags: ['verdeelmodel'],
        summary: 'What-if: dezelfde verdeling met twee gewichtensets (setB, of ad-hoc gewichtenB)',
        querystring: z
          .object({ setA: setId.optional(), setB: setId.optional(), gewichtenB: gewichtenTekst.optional(), totaalCenten })
          .refine((q) => Boolean(q.setB) !== Boolean(q.gewichtenB), 'geef precies één van setB of gewichtenB'),
      },
    },
    async (req) => {
      const actor = actorVan(req);
      const gemeenten = await invoer(actor.regioId);
      const a = await setOfStandaard(actor.regioId, req.query.setA);
      let b: { id: string; naam: string; indicatoren: Indicator[] };
      if (req.query.setB) b = await setOfStandaard(actor.regioId, req.query.setB);
      else {
        const naamVan = new Map(a.indicatoren.map((i) => [i.code, i.naam]));
        b = { id: '', naam: 'Ad-hoc gewichten', indicatoren: req.query.gewichtenB!.map((g) => ({ ...g, naam: naamVan.get(g.code) ?? g.code })) };
      }
      const totaal = req.query.totaalCenten ?? som(gemeenten.map((g) => g.historischBudget));
      return { setA: a, setB: b, totaalCenten: totaal, ...vergelijkGewichten(gemeenten, a.indicatoren, b.indicatoren, totaal) };
    },
  );
};
