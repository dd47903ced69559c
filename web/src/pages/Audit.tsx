import { useState, type ChangeEvent, type FormEvent } from 'react';
import { api, queryString } from '../api';
import { useApi, useOrganisaties } from '../hooks';
import { AUDIT_ACTIE_LABEL, AUDIT_ACTIES, DOEL_NAAM, DOELEN, type AuditActie } from '../../../src/domain/audit';
import { ROL_LABEL, type Rol } from '../../../src/domain/auth';

interface AuditRegel {
  id: number;
  tijdstip: string;
  actie: string;
  entiteit: string;
  entiteitId: string | null;
  doel: string | null;
  doelNaam: string | null;
  resultaat: 'toegestaan' | 'geweigerd';
  ip: string | null;
  userAgent: string | null;
  uitvoerder: string | null;
  pseudoniemen: string[] | null;
  aantalClienten: number;
  gebruiker: string | null;
  gebruikerEmail: string | null;
  organisatie: string | null;
}

interface InzageRegel {
  tijdstip: string;
  actie: string;
  entiteit: string;
  resultaat: string;
  doelNaam: string | null;
  grondslag: string | null;
  uitvoerder: string | null;
  automatisch: boolean;
  gebruiker: string | null;
  gebruikerRol: string | null;
  organisatie: string | null;
}

const PER_PAGINA = 50;
const tijd = (t: string) => new Date(t).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' });
const actieLabel = (a: string) => AUDIT_ACTIE_LABEL[a as AuditActie] ?? a;
const herkomst = (r: AuditRegel) => (r.userAgent === 'cli' || r.userAgent === 'planner' ? r.userAgent : [r.ip, r.userAgent?.slice(0, 40)].filter(Boolean).join(' · ') || '—');

const LEEG = { pseudoniem: '', gebruiker: '', organisatieId: '', actie: '', doel: '', resultaat: '', van: '', tot: '' };

