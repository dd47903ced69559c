import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importeerIwmo } from '../db/repos/iwmo.js';
import { importeerXlsx } from '../db/repos/import.js';
import { importeerIndicatorenXlsx } from '../db/repos/verdeelmodel.js';
import { REGELS } from '../domain/toegang.js';
import { XLSX_MIME } from '../domain/xlsx-export.js';
import { actorVan, audit } from './auth.js';
import type { ApiContext } from './context.js';
import { ongeldig } from './fouten.js';

/**
 * Imports beside the CSV import of the toegang (POST /api/import): iWmo messages (XML) and Excel workbooks (.xlsx)
 * of clients/events and of verdeelmodel indicators. Same access rules, audit and all-or-nothing as the CSV import.
 */
const IMPORT = { toegang: REGELS.importeren, doel: 'toegang_beoordeling' as const, clientgegevens: 'client' };
const VERDEELMODEL = { toegang: REGELS.verdeelmodelBeheren, doel: 'monitor_beleid' as const };

const MAX_BESTAND = 4_000_000;
const iwmoBody = z.union([
  z.string().min(1, 'leeg bericht').max(MAX_BESTAND),
  z.object({
    berichten: z
      .array(z.object({ naam: z.string().trim().min(1, 'naam van het bestand is leeg').max(200), xml: z.string().min(1, 'leeg bericht').max(MAX_BESTAND) }))
      .min(1, 'geef minstens één bericht')
      .max(1000, 'hoogstens 1000 berichten per import'),
  }),
]);
const xlsxJson = z.object({ xlsx: z.base64('xlsx moet het werkboek in base64 zijn').min(1, 'leeg bestand'), bron: z.string().max(200).optional() });

/** An .xlsx body: raw (content-type of Excel) or JSON `{ xlsx: base64 }`. */
function werkboek(req: FastifyRequest): { bytes: Uint8Array; bron?: string } {
  if (Buffer.isBuffer(req.body)) {
    if (req.body.length === 0) throw ongeldig('Leeg bestand: stuur een Excel-werkboek (.xlsx)');
    return { bytes: req.body };
  }
  const r = xlsxJson.safeParse(req.body);
  if (!r.success) throw ongeldig(`Stuur een Excel-werkboek (.xlsx) als body (${XLSX_MIME}) of JSON { "xlsx": "<base64>" }: ${r.error.issues[0]!.message}`);
  return { bytes: Buffer.from(r.data.xlsx, 'base64'), bron: r.data.bron };
}

export const importApi: FastifyPluginAsync<ApiContext> = async (app, { db, versleuteling }) => {
  // scoped to this plugin: raw XML and raw workbooks
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_req, body, klaar) => klaar(null, body));
  app.addContentTypeParser([XLSX_MIME, 'application/octet-stream'], { parseAs: 'buffer' }, (_req, body, klaar) => klaar(null, body));
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/import/iwmo',
    {
      config: IMPORT,
      schema: {
        tags: ['trajecten'],
        summary: 'iWmo-import: WMO301 (toewijzing), WMO305 (start zorg), WMO307 (stop zorg); alles of niets',
        description:
          'Body: één bericht als XML (`application/xml`), of JSON `{ "berichten": [{ "naam": "bestand.xml", "xml": "…" }] }` voor meerdere. ' +
          'Fouten (422) in `details.fouten` als `{ bestand, pad, melding }` met het element (pad) en de reden; er verandert dan niets. ' +
          'Hetzelfde bericht opnieuw importeren verandert niets.',
        body: iwmoBody,
      },
    },
    async (req) => {
      const bestanden = typeof req.body === 'string' ? [{ naam: 'bericht.xml', xml: req.body }] : req.body.berichten;
      return importeerIwmo(db, actorVan(req), versleuteling, bestanden);
    },
  );

  r.post(
    '/api/import/xlsx',
    {
      config: IMPORT,
      schema: {
        tags: ['trajecten'],
        summary: 'Excel-import van cliënten en gebeurtenissen (bladen clienten en gebeurtenissen, kolommen als de CSV-import); alles of niets',
        description: `Body: het werkboek (${XLSX_MIME}) of JSON { "xlsx": "<base64>" }. Fouten (422) noemen blad, rij en kolom.`,
      },
    },
    async (req) => importeerXlsx(db, actorVan(req), versleuteling, werkboek(req).bytes),
  );

  r.post(
    '/api/verdeelmodel/import/xlsx',
    {
      config: VERDEELMODEL,
      schema: {
        tags: ['verdeelmodel'],
        summary: 'Indicatoren als Excel-werkboek importeren (blad indicatoren of het eerste blad, kolommen als de CSV); vervangt alle gemeenten van de regio, alles of niets',
        description: `Body: het werkboek (${XLSX_MIME}) of JSON { "xlsx": "<base64>", "bron": "…" }. Fouten (422) noemen blad, rij en kolom.`,
      },
    },
    async (req) => {
      const actor = actorVan(req);
      const { bytes, bron } = werkboek(req);
      const resultaat = await importeerIndicatorenXlsx(db, actor.regioId, bytes, bron ?? `Excel-import door ${actor.organisatieId}`);
      await audit(db, req, 'importeren', 'verdeelmodel_gemeenten', null, { ...resultaat, formaat: 'xlsx' });
      return resultaat;
    },
  );
};
