import { useState, type FormEvent } from 'react';
import { api, ApiFout } from '../api';

interface Resultaat {
  clientenNieuw: number;
  clientenBestaand: number;
  gebeurtenissenNieuw: number;
  gebeurtenissenAlAanwezig: number;
}

/** Upload of the toegang export; the server applies it all or nothing and names every bad line. */
export function Importeren({ onKlaar }: { onKlaar: () => void }) {
  const [resultaat, zetResultaat] = useState<Resultaat | null>(null);
  const [fout, zetFout] = useState<{ melding: string; regels: { bestand: string; regel: number; melding: string }[] } | null>(null);
  const verstuur = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const lees = async (naam: string) => {
      const bestand = f.get(naam) as File | null;
      return bestand && bestand.size > 0 ? bestand.text() : undefined;
    };
    zetFout(null);
    zetResultaat(null);
    try {
      zetResultaat(await api<Resultaat>('/api/import', { method: 'POST', body: { clienten: await lees('clienten'), gebeurtenissen: await lees('gebeurtenissen') } }));
      onKlaar();
    } catch (err) {
      const regels = err instanceof ApiFout && Array.isArray(err.details) ? err.details : [];
      zetFout({ melding: (err as Error).message, regels });
    }
  };
  return (
    <details className="kaart geen-print">
      <summary>CSV-import van de toegang</summary>
      <form className="filters" onSubmit={verstuur}>
        <label>clienten.csv<input type="file" name="clienten" accept=".csv,text/csv" /></label>
        <label>gebeurtenissen.csv<input type="file" name="gebeurtenissen" accept=".csv,text/csv" /></label>
        <button type="submit">Importeren</button>
      </form>
      {resultaat && (
        <p className="ok">
          Geslaagd: {resultaat.clientenNieuw} nieuwe cliënten ({resultaat.clientenBestaand} al bekend), {resultaat.gebeurtenissenNieuw} gebeurtenissen ({resultaat.gebeurtenissenAlAanwezig} al aanwezig).
        </p>
      )}
      {fout && (
        <div className="fout" role="alert">
          {fout.melding}
          <ul>{fout.regels.map((r) => <li key={`${r.bestand}${r.regel}${r.melding}`}>{r.bestand}.csv regel {r.regel}: {r.melding}</li>)}</ul>
        </div>
      )}
    </details>
  );
}