export function Audit() {
  const orgs = useOrganisaties();
  const [invoer, zetInvoer] = useState(LEEG);
  const [filters, zetFilters] = useState(LEEG);
  const [sortering, zetSortering] = useState<'nieuwste' | 'oudste'>('nieuwste');
  const [offset, zetOffset] = useState(0);
  const [inzage, zetInzage] = useState<string | null>(null);
  // "tot en met" a day: the API's tot is exclusive
  const totExclusief = filters.tot ? new Date(new Date(`${filters.tot}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined;
  const pad = `/api/audit${queryString({
    ...filters,
    van: filters.van ? new Date(`${filters.van}T00:00:00`).toISOString() : undefined,
    tot: totExclusief,
    sortering,
    limiet: PER_PAGINA,
    offset,
  })}`;
  const { data, fout } = useApi<{ totaal: number; regels: AuditRegel[] }>(pad);
  const zet = (k: keyof typeof LEEG) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => zetInvoer({ ...invoer, [k]: e.target.value });
  const zoek = (e: FormEvent) => {
    e.preventDefault();
    zetOffset(0);
    zetFilters({ ...invoer, pseudoniem: invoer.pseudoniem.trim().toUpperCase(), gebruiker: invoer.gebruiker.trim().toLowerCase() });
  };

  if (inzage) return <Inzage pseudoniem={inzage} terug={() => zetInzage(null)} />;

  return (
    <section>
      <h2>Auditlog</h2>
      <p>
        Wie las, zocht, exporteerde, drukte af of wijzigde welk cliëntdossier, wanneer, vanuit welke organisatie, namens wie en met welk doel — ook
        geweigerde pogingen en in- en uitloggen. Het log kan niet worden gewijzigd of verwijderd en elke regel is met een hash aan de vorige geketend. Uw eigen
        inzage in dit log wordt ook vastgelegd.
      </p>
      <form className="filters geen-print" onSubmit={zoek}>
        <label>
          Cliënt (pseudoniem)
          <input value={invoer.pseudoniem} onChange={zet('pseudoniem')} placeholder="C-…" />
        </label>
        <label>
          Gebruiker (e-mail)
          <input type="email" value={invoer.gebruiker} onChange={zet('gebruiker')} />
        </label>
        <label>
          Organisatie
          <select value={invoer.organisatieId} onChange={zet('organisatieId')}>
            <option value="">alle</option>
            {orgs.lijst.map((o) => <option key={o.id} value={o.id}>{o.naam}</option>)}
          </select>
        </label>
        <label>
          Handeling
          <select value={invoer.actie} onChange={zet('actie')}>
            <option value="">alle</option>
            {AUDIT_ACTIES.map((a) => <option key={a} value={a}>{AUDIT_ACTIE_LABEL[a]}</option>)}
          </select>
        </label>
        <label>
          Doel
          <select value={invoer.doel} onChange={zet('doel')}>
            <option value="">alle</option>
            {DOELEN.map((d) => <option key={d} value={d}>{DOEL_NAAM[d]}</option>)}
          </select>
        </label>
        <label>
          Resultaat
          <select value={invoer.resultaat} onChange={zet('resultaat')}>
            <option value="">alle</option>
            <option value="toegestaan">toegestaan</option>
            <option value="geweigerd">geweigerd</option>
          </select>
        </label>
        <label>
          Van
          <input type="date" value={invoer.van} onChange={zet('van')} />
        </label>
        <label>
          Tot en met
          <input type="date" value={invoer.tot} onChange={zet('tot')} />
        </label>
        <button type="submit">Zoeken</button>
        <button type="button" className="secundair" onClick={() => { zetInvoer(LEEG); zetFilters(LEEG); zetOffset(0); }}>
          Wissen
        </button>
      </form>
      {filters.pseudoniem && (
        <p className="geen-print">
          <button className="secundair" onClick={() => zetInzage(filters.pseudoniem)}>
            Wie zag dossier {filters.pseudoniem}? (overzicht voor de cliënt, afdrukken of CSV)
          </button>
        </p>
      )}
      {fout && <div className="fout">{fout}</div>}
      {data && (
        <>
          <p>
            {data.totaal.toLocaleString('nl-NL')} regels{' '}
            <label className="geen-print">
              {' '}· volgorde{' '}
              <select value={sortering} onChange={(e) => { zetSortering(e.target.value as typeof sortering); zetOffset(0); }}>
                <option value="nieuwste">nieuwste eerst</option>
                <option value="oudste">oudste eerst</option>
              </select>
            </label>
          </p>
          {data.totaal === 0 ? (
            <p>Geen regels{Object.values(filters).some(Boolean) ? ' die aan deze filters voldoen' : ''}.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Tijdstip</th><th>Gebruiker</th><th>Organisatie</th><th>Namens</th><th>Handeling</th><th>Wat</th><th>Cliënten</th><th>Doel</th><th>Resultaat</th><th>Herkomst</th>
                </tr>
              </thead>
              <tbody>
                {data.regels.map((r) => (
                  <tr key={r.id}>
                    <td>{tijd(r.tijdstip)}</td>
                    <td title={r.gebruikerEmail ?? undefined}>{r.gebruiker ?? (r.userAgent === 'planner' ? 'planner' : 'onbekend')}</td>
                    <td>{r.organisatie ?? '—'}</td>
                    <td>{r.uitvoerder ? `uitgevoerd door ${r.uitvoerder}` : '—'}</td>
                    <td>{actieLabel(r.actie)}</td>
                    <td>{r.entiteit}{r.entiteitId ? ` ${r.entiteitId.slice(0, 12)}` : ''}</td>
                    <td title={(r.pseudoniemen ?? []).join(', ')}>
                      {r.aantalClienten === 1 ? r.pseudoniemen?.[0] : r.aantalClienten > 1 ? `${r.aantalClienten} cliënten` : '—'}
                    </td>
                    <td>{r.doelNaam ?? '—'}</td>
                    <td>{r.resultaat === 'geweigerd' ? <strong>geweigerd</strong> : 'toegestaan'}</td>
                    <td>{herkomst(r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="geen-print">
            <button className="secundair" disabled={offset === 0} onClick={() => zetOffset(Math.max(0, offset - PER_PAGINA))}>Vorige</button>{' '}
            {data.totaal ? `${offset + 1}–${Math.min(offset + PER_PAGINA, data.totaal)} van ${data.totaal}` : ''}{' '}
            <button className="secundair" disabled={offset + PER_PAGINA >= data.totaal} onClick={() => zetOffset(offset + PER_PAGINA)}>Volgende</button>
          </p>
        </>
      )}
    </section>
  );
}

/** "Who saw this dossier": every access to one client, oldest first, printable and as CSV, to hand to the client. */
function Inzage({ pseudoniem, terug }: { pseudoniem: string; terug: () => void }) {
  const { data, fout } = useApi<{ pseudoniem: string; volledig: boolean; regels: InzageRegel[] }>(`/api/audit/inzage/${encodeURIComponent(pseudoniem)}`);
  const [printFout, zetPrintFout] = useState<string | null>(null);
  const afdrukken = async () => {
    try {
      // printing is logged first: no paper copy without its audit row
      await api(`/api/audit/inzage/${encodeURIComponent(pseudoniem)}/afdrukken`, { method: 'POST' });
      window.print();
    } catch (e) {
      zetPrintFout((e as Error).message);
    }
  };
  return (
    <section>
      <p className="geen-print">
        <button className="secundair" onClick={terug}>← Auditlog</button>{' '}
        <button onClick={afdrukken}>Afdrukken / PDF</button>{' '}
        <a href={`/api/audit/inzage/${encodeURIComponent(pseudoniem)}?format=csv`} download>CSV</a>{' '}
        <a href={`/api/audit/inzage/${encodeURIComponent(pseudoniem)}?format=xlsx`} download>Excel</a>
      </p>
      <h2>Wie zag dossier {pseudoniem}?</h2>
      <p>
        Elke inzage, zoekopdracht, export, afdruk en wijziging van dit dossier, ook geweigerde pogingen: wie (naam, rol, organisatie), wanneer, namens wie en met
        welk doel en welke grondslag. Opgesteld op {new Date().toLocaleDateString('nl-NL')}.
      </p>
      {(fout || printFout) && <div className="fout">{fout ?? printFout}</div>}
      {data && !data.volledig && <div className="fout">Dit overzicht is ingekort; vraag een kortere periode op via de CSV-export.</div>}
      {data && data.regels.length === 0 && <p>Er is (nog) niets vastgelegd over dit dossier.</p>}
      {data && data.regels.length > 0 && (
        <table>
          <thead>
            <tr><th>Tijdstip</th><th>Gebruiker</th><th>Rol</th><th>Organisatie</th><th>Namens</th><th>Handeling</th><th>Doel</th><th>Grondslag</th><th>Resultaat</th></tr>
          </thead>
          <tbody>
            {data.regels.map((r, i) => (
              <tr key={i}>
                <td>{tijd(r.tijdstip)}</td>
                <td>{r.gebruiker ?? (r.automatisch ? 'automatisch (planner)' : 'onbekend')}</td>
                <td>{r.gebruikerRol ? ROL_LABEL[r.gebruikerRol as Rol] : '—'}</td>
                <td>{r.organisatie ?? '—'}</td>
                <td>{r.uitvoerder ? `uitgevoerd door ${r.uitvoerder}` : '—'}</td>
                <td>{actieLabel(r.actie)} ({r.entiteit})</td>
                <td>{r.doelNaam ?? 'niet vastgelegd'}</td>
                <td>{r.grondslag ?? '—'}</td>
                <td>{r.resultaat}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
