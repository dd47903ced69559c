import { Link } from 'react-router';
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useApi, useOrganisaties } from '../hooks';
import { BESTEMMING_LABEL, DOELGROEP_LABEL, FASE_LABEL, NIVEAU_LABEL } from '../labels';
import type { Ik } from '../types';
import { Schulden } from './Schulden';
import { Plaatsen } from './Plaatsen';
import { Grondslagen } from './Grondslagen';
import { Inzage } from './Inzage';
import { CorrectieKnoppen } from './Correctie';

interface Dossier {
  id: string;
  pseudoniem: string;
  naam: string;
  bsn: string | null;
  geboortedatum: string;
  leeftijd: number;
  jongere: boolean;
  doelgroep: string;
  herkomstgemeenteId: string;
  huidigeGemeenteId: string;
  aanbiederId: string | null;
  urgentie: number;
  risicoNotities: string | null;
  toestand: { fase: string; niveau: string | null; sinds: string | null };
  events: { id: number; soort: string; datum: string; niveau: string | null; bestemming: string | null; urgentie: number | null; toelichting: string | null; geldig: boolean; vervaltEventId: number | null; reden: string | null }[];
  toegestaneEvents: string[];
}


export function ClientDossier({ ik, id }: { ik: Ik; id: string }) {
  const orgs = useOrganisaties();
  const { data: c, fout, herlaad } = useApi<Dossier>(`/api/clienten/${id}`);
  const [soort, zetSoort] = useState('');
  const [melding, zetMelding] = useState<string | null>(null);
  const [inzage, zetInzage] = useState(false);
  const [gecorrigeerd, zetGecorrigeerd] = useState<string | null>(null);
  if (inzage) return <Inzage id={id} terug={() => zetInzage(false)} />;
  if (fout) return <div className="fout">{fout}</div>;
  if (!c) return <p>Laden…</p>;
  const magSchrijven = ik.rol === 'medewerker_toegang' || ik.rol === 'consulent';
  const gekozen = soort || c.toegestaneEvents[0] || '';
  const verstuur = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    zetMelding(null);
    try {
      await api(`/api/clienten/${id}/events`, {
        method: 'POST',
        body: {
          soort: gekozen,
          datum: f.get('datum'),
          niveau: f.get('niveau') || null,
          bestemming: f.get('bestemming') || null,
          urgentie: f.get('urgentie') ? Number(f.get('urgentie')) : null,
          toelichting: f.get('toelichting') || null,
        },
      });
      zetSoort('');
      herlaad();
    } catch (err) {
      zetMelding((err as Error).message);
    }
  };
  const heeftNiveau = ['indicatie', 'instroom', 'doorstroom', 'terugval'].includes(gekozen);
  return (
    <section>
      <p className="geen-print"><Link to="/clienten">← Cliënten</Link>{magSchrijven && <> · <button className="secundair" onClick={() => zetInzage(true)}>Inzage (AVG art. 15)</button></>}</p>
      <h2>{c.naam} <span className="label">{c.pseudoniem}</span></h2>
      <div className="kaarten">
        <div className="kaart"><div>Fase</div><div className="getal" style={{ fontSize: '1.2rem' }}>{FASE_LABEL[c.toestand.fase]}</div>sinds {c.toestand.sinds ?? '—'}</div>
        <div className="kaart"><div>Niveau</div><strong>{c.toestand.niveau ? NIVEAU_LABEL[c.toestand.niveau] : '—'}</strong></div>
        <div className="kaart">
          <div>Persoon</div>
          {c.leeftijd} jaar {c.jongere && <span className="label">jongere 18–24</span>}<br />
          BSN {c.bsn ?? '—'} · {DOELGROEP_LABEL[c.doelgroep]} · urgentie {c.urgentie}
        </div>
        <div className="kaart">
          <div>Gemeenten</div>
          herkomst: {orgs.naam(c.herkomstgemeenteId)}<br />huidig: {orgs.naam(c.huidigeGemeenteId)}<br />aanbieder: {orgs.naam(c.aanbiederId)}
        </div>
      </div>
      {c.risicoNotities && <div className="kaart"><strong>Risico-notities (alleen zorgrollen)</strong><p>{c.risicoNotities}</p></div>}
      {magSchrijven && (c.toestand.fase === 'uitstroomklaar' || c.toestand.fase === 'in_zorg') && <Plaatsen clientId={c.id} aanbiederId={c.aanbiederId} onGeplaatst={herlaad} />}
      <Schulden clientId={c.id} magSchrijven={magSchrijven} />
      <Grondslagen clientId={c.id} magSchrijven={magSchrijven} />
      <h3>Tijdlijn</h3>
      {gecorrigeerd && <div className="ok" role="status">{gecorrigeerd}</div>}
      <ul className="tijdlijn">
        {c.events.map((e) =>
          e.soort === 'correctie' ? (
            <li key={e.id}><strong>{e.datum}</strong> — correctie: {((v) => (v ? `${v.soort} van ${v.datum}` : 'gebeurtenis'))(c.events.find((x) => x.id === e.vervaltEventId))} vervallen{e.reden && ` (reden: ${e.reden})`}</li>
          ) : (
            <li key={e.id} style={e.geldig ? undefined : { textDecoration: 'line-through', opacity: 0.6 }}>
              <strong>{e.datum}</strong> — {e.soort}
              {!e.geldig && <span className="label">vervallen</span>}
              {e.niveau && ` · ${NIVEAU_LABEL[e.niveau]}`}
              {e.bestemming && ` · ${BESTEMMING_LABEL[e.bestemming]}`}
              {e.urgentie !== null && e.urgentie !== undefined && ` · urgentie ${e.urgentie}`}
              {magSchrijven && e.geldig && <CorrectieKnoppen clientId={c.id} event={e} onKlaar={(m) => { zetGecorrigeerd(m); herlaad(); }} />}
              {e.toelichting && <div>{e.toelichting}</div>}
            </li>
          ),
        )}
      </ul>
      {magSchrijven && c.toegestaneEvents.length > 0 && (
        <form className="kaart filters geen-print" onSubmit={verstuur}>
          <label>
            Gebeurtenis
            <select value={gekozen} onChange={(e) => zetSoort(e.target.value)}>
              {c.toegestaneEvents.map((s) => <option key={s}>{s}</option>)}
            </select>
          </label>
          <label>Datum<input name="datum" type="date" required defaultValue={new Date().toISOString().slice(0, 10)} /></label>
          {heeftNiveau && (
            <label>
              Niveau
              <select name="niveau">{Object.entries(NIVEAU_LABEL).map(([w, l]) => <option key={w} value={w}>{l}</option>)}</select>
            </label>
          )}
          {gekozen === 'uitstroom' && (
            <label>
              Bestemming
              <select name="bestemming">{Object.entries(BESTEMMING_LABEL).map(([w, l]) => <option key={w} value={w}>{l}</option>)}</select>
            </label>
          )}
          {gekozen === 'beoordeling' && (
            <label>
              Urgentie
              <select name="urgentie">{[0, 1, 2, 3].map((u) => <option key={u}>{u}</option>)}</select>
            </label>
          )}
          <label>Toelichting<input name="toelichting" /></label>
          <button type="submit">Toevoegen</button>
          {melding && <div className="fout" role="alert">{melding}</div>}
        </form>
      )}
    </section>
  );
}
