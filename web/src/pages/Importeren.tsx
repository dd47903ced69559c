import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import { Button, ButtonGroup, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { api, ApiFout } from '../api';
import { useWijziging } from '../hooks';
import { getal } from '../format';
import { foutOpRegel, type CsvRegelFout } from '../../../src/domain/csv';
import { Pagina } from '../ui/Pagina';
import { Veld } from '../ui/Veld';
import { Fout, Gelukt } from '../ui/Status';

interface Resultaat {
  clientenNieuw: number;
  clientenBestaand: number;
  gebeurtenissenNieuw: number;
  gebeurtenissenAlAanwezig: number;
}

type Regelfout = CsvRegelFout & { bestand?: string };

/** Upload of the toegang export; the server applies it all or nothing and names every bad line and column. */
export function Importeren() {
  const [resultaat, zetResultaat] = useState<Resultaat | null>(null);
  const [fout, zetFout] = useState<{ melding: string; regels: Regelfout[] } | null>(null);
  const importeer = useWijziging((body: { clienten?: string; gebeurtenissen?: string }) => api<Resultaat>('/api/import', { method: 'POST', body }), ['/api/clienten', '/api/wachtlijsten']);
  const verstuur = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const lees = async (naam: string) => {
      const bestand = f.get(naam) as File | null;
      return bestand && bestand.size > 0 ? bestand.text() : undefined;
    };
    zetFout(null);
    zetResultaat(null);
    const clienten = await lees('clienten');
    const gebeurtenissen = await lees('gebeurtenissen');
    if (!clienten && !gebeurtenissen) return zetFout({ melding: 'Kies clienten.csv, gebeurtenissen.csv of allebei.', regels: [] });
    try {
      zetResultaat(await importeer.mutateAsync({ clienten, gebeurtenissen }));
    } catch (err) {
      // line errors carry their file and line; a refusal of the request itself (too large) only its message
      const d = err instanceof ApiFout ? (err.details as Regelfout[] | { fouten?: Regelfout[] } | null) : null;
      const lijst = Array.isArray(d) ? d : Array.isArray(d?.fouten) ? d.fouten : [];
      const regels = lijst.filter((r) => typeof r.regel === 'number');
      // the lines are listed below: the message keeps only its first sentence
      zetFout({ melding: (err as Error).message.split('\n')[0]!, regels });
    }
  };
  return (
    <Pagina
      titel="CSV-import van de toegang"
      acties={
        <RouterLink className="utrecht-link" to="/clienten">
          ← Cliënten
        </RouterLink>
      }
    >
      <Paragraph>
        Het bestand wordt helemaal of helemaal niet ingelezen: bij één fout wordt niets opgeslagen en staat hieronder elke foute regel met de kolom zoals uw
        spreadsheet die toont. Cliënten die al bekend zijn (zelfde extern id) en gebeurtenissen die er al zijn worden overgeslagen.
      </Paragraph>
      <form className="formulier" onSubmit={(e) => void verstuur(e)} noValidate>
        <Veld label="clienten.csv" naam="clienten" beschrijving="Kolommen: extern_id; naam; bsn; geboortedatum; herkomstgemeente; huidige_gemeente; doelgroep; aanbieder">
          {(p) => <input {...p} type="file" accept=".csv,text/csv" className="utrecht-textbox bestand" />}
        </Veld>
        <Veld label="gebeurtenissen.csv" naam="gebeurtenissen" beschrijving="Kolommen: extern_id; soort; datum; niveau; bestemming; urgentie; toelichting">
          {(p) => <input {...p} type="file" accept=".csv,text/csv" className="utrecht-textbox bestand" />}
        </Veld>
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit" busy={importeer.isPending} disabled={importeer.isPending}>
            Importeren
          </Button>
        </ButtonGroup>
      </form>
      {resultaat && (
        <Gelukt>
          Import geslaagd: {getal(resultaat.clientenNieuw)} nieuwe cliënten ({getal(resultaat.clientenBestaand)} al bekend), {getal(resultaat.gebeurtenissenNieuw)} gebeurtenissen (
          {getal(resultaat.gebeurtenissenAlAanwezig)} al aanwezig).
        </Gelukt>
      )}
      {fout && (
        <div data-testid="importfouten">
          <Fout>{fout.melding}</Fout>
          {fout.regels.length > 0 && (
            <UnorderedList>
              {fout.regels.map((r, i) => (
                <UnorderedListItem key={i}>{foutOpRegel(r)}</UnorderedListItem>
              ))}
            </UnorderedList>
          )}
        </div>
      )}
    </Pagina>
  );
}
