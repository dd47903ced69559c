import { useState, type FormEvent } from 'react';
import { api, queryString } from '../api';
import { useApi, useOrganisaties } from '../hooks';
import type { Ik } from '../types';
import { HUURCONSTRUCTIE_LABEL, WONING_STATUS_LABEL, WONING_STATUS_OVERGANGEN, WONING_TYPE_LABEL } from '../labels';
import { Pager } from '../ui/Tabel';


const STATUS_LABEL = WONING_STATUS_LABEL;
const OVERGANGEN = WONING_STATUS_OVERGANGEN;

export interface Woning {
  id: string;
  corporatieId: string;
  gemeenteId: string;
  adres: string;
  wijk: string;
  complex: string;
  type: string;
  kamers: number;
  huurCenten: number;
  toegankelijk: boolean;
  beschikbaarPer: string;
  status: string;
}
export interface Afspraak {
  id: string;
  jaar: number;
  gemeenteId: string;
  gemeente: string;
  corporatieId: string;
  corporatie: string;
  aantal: number;
  maxPerComplex: number;
  maxPerWijk: number;
  begeleiding: string;
  gerealiseerd: number;
}
interface Plaatsing {
  id: string;
  woningId: string;
  adres: string;
  clientPseudoniem: string;
  huurconstructie: string;
  startdatum: string;
  einddatum: string | null;
  omklapdatum: string | null;
  waarschuwing: { vanaf: string; moment: string; soort: 'omklap' | 'einde_proefhuur' } | null;
  waarschuwingActief: boolean;
}
interface Kandidaat {
  pseudoniem: string;
  leeftijdscategorie: string;
  herkomstgemeenteId: string;
  woonwensen: { gemeenten: string[]; minKamers: number | null; toegankelijk: boolean };
  ondersteuningsniveau: string | null;
  wachtdagen: number;
  urgentie: number;
  schuldGeregeld: boolean;
}

const euro = (centen: number) => `€ ${(centen / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2 })}`;
export const JAREN = [2024, 2025, 2026, 2027];

/** Realised vs promised as a bar; over 100% stays green, the bar just fills up. */
export function Voortgang({ gerealiseerd, beloofd }: { gerealiseerd: number; beloofd: number }) {
  const pct = beloofd > 0 ? Math.min(100, Math.round((gerealiseerd / beloofd) * 100)) : 100;
  const kleur = gerealiseerd >= beloofd ? 'var(--groen)' : pct >= 50 ? 'var(--blauw)' : 'var(--rood)';
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: '0.5rem', minWidth: 180 }} title={`${gerealiseerd} van ${beloofd}`}>
      <div style={{ flex: 1, height: 10, background: 'var(--licht)', borderRadius: 5, overflow: 'hidden' }} role="progressbar" aria-valuenow={gerealiseerd} aria-valuemax={beloofd}>
        <div style={{ width: `${pct}%`, height: '100%', background: kleur }} />
      </div>
      <span>{gerealiseerd}/{beloofd}</span>
    </div>
  );
}

function NieuweWoning({ onKlaar }: { onKlaar: () => void }) {
  const orgs = useOrganisaties();
  const [open, zetOpen] = useState(false);
  const [fout, zetFout] = useState<string | null>(null);
  const verstuur = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    zetFout(null);
    try {
      await api('/api/woningen', {
        method: 'POST',
        body: {
          gemeenteId: f.get('gemeenteId'),
          adres: f.get('adres'),
          wijk: f.get('wijk'),
          complex: f.get('complex'),
          type: f.get('type'),
          kamers: Number(f.get('kamers')),
          huurCenten: Math.round(Number(f.get('huur')) * 100),
          toegankelijk: f.get('toegankelijk') === 'on',
          beschikbaarPer: f.get('beschikbaarPer'),
        },
      });
      zetOpen(false);
      onKlaar();
    } catch (err) {
      zetFout((err as Error).message);
    }
  };
  if (!open) return <p><button onClick={() => zetOpen(true)}>Woning toevoegen</button></p>;
  return (
    <form className="kaart filters" onSubmit={verstuur}>
      <label>Gemeente<select name="gemeenteId" required>{orgs.gemeenten.map((g) => <option key={g.id} value={g.id}>{g.naam}</option>)}</select></label>
      <label>Adres<input name="adres" required minLength={3} /></label>
      <label>Wijk<input name="wijk" required /></label>
      <label>Complex<input name="complex" required /></label>
      <label>Type<select name="type">{Object.entries(WONING_TYPE_LABEL).map(([w, l]) => <option key={w} value={w}>{l}</option>)}</select></label>
      <label>Kamers<input name="kamers" type="number" min={1} defaultValue={1} required /></label>
      <label>Huur (€)<input name="huur" type="number" min={0} step="0.01" required /></label>
      <label>Beschikbaar per<input name="beschikbaarPer" type="date" required /></label>
      <label>Toegankelijk<input name="toegankelijk" type="checkbox" /></label>
      <button type="submit">Opslaan</button>
      <button type="button" className="secundair" onClick={() => zetOpen(false)}>Annuleren</button>
      {fout && <div className="fout">{fout}</div>}
    </form>
  );
}

