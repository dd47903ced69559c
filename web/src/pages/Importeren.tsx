import { useState, type FormEvent, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { Button, ButtonGroup, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { api, ApiFout } from '../api';
import { useWijziging } from '../hooks';
import { getal } from '../format';
import { alsBase64 } from '../bestand';
import { importFoutTekst, type CsvRegelFout, type ImportResultaat as ToegangResultaat } from '../../../src/domain/csv';
import type { IwmoFout, IwmoResultaat } from '../../../src/domain/iwmo';
import { Pagina } from '../ui/Pagina';
import { Veld } from '../ui/Veld';
import { Fout, Gelukt } from '../ui/Status';

type Soort = 'csv' | 'xlsx' | 'iwmo';
type ImportRegelFout = CsvRegelFout & { bestand?: string; blad?: string };

/** What one upload did: a summary, or a refusal with the server's list of bad lines, cells or elements. */
type Afloop = { gelukt: ReactNode; details?: string[] } | { fout: string; regels: string[] };
/** The last import's afloop, shown under the form that sent it. */
type Uitslag = Afloop & { soort: Soort };

const gekozen = (f: FormData, naam: string) => f.getAll(naam).filter((b): b is File => b instanceof File && b.size > 0);

/** The server names every bad line, cell or element; the message keeps only its first sentence, the list the rest. */
function foutUit(soort: Soort, err: unknown): Afloop {
  const melding = (err as Error).message.split('\n')[0]!;
  const d = err instanceof ApiFout ? (err.details as unknown[] | { fouten?: unknown[] } | null) : null;
  const lijst = Array.isArray(d) ? d : Array.isArray(d?.fouten) ? d.fouten : [];
  const regels =
    soort === 'iwmo'
      ? (lijst as IwmoFout[]).filter((f) => typeof f.pad === 'string').map((f) => `${f.bestand}, element ${f.pad}: ${f.melding}`)
      : (lijst as ImportRegelFout[]).filter((f) => typeof f.regel === 'number').map(importFoutTekst);
  return { fout: melding, regels };
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
  const deel = { uitslag, zetUitslag };

  const verwerkCsv = async (f: FormData): Promise<Afloop> => {
    const [clienten] = gekozen(f, 'clienten');
    const [gebeurtenissen] = gekozen(f, 'gebeurtenissen');
    if (!clienten && !gebeurtenissen) return { fout: 'Kies clienten.csv, gebeurtenissen.csv of allebei.', regels: [] };
    const r = await csv.mutateAsync({ clienten: await clienten?.text(), gebeurtenissen: await gebeurtenissen?.text() });
    return { gelukt: toegangSamenvatting(r) };
  };

  const verwerkXlsx = async (f: FormData): Promise<Afloop> => {
    const [werkboek] = gekozen(f, 'werkboek');
    if (!werkboek) return { fout: 'Kies een Excel-werkboek (.xlsx).', regels: [] };
    const r = await xlsx.mutateAsync({ xlsx: await alsBase64(werkboek) });
    return { gelukt: `${werkboek.name}: ${toegangSamenvatting(r)}` };
  };

  const verwerkIwmo = async (f: FormData): Promise<Afloop> => {
    const bestanden = gekozen(f, 'berichten');
    if (!bestanden.length) return { fout: 'Kies een of meer iWmo-berichten (.xml).', regels: [] };
    const berichten = await Promise.all(bestanden.map(async (b) => ({ naam: b.name, xml: await b.text() })));
    const r = await iwmo.mutateAsync({ berichten });
    const verwerkt = r.berichten - r.berichtenAlVerwerkt;
    return {
      gelukt:
        `iWmo-import geslaagd: ${getal(verwerkt)} ${verwerkt === 1 ? 'bericht' : 'berichten'} verwerkt (${getal(r.berichtenAlVerwerkt)} al eerder), ${getal(r.clientenNieuw)} nieuwe cliënten, ` +
        `${getal(r.toewijzingen)} toewijzingen, ${getal(r.gebeurtenissenNieuw)} gebeurtenissen (${getal(r.gebeurtenissenAlAanwezig)} al aanwezig).`,
      details: r.overgeslagen.map((o) => `Overgeslagen: ${o.bestand}, element ${o.pad}: ${o.reden}`),
    };
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

      <ImportDeel soort="csv" kop="CSV-export van de toegang" knop="CSV importeren" bezig={csv.isPending} verwerk={verwerkCsv} {...deel}>
        <Veld label="clienten.csv" naam="clienten" beschrijving="Kolommen: extern_id; naam; bsn; geboortedatum; herkomstgemeente; huidige_gemeente; doelgroep; aanbieder">
          {(p) => <input {...p} type="file" accept=".csv,text/csv" className="utrecht-textbox bestand" />}
        </Veld>
        <Veld label="gebeurtenissen.csv" naam="gebeurtenissen" beschrijving="Kolommen: extern_id; soort; datum; niveau; bestemming; urgentie; toelichting; woonsituatie (optioneel, alleen bij een aanmelding)">
          {(p) => <input {...p} type="file" accept=".csv,text/csv" className="utrecht-textbox bestand" />}
        </Veld>
      </ImportDeel>

      <ImportDeel soort="xlsx" kop="Excel-werkboek" knop="Excel importeren" bezig={xlsx.isPending} verwerk={verwerkXlsx} {...deel}>
        <Veld
          label="Excel-werkboek (.xlsx)"
          naam="werkboek"
          beschrijving="Met een blad clienten en/of een blad gebeurtenissen, met dezelfde kolommen als de CSV-bestanden. Fouten noemen blad, rij en kolom."
        >
          {(p) => <input {...p} type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="utrecht-textbox bestand" />}
        </Veld>
      </ImportDeel>

      <ImportDeel soort="iwmo" kop="iWmo-berichten" knop="iWmo-berichten importeren" bezig={iwmo.isPending} verwerk={verwerkIwmo} {...deel}>
        <Veld
          label="iWmo-berichten (.xml)"
          naam="berichten"
          beschrijving="Een of meer berichten uit het Wmo-systeem: WMO301 (toewijzing), WMO305 (start zorg), WMO307 (stop zorg). Fouten noemen het bestand en het element."
        >
          {(p) => <input {...p} type="file" multiple accept=".xml,application/xml,text/xml" className="utrecht-textbox bestand" />}
        </Veld>
      </ImportDeel>
    </Pagina>
  );
}

/**
 * One upload: a section with its file fields and button, and under it what the last upload of this kind did (one
 * result on the page at a time). `verwerk` reads the chosen files and sends them; a refusal it throws is the server's.
 */
function ImportDeel({
  soort,
  kop,
  knop,
  bezig,
  verwerk,
  uitslag,
  zetUitslag,
  children,
}: {
  soort: Soort;
  kop: string;
  knop: string;
  bezig: boolean;
  verwerk: (f: FormData) => Promise<Afloop>;
  uitslag: Uitslag | null;
  zetUitslag: (u: Uitslag | null) => void;
  children: ReactNode;
}) {
  const verstuur = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    zetUitslag(null);
    try {
      zetUitslag({ soort, ...(await verwerk(f)) });
    } catch (err) {
      zetUitslag({ soort, ...foutUit(soort, err) });
    }
  };
  return (
    <section aria-labelledby={`import-${soort}`} className="import-deel">
      <Heading2 id={`import-${soort}`}>{kop}</Heading2>
      <form className="formulier" onSubmit={(e) => void verstuur(e)} noValidate>
        {children}
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit" busy={bezig} disabled={bezig}>
            {knop}
          </Button>
        </ButtonGroup>
      </form>
      {uitslag?.soort === soort && <ImportUitslag uitslag={uitslag} />}
    </section>
  );
}

function ImportUitslag({ uitslag }: { uitslag: Uitslag }) {
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
}
