import { useApi, useOrganisaties } from '../hooks';
import { nlDatum } from '../datum';
import { BESTEMMING_LABEL, DOELGROEP_LABEL, NIVEAU_LABEL } from '../labels';

interface InzageData {
  opgesteld: string;
  dossier: {
    pseudoniem: string;
    naam: string;
    bsn: string | null;
    geboortedatum: string;
    doelgroep: string;
    herkomstgemeenteId: string;
    huidigeGemeenteId: string;
    aanbiederId: string | null;
    urgentie: number;
    woonwensen: unknown;
    risicoNotities: string | null;
    events: { id: number; soort: string; datum: string; niveau: string | null; bestemming: string | null; toelichting: string | null; reden: string | null; geldig: boolean; vervaltEventId: number | null }[];
  };
  plaatsingen: { id: string; adres: string; huurconstructie: string; startdatum: string; einddatum: string | null }[];
  signalen: { id: string; soort: string; status: string; aangemaakt: string; stappen: { status: string; tijdstip: string; toelichting: string | null }[] }[];
  schulden: { id: string; schuldeiser: string; bedragCenten: number; regeling: string; status: string }[];
  voorstellen: { id: string; status: string; afwijzingsreden: string | null; aangemaakt: string }[];
  grondslagen: { id: string; reikwijdte: string; soort: string; wettelijkeGrondslag: string | null; ingangsdatum: string; einddatum: string | null; ingetrokkenOp: string | null }[];
  toegang: { tijdstip: string; actie: string; gebruiker: string | null; organisatie: string | null; details: unknown }[];
}

const euro = (centen: number) => `€ ${(centen / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2 })}`;
const tijd = (iso: string) => new Date(iso).toLocaleString('nl-NL', { dateStyle: 'short', timeStyle: 'short' });