function EigenWoningen({ ik }: { ik: Ik }) {
  const orgs = useOrganisaties();
  const [gemeenteId, zetGemeente] = useState('');
  const [type, zetType] = useState('');
  const [status, zetStatus] = useState('');
  const [fout, zetFout] = useState<string | null>(null);
  const { data, fout: laadFout, herlaad } = useApi<{ totaal: number; woningen: Woning[] }>(`/api/woningen${queryString({ gemeenteId, type, status, limiet: 500 })}`);
  const magSchrijven = ik.rol === 'beheerder' || ik.rol === 'consulent';
  const wijzigStatus = async (w: Woning, nieuw: string) => {
    zetFout(null);
    try {
      await api(`/api/woningen/${w.id}`, { method: 'PATCH', body: { status: nieuw } });
      herlaad();
    } catch (e) {
      zetFout((e as Error).message);
    }
  };
  return (
    <section>
      <h3>Eigen woningvoorraad</h3>
      {magSchrijven && <NieuweWoning onKlaar={herlaad} />}
      <div className="filters">
        <label>Gemeente<select value={gemeenteId} onChange={(e) => zetGemeente(e.target.value)}><option value="">alle</option>{orgs.gemeenten.map((g) => <option key={g.id} value={g.id}>{g.naam}</option>)}</select></label>
        <label>Type<select value={type} onChange={(e) => zetType(e.target.value)}><option value="">alle</option>{Object.entries(WONING_TYPE_LABEL).map(([w, l]) => <option key={w} value={w}>{l}</option>)}</select></label>
        <label>Status<select value={status} onChange={(e) => zetStatus(e.target.value)}><option value="">alle</option>{Object.entries(STATUS_LABEL).map(([w, l]) => <option key={w} value={w}>{l}</option>)}</select></label>
      </div>
      {(fout || laadFout) && <div className="fout">{fout ?? laadFout}</div>}
      {data && (
        <>
          <p>{data.totaal} woningen{data.totaal > data.woningen.length ? ` (eerste ${data.woningen.length} getoond)` : ''}</p>
          <table>
            <thead><tr><th>Adres</th><th>Gemeente</th><th>Wijk / complex</th><th>Type</th><th>Kamers</th><th>Huur</th><th>Beschikbaar per</th><th>Status</th></tr></thead>
            <tbody>
              {data.woningen.map((w) => (
                <tr key={w.id}>
                  <td>{w.adres} {w.toegankelijk && <span className="label">toegankelijk</span>}</td>
                  <td>{orgs.naam(w.gemeenteId)}</td>
                  <td>{w.wijk} / {w.complex}</td>
                  <td>{WONING_TYPE_LABEL[w.type] ?? w.type}</td>
                  <td>{w.kamers}</td>
                  <td>{euro(w.huurCenten)}</td>
                  <td>{w.beschikbaarPer}</td>
                  <td>
                    {magSchrijven ? (
                      <select aria-label={`Status ${w.adres}`} value={w.status} onChange={(e) => wijzigStatus(w, e.target.value)}>
                        {[w.status, ...OVERGANGEN[w.status]!].map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
                      </select>
                    ) : STATUS_LABEL[w.status]}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function EigenAfspraken() {
  const [jaar, zetJaar] = useState(2026);
  const { data, fout } = useApi<Afspraak[]>(`/api/afspraken?jaar=${jaar}`);
  return (
    <section>
      <h3>Reserveringsafspraken</h3>
      <p>De gemeente legt de afspraken vast; u ziet hier hoeveel woningen zijn toegezegd en hoeveel plaatsingen in uw woningen dat jaar al zijn gerealiseerd.</p>
      <div className="filters"><label>Jaar<select value={jaar} onChange={(e) => zetJaar(Number(e.target.value))}>{JAREN.map((j) => <option key={j}>{j}</option>)}</select></label></div>
      {fout && <div className="fout">{fout}</div>}
      {data && data.length === 0 && <p>Geen afspraken voor {jaar}.</p>}
      {data && data.length > 0 && (
        <table>
          <thead><tr><th>Gemeente</th><th>Gerealiseerd / toegezegd</th><th>Max per complex</th><th>Max per wijk</th><th>Begeleiding</th></tr></thead>
          <tbody>
            {data.map((a) => (
              <tr key={a.id}>
                <td>{a.gemeente}</td>
                <td><Voortgang gerealiseerd={a.gerealiseerd} beloofd={a.aantal} /></td>
                <td>{a.maxPerComplex}</td>
                <td>{a.maxPerWijk}</td>
                <td>{a.begeleiding}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PlaatsingenInWoningen() {
  const { data, fout } = useApi<Plaatsing[]>('/api/plaatsingen');
  const lopend = (data ?? []).filter((p) => !p.einddatum).reverse();
  return (
    <section>
      <h3>Plaatsingen in uw woningen</h3>
      {fout && <div className="fout">{fout}</div>}
      {data && (
        <table>
          <thead><tr><th>Adres</th><th>Cliënt (pseudoniem)</th><th>Huurconstructie</th><th>Start</th><th>Omklap / einde proefhuur</th></tr></thead>
          <tbody>
            {lopend.slice(0, 100).map((p) => (
              <tr key={p.id}>
                <td>{p.adres}</td>
                <td>{p.clientPseudoniem}</td>
                <td>{HUURCONSTRUCTIE_LABEL[p.huurconstructie] ?? p.huurconstructie}</td>
                <td>{p.startdatum}</td>
                <td>
                  {p.waarschuwing ? (
                    <>
                      {p.waarschuwing.soort === 'omklap' ? 'Omklap' : 'Einde proefhuur'} op {p.waarschuwing.moment}{' '}
                      {p.waarschuwingActief ? <span className="label" style={{ background: '#fef0c7' }}>binnenkort — actie nodig</span> : <small>(signaal vanaf {p.waarschuwing.vanaf})</small>}
                    </>
                  ) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Kandidaten() {
  const orgs = useOrganisaties();
  const [gemeenteId, zetGemeente] = useState('');
  const [offset, zetOffset] = useState(0);
  const { data, fout } = useApi<{ peildatum: string; totaal: number; kandidaten: Kandidaat[] }>(`/api/kandidaten${queryString({ gemeenteId, limiet: 50, offset })}`);
  return (
    <section>
      <h3>Kandidaten (gepseudonimiseerd)</h3>
      <p>Uitstroomklare cliënten uit de regio die wachten op een woning, op volgorde van urgentie en wachttijd. U ziet geen namen, BSN of zorginhoudelijke gegevens.</p>
      <div className="filters"><label>Woonwens of herkomst<select value={gemeenteId} onChange={(e) => { zetOffset(0); zetGemeente(e.target.value); }}><option value="">alle gemeenten</option>{orgs.gemeenten.map((g) => <option key={g.id} value={g.id}>{g.naam}</option>)}</select></label></div>
      {fout && <div className="fout">{fout}</div>}
      {data && (
        <>
        <p>{data.totaal} kandidaten</p>
        <table>
          <thead><tr><th>#</th><th>Pseudoniem</th><th>Leeftijd</th><th>Herkomst</th><th>Woonwensen</th><th>Ondersteuning</th><th>Urgentie</th><th>Wachttijd</th><th>Schulden geregeld</th></tr></thead>
          <tbody>
            {data.kandidaten.map((k, i) => (
              <tr key={k.pseudoniem}>
                <td>{offset + i + 1}</td>
                <td>{k.pseudoniem}</td>
                <td>{k.leeftijdscategorie}</td>
                <td>{orgs.naam(k.herkomstgemeenteId)}</td>
                <td>
                  {k.woonwensen.gemeenten.map((g) => orgs.naam(g)).join(', ') || 'geen voorkeur'}
                  {k.woonwensen.minKamers ? ` · ≥ ${k.woonwensen.minKamers} kamer(s)` : ''}
                  {k.woonwensen.toegankelijk ? ' · toegankelijk' : ''}
                </td>
                <td>{k.ondersteuningsniveau ?? '—'}</td>
                <td>{k.urgentie}</td>
                <td>{k.wachtdagen} dagen</td>
                <td>{k.schuldGeregeld ? 'ja' : <strong>nee</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pager offset={offset} limiet={50} totaal={data.totaal} onOffset={zetOffset} eenheid="woningen" />
        </>
      )}
    </section>
  );
}

export function Woningen({ ik }: { ik: Ik }) {
  return (
    <section>
      <h2>Woningen en afspraken</h2>
      <EigenWoningen ik={ik} />
      <EigenAfspraken />
      <PlaatsingenInWoningen />
      <Kandidaten />
    </section>
  );
}
