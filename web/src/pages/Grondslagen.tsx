import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useApi, useOrganisaties } from '../hooks';
import { nlDatum } from '../datum';
import { REIKWIJDTE_LABEL, WETTELIJKE_GRONDSLAGEN } from '../../../src/domain/grondslagen';

interface Grondslag {
  id: string;
  reikwijdte: string;
  soort: 'toestemming' | 'wettelijk';
  wettelijkeGrondslag: string | null;
  wettelijkeGrondslagTekst: string | null;
  referentie: string | null;
  ingangsdatum: string;
  einddatum: string | null;
  vastgelegdOp: string;
  vastgelegdDoorNaam: string | null;
  vastgelegdOrganisatieId: string;
  ingetrokkenOp: string | null;
  ingetrokkenDoorNaam: string | null;
  intrekkingsreden: string | null;
  status: 'geldig' | 'nog_niet' | 'verlopen' | 'ingetrokken';
}

const STATUS: Record<Grondslag['status'], string> = { geldig: 'Geldig', nog_niet: 'Nog niet ingegaan', verlopen: 'Verlopen', ingetrokken: 'Ingetrokken' };
const REIKWIJDTE: Readonly<Record<string, string>> = REIKWIJDTE_LABEL;

/**
 * On which basis this client's data may be shared: consent or a named legal basis per kind of sharing. Without a
 * valid basis for corporaties the client is left out of the candidate list and the matching rounds.
 */
export function Grondslagen({ clientId, magSchrijven }: { clientId: string; magSchrijven: boolean }) {
  const orgs = useOrganisaties();
  const { data, fout, herlaad } = useApi<{ peildatum: string; zichtbaarVoorCorporatie: boolean; grondslagen: Grondslag[] }>(`/api/clienten/${clientId}/grondslagen`);
  const [soort, zetSoort] = useState<'toestemming' | 'wettelijk'>('toestemming');
  const [melding, zetMelding] = useState<{ fout: boolean; tekst: string } | null>(null);
  if (fout) return <div className="fout">{fout}</div>;
  if (!data) return null;

  const vastleggen = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    zetMelding(null);
    try {
      await api(`/api/clienten/${clientId}/grondslagen`, {
        method: 'POST',
        body: {
          reikwijdte: f.get('reikwijdte'),
          soort,
          wettelijkeGrondslag: soort === 'wettelijk' ? f.get('wettelijkeGrondslag') : null,
          referentie: f.get('referentie') || null,
          ingangsdatum: f.get('ingangsdatum'),
          einddatum: f.get('einddatum') || null,
        },
      });
      form.reset();
      zetMelding({ fout: false, tekst: 'Grondslag vastgelegd.' });
      herlaad();
    } catch (err) {
      zetMelding({ fout: true, tekst: (err as Error).message });
    }
  };
  const intrekken = async (g: Grondslag) => {
    const reden = window.prompt(`Waarom wordt "${REIKWIJDTE[g.reikwijdte]}" ingetrokken? (wordt vastgelegd)`);
    if (reden === null) return;
    if (!window.confirm(`De grondslag wordt vandaag ingetrokken; de geschiedenis blijft bewaard.${g.reikwijdte === 'corporatie_kandidaatprofiel' ? ' Zonder andere geldige grondslag is de cliënt niet meer zichtbaar voor corporaties.' : ''} Doorgaan?`)) return;
    zetMelding(null);
    try {
      await api(`/api/clienten/${clientId}/grondslagen/${g.id}/intrekken`, { method: 'POST', body: { reden } });
      zetMelding({ fout: false, tekst: 'Grondslag ingetrokken.' });
      herlaad();
    } catch (err) {
      zetMelding({ fout: true, tekst: (err as Error).message });
    }
  };

  return (
    <div className="kaart" data-testid="grondslagen">
      <h3>Grondslag en toestemming</h3>
      {data.zichtbaarVoorCorporatie ? (
        <p className="ok">Zichtbaar voor corporaties als gepseudonimiseerde kandidaat (geldige grondslag op {nlDatum(data.peildatum)}).</p>
      ) : (
        <p role="status"><strong>Niet zichtbaar voor corporaties: geen geldige grondslag</strong></p>
      )}
      {data.grondslagen.length === 0 ? (
        <p>Nog geen toestemming of wettelijke grondslag vastgelegd.</p>
      ) : (
        <table>
          <thead><tr><th>Voor</th><th>Grondslag</th><th>Referentie</th><th>Gegeven</th><th>Einde</th><th>Vastgelegd door</th><th>Status</th><th /></tr></thead>
          <tbody>
            {data.grondslagen.map((g) => (
              <tr key={g.id}>
                <td>{REIKWIJDTE[g.reikwijdte] ?? g.reikwijdte}</td>
                <td>{g.soort === 'toestemming' ? 'Toestemming van de cliënt' : g.wettelijkeGrondslagTekst}</td>
                <td>{g.referentie ?? '—'}</td>
                <td>{nlDatum(g.ingangsdatum)}</td>
                <td>{g.einddatum ? nlDatum(g.einddatum) : 'geen'}</td>
                <td>{g.vastgelegdDoorNaam ?? '—'} ({orgs.naam(g.vastgelegdOrganisatieId)}), {nlDatum(g.vastgelegdOp)}</td>
                <td>
                  {STATUS[g.status]}
                  {g.ingetrokkenOp && <div>op {nlDatum(g.ingetrokkenOp)} door {g.ingetrokkenDoorNaam ?? '—'}: {g.intrekkingsreden}</div>}
                </td>
                <td>{magSchrijven && !g.ingetrokkenOp && g.status !== 'verlopen' && <button className="secundair geen-print" onClick={() => void intrekken(g)}>Intrekken</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {magSchrijven && (
        <form className="filters geen-print" onSubmit={vastleggen} aria-label="Grondslag vastleggen">
          <label>
            Voor
            <select name="reikwijdte">{Object.entries(REIKWIJDTE).map(([w, l]) => <option key={w} value={w}>{l}</option>)}</select>
          </label>
          <label>
            Soort
            <select value={soort} onChange={(e) => zetSoort(e.target.value as 'toestemming' | 'wettelijk')}>
              <option value="toestemming">Toestemming van de cliënt</option>
              <option value="wettelijk">Wettelijke grondslag</option>
            </select>
          </label>
          {soort === 'wettelijk' && (
            <label>
              Wettelijke grondslag
              <select name="wettelijkeGrondslag">{Object.entries(WETTELIJKE_GRONDSLAGEN).map(([w, l]) => <option key={w} value={w}>{l}</option>)}</select>
            </label>
          )}
          <label>Referentie<input name="referentie" maxLength={200} required={soort === 'wettelijk'} placeholder={soort === 'wettelijk' ? 'nummer beschikking' : 'formulier (optioneel)'} /></label>
          <label>Datum gegeven<input name="ingangsdatum" type="date" required defaultValue={new Date().toISOString().slice(0, 10)} /></label>
          <label>Einddatum<input name="einddatum" type="date" /></label>
          <button type="submit">Vastleggen</button>
        </form>
      )}
      {melding && <div className={melding.fout ? 'fout' : 'ok'} role={melding.fout ? 'alert' : 'status'}>{melding.tekst}</div>}
    </div>
  );
}