/** AVG art. 15: everything held about one client, as a page to print or save as PDF for the client. */
export function Inzage({ id, terug }: { id: string; terug: () => void }) {
  const orgs = useOrganisaties();
  const { data, fout } = useApi<InzageData>(`/api/clienten/${id}/inzage`);
  if (fout) return <div className="fout">{fout}</div>;
  if (!data) return <p>Laden…</p>;
  const d = data.dossier;
  const leeg = (n: number, tekst: string) => (n === 0 ? <p>{tekst}</p> : null);
  return (
    <section data-testid="inzage">
      <p className="geen-print">
        <button className="secundair" onClick={terug}>← Terug naar het dossier</button>{' '}
        <button onClick={() => window.print()}>Afdrukken / PDF</button>{' '}
        <a href={`/api/clienten/${id}/inzage`} download>JSON downloaden</a>
      </p>
      <h2>Inzage in persoonsgegevens (AVG artikel 15)</h2>
      <p>Opgesteld op {tijd(data.opgesteld)} voor {d.naam} ({d.pseudoniem}). Dit overzicht bevat alles wat Doorstroom over deze persoon bewaart.</p>
      <h3>Persoonsgegevens</h3>
      <table><tbody>
        <tr><th>Naam</th><td>{d.naam}</td></tr>
        <tr><th>BSN</th><td>{d.bsn ?? '—'}</td></tr>
        <tr><th>Geboortedatum</th><td>{nlDatum(d.geboortedatum)}</td></tr>
        <tr><th>Doelgroep</th><td>{DOELGROEP_LABEL[d.doelgroep] ?? d.doelgroep}</td></tr>
        <tr><th>Gemeenten</th><td>herkomst {orgs.naam(d.herkomstgemeenteId)}, huidig {orgs.naam(d.huidigeGemeenteId)}</td></tr>
        <tr><th>Aanbieder</th><td>{orgs.naam(d.aanbiederId)}</td></tr>
        <tr><th>Urgentie</th><td>{d.urgentie}</td></tr>
        <tr><th>Woonwensen</th><td>{d.woonwensen ? JSON.stringify(d.woonwensen) : '—'}</td></tr>
        {d.risicoNotities && <tr><th>Risico-notities</th><td>{d.risicoNotities}</td></tr>}
      </tbody></table>
      <h3>Traject ({d.events.length} gebeurtenissen)</h3>
      <table>
        <thead><tr><th>Datum</th><th>Gebeurtenis</th><th>Details</th><th>Geldig</th></tr></thead>
        <tbody>
          {d.events.map((e) => (
            <tr key={e.id}>
              <td>{nlDatum(e.datum)}</td>
              <td>{e.soort === 'correctie' ? `correctie: ${((v) => (v ? `${v.soort} van ${nlDatum(v.datum)}` : 'gebeurtenis'))(d.events.find((x) => x.id === e.vervaltEventId))} vervallen` : e.soort}</td>
              <td>{[e.niveau && NIVEAU_LABEL[e.niveau], e.bestemming && BESTEMMING_LABEL[e.bestemming], e.toelichting, e.reden && `reden: ${e.reden}`].filter(Boolean).join(' · ') || '—'}</td>
              <td>{e.soort === 'correctie' ? '—' : e.geldig ? 'ja' : 'vervallen'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Plaatsingen</h3>
      {leeg(data.plaatsingen.length, 'Geen plaatsingen.')}
      {data.plaatsingen.length > 0 && (
        <table><thead><tr><th>Adres</th><th>Huurconstructie</th><th>Start</th><th>Einde</th></tr></thead>
          <tbody>{data.plaatsingen.map((p) => <tr key={p.id}><td>{p.adres}</td><td>{p.huurconstructie}</td><td>{nlDatum(p.startdatum)}</td><td>{nlDatum(p.einddatum)}</td></tr>)}</tbody>
        </table>
      )}
      <h3>Signalen</h3>
      {leeg(data.signalen.length, 'Geen signalen.')}
      {data.signalen.map((x) => (
        <div key={x.id}>
          <strong>{x.soort}</strong> ({x.status}), gemeld {tijd(x.aangemaakt)}
          <ul>{x.stappen.map((st, i) => <li key={i}>{tijd(st.tijdstip)}: {st.status}{st.toelichting && ` — ${st.toelichting}`}</li>)}</ul>
        </div>
      ))}
      <h3>Schulden</h3>
      {leeg(data.schulden.length, 'Geen schulden vastgelegd.')}
      {data.schulden.length > 0 && (
        <table><thead><tr><th>Schuldeiser</th><th>Bedrag</th><th>Regeling</th><th>Status</th></tr></thead>
          <tbody>{data.schulden.map((x) => <tr key={x.id}><td>{x.schuldeiser}</td><td>{euro(x.bedragCenten)}</td><td>{x.regeling}</td><td>{x.status}</td></tr>)}</tbody>
        </table>
      )}
      <h3>Woningvoorstellen</h3>
      {leeg(data.voorstellen.length, 'Geen woningvoorstellen.')}
      {data.voorstellen.length > 0 && (
        <ul>{data.voorstellen.map((v) => <li key={v.id}>{tijd(v.aangemaakt)}: {v.status}{v.afwijzingsreden && ` — ${v.afwijzingsreden}`}</li>)}</ul>
      )}
      <h3>Grondslagen en toestemmingen</h3>
      {leeg(data.grondslagen.length, 'Geen grondslagen vastgelegd.')}
      <ul>{data.grondslagen.map((g) => <li key={g.id}>{g.reikwijdte}: {g.soort}{g.wettelijkeGrondslag && ` (${g.wettelijkeGrondslag})`}, vanaf {nlDatum(g.ingangsdatum)}{g.einddatum && ` tot en met ${nlDatum(g.einddatum)}`}{g.ingetrokkenOp && `, ingetrokken op ${nlDatum(g.ingetrokkenOp)}`}</li>)}</ul>
      <h3>Wie heeft het dossier ingezien of gewijzigd</h3>
      <table><thead><tr><th>Tijdstip</th><th>Actie</th><th>Medewerker</th><th>Organisatie</th></tr></thead>
        <tbody>{data.toegang.map((a, i) => <tr key={i}><td>{tijd(a.tijdstip)}</td><td>{a.actie}</td><td>{a.gebruiker ?? 'systeem'}</td><td>{a.organisatie ?? '—'}</td></tr>)}</tbody>
      </table>
    </section>
  );
}
