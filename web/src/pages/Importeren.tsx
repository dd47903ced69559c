import { useState, type FormEvent, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { Button, ButtonGroup, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { api, ApiFout } from '../api';
import { useWijziging } from '../hooks';
import { getal } from '../format';
import { alsBase64 } from '../bestand';
import { importFoutTekst, type CsvRegelFout } from '../../../src/domain/csv';
import { Pagina } from '../ui/Pagina';
import { Veld } from '../ui/Veld';
import { Fout, Gelukt } from '../ui/Status';

interface ToegangResultaat {
  clientenNieuw: number;
  clientenBestaand: number;
  gebeurtenissenNieuw: number;
  gebeurtenissenAlAanwezig: number;
}

interface IwmoResultaat {
  berichten: number;
  berichtenAlVerwerkt: number;
  clientenNieuw: number;
  toewijzingen: number;
  gebeurtenissenNieuw: number;
  gebeurtenissenAlAanwezig: number;
  overgeslagen: { bestand: string; pad: string; reden: string }[];
}

type Soort = 'csv' | 'xlsx' | 'iwmo';
type ImportRegelFout = CsvRegelFout & { bestand?: string; blad?: string };
type IwmoFout = { bestand: string; pad: string; melding: string };

/** What the last import did: one summary or one refusal, shown under the form that sent it. */
type Uitslag = { soort: Soort; gelukt: ReactNode; details?: string[] } | { soort: Soort; fout: string; regels: string[] };

const gekozen = (f: FormData, naam: string) => f.getAll(naam).filter((b): b is File => b instanceof File && b.size > 0);

/** The server names every bad line, cell or element; the message keeps only its first sentence, the list the rest. */
function foutUit(soort: Soort, err: unknown): Uitslag {
  const melding = (err as Error).message.split('\n')[0]!;
  const d = err instanceof ApiFout ? (err.details as unknown[] | { fouten?: unknown[] } | null) : null;
  const lijst = Array.isArray(d) ? d : Array.isArray(d?.fouten) ? d.fouten : [];
  const regels =
    soort === 'iwmo'
      ? (lijst as IwmoFout[]).filter((f) => typeof f.pad === 'string').map((f) => `${f.bestand}, element ${f.pad}: ${f.melding}`)
      : (lijst as ImportRegelFout[]).filter((f) => typeof f.regel === 'number').map(importFoutTekst);
  return { soort, fout: melding, regels };
}

const toegangSamenvatting = (r: ToegangResultaat) =>
  `Import geslaagd: ${getal(r.clientenNieuw)} nieuwe cliënten (${getal(r.clientenBestaand)} al bekend), ${getal(r.gebeurtenissenNieuw)} gebeurtenissen (${getal(r.gebeurtenissenAlAanwezig)} al aanwezig).`;

/**
 * Imports of the toegang and the Wmo system: the CSV export, the same tables as an Excel workbook, and iWmo messages
 * (WMO301 toewijzing, WMO305 start zorg, WMO307 stop zorg). The server applies each upload all or nothing and names
 * every bad line, cell or element; importing the same file again changes nothing.
 */
export function Importeren() {
  const [uitslag, zetUitslag] = useState<Uitslag | null>(null);
  const vernieuwt = ['/api/clienten', '/api/wachtlijsten'];
  const csv = useWijziging((body: { clienten?: string; gebeurtenissen?: string }) => api<ToegangResultaat>('/api/import', { method: 'POST', body }), vernieuwt);
  const xlsx = useWijziging((body: { xlsx: string }) => api<ToegangResultaat>('/api/import/xlsx', { method: 'POST', body }), vernieuwt);
  const iwmo = useWijziging((body: { berichten: { naam: string; xml: string }[] }) => api<IwmoResultaat>('/api/import/iwmo', { method: 'POST', body }), vernieuwt);

  const verstuurCsv = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    zetUitslag(null);
    const [clienten] = gekozen(f, 'clienten');
    const [gebeurtenissen] = gekozen(f, 'gebeurtenissen');
    if (!clienten && !gebeurtenissen) return zetUitslag({ soort: 'csv', fout: 'Kies clienten.csv, gebeurtenissen.csv of allebei.', regels: [] });
    try {
      const r = await csv.mutateAsync({ clienten: await clienten?.text(), gebeurtenissen: await gebeurtenissen?.text() });
      zetUitslag({ soort: 'csv', gelukt: toegangSamenvatting(r) });
    } catch (err) {
      zetUitslag(foutUit('csv', err));
    }
  };

  const verstuurXlsx = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    zetUitslag(null);
    const [werkboek] = gekozen(f, 'werkboek');
    if (!werkboek) return zetUitslag({ soort: 'xlsx', fout: 'Kies een Excel-werkboek (.xlsx).', regels: [] });
    try {
      const r = await xlsx.mutateAsync({ xlsx: await alsBase64(werkboek) });
      zetUitslag({ soort: 'xlsx', gelukt: `${werkboek.name}: ${toegangSamenvatting(r)}` });
    } catch (err) {
      zetUitslag(foutUit('xlsx', err));
    }
  };

  const verstuurIwmo = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    zetUitslag(null);
    const bestanden = gekozen(f, 'berichten');
    if (!bestanden.length) return zetUitslag({ soort: 'iwmo', fout: 'Kies een of meer iWmo-berichten (.xml).', regels: [] });
    try {
      const berichten = await Promise.all(bestanden.map(async (b) => ({ naam: b.name, xml: await b.text() })));
      const r = await iwmo.mutateAsync({ berichten });
      const verwerkt = r.berichten - r.berichtenAlVerwerkt;
      zetUitslag({
        soort: 'iwmo',
        gelukt:
          `iWmo-import geslaagd: ${getal(verwerkt)} ${verwerkt === 1 ? 'bericht' : 'berichten'} verwerkt (${getal(r.berichtenAlVerwerkt)} al eerder), ${getal(r.clientenNieuw)} nieuwe cliënten, ` +
          `${getal(r.toewijzingen)} toewijzingen, ${getal(r.gebeurtenissenNieuw)} gebeurtenissen (${getal(r.gebeurtenissenAlAanwezig)} al aanwezig).`,
        details: r.overgeslagen.map((o) => `Overgeslagen: ${o.bestand}, element ${o.pad}: ${o.reden}`),
      });
    } catch (err) {
      zetUitslag(foutUit('iwmo', err));
    }
  };

  const toon = (soort: Soort) => {
    if (uitslag?.soort !== soort) return null;
    if ('gelukt' in uitslag) {
      return (
        <div data-testid="importresultaat">
          <Gelukt>{uitslag.gelukt}</Gelukt>
          {!!uitslag.details?.length && (
            <UnorderedList>
              {uitslag.details.map((d) => (
                <UnorderedListItem key={d}>{d}</UnorderedListItem>
              ))}
            </UnorderedList>
          )}
        </div>
      );
    }
    return (
      <div data-testid="importfouten">
        <Fout>{uitslag.fout}</Fout>
        {uitslag.regels.length > 0 && (
          <UnorderedList aria-label="Fouten">
            {uitslag.regels.map((r, i) => (
              <UnorderedListItem key={i}>{r}</UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </div>
    );
  };

  return (
    <Pagina
      titel="Importeren"
      acties={
        <RouterLink className="utrecht-link" to="/clienten">
          ← Cliënten
        </RouterLink>
      }
    >
      <Paragraph>
        Elk bestand wordt helemaal of helemaal niet ingelezen: bij één fout wordt niets opgeslagen en staat onder het formulier elke foute regel, cel of
        element. Cliënten die al bekend zijn en gebeurtenissen of berichten die er al zijn worden overgeslagen, dus hetzelfde bestand twee keer importeren
        verandert niets.
      </Paragraph>

      <section aria-labelledby="import-csv" className="import-deel">
        <Heading2 id="import-csv">CSV-export van de toegang</Heading2>
        <form className="formulier" onSubmit={(e) => void verstuurCsv(e)} noValidate>
          <Veld label="clienten.csv" naam="clienten" beschrijving="Kolommen: extern_id; naam; bsn; geboortedatum; herkomstgemeente; huidige_gemeente; doelgroep; aanbieder">
            {(p) => <input {...p} type="file" accept=".csv,text/csv" className="utrecht-textbox bestand" />}
          </Veld>
          <Veld label="gebeurtenissen.csv" naam="gebeurtenissen" beschrijving="Kolommen: extern_id; soort; datum; niveau; bestemming; urgentie; toelichting; woonsituatie (optioneel, alleen bij een aanmelding)">
            {(p) => <input {...p} type="file" accept=".csv,text/csv" className="utrecht-textbox bestand" />}
          </Veld>
          <ButtonGroup>
            <Button appearance="primary-action-button" type="submit" busy={csv.isPending} disabled={csv.isPending}>
              CSV importeren
            </Button>
          </ButtonGroup>
        </form>
        {toon('csv')}
      </section>

      <section aria-labelledby="import-xlsx" className="import-deel">
        <Heading2 id="import-xlsx">Excel-werkboek</Heading2>
        <form className="formulier" onSubmit={(e) => void verstuurXlsx(e)} noValidate>
          <Veld
            label="Excel-werkboek (.xlsx)"
            naam="werkboek"
            beschrijving="Met een blad clienten en/of een blad gebeurtenissen, met dezelfde kolommen als de CSV-bestanden. Fouten noemen blad, rij en kolom."
          >
            {(p) => <input {...p} type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="utrecht-textbox bestand" />}
          </Veld>
          <ButtonGroup>
            <Button appearance="primary-action-button" type="submit" busy={xlsx.isPending} disabled={xlsx.isPending}>
              Excel importeren
            </Button>
          </ButtonGroup>
        </form>
        {toon('xlsx')}
      </section>

      <section aria-labelledby="import-iwmo" className="import-deel">
        <Heading2 id="import-iwmo">iWmo-berichten</Heading2>
        <form className="formulier" onSubmit={(e) => void verstuurIwmo(e)} noValidate>
          <Veld
            label="iWmo-berichten (.xml)"
            naam="berichten"
            beschrijving="Een of meer berichten uit het Wmo-systeem: WMO301 (toewijzing), WMO305 (start zorg), WMO307 (stop zorg). Fouten noemen het bestand en het element."
          >
            {(p) => <input {...p} type="file" multiple accept=".xml,application/xml,text/xml" className="utrecht-textbox bestand" />}
          </Veld>
          <ButtonGroup>
            <Button appearance="primary-action-button" type="submit" busy={iwmo.isPending} disabled={iwmo.isPending}>
              iWmo-berichten importeren
            </Button>
          </ButtonGroup>
        </form>
        {toon('iwmo')}
      </section>
    </Pagina>
  );
}
