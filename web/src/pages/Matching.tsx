import { Link } from 'react-router';
import { useState } from 'react';
import { api, queryString } from '../api';
import { useApi, useOrganisaties } from '../hooks';
import type { Ik } from '../types';
import { HUURCONSTRUCTIE_LABEL } from '../labels';

interface Uitleg {
  tekst: string;
  redenen: string[];
  bindendeRegels: string[];
  wachtdagen: number;
  urgentie: number;
}
interface Voorstel {
  id: string;
  status: string;
  score: number;
  uitleg: Uitleg;
  afwijzingsreden: string | null;
  pseudoniem: string;
  clientId: string | null;
  leeftijdscategorie: string;
  adres: string;
  woningType: string;
  gemeenteId: string;
  corporatieId: string;
  schuldGeregeld: boolean;
}
interface Proefdraai {
  objectief: number;
  statistiek: { kandidaten: number; woningen: number; bruikbareWoningen: number; geplaatst: number; methode: string };
  voorstellen: { kandidaatId: string; woningId: string; pseudoniem: string; adres: string; score: number; uitleg: Uitleg }[];
  nietGeplaatst: { pseudoniem: string; reden: string; uitleg: { tekst: string } }[];
}

const STATUS_LABEL: Record<string, string> = {
  voorstel: 'Voorstel',
  akkoord_corporatie: 'Akkoord corporatie',
  akkoord_aanbieder: 'Akkoord aanbieder/cliënt',
  sleuteloverdracht: 'Sleuteloverdracht',
  afgewezen: 'Afgewezen',
};

function UitlegBlok({ uitleg }: { uitleg: Uitleg }) {
  return (
    <details>
      <summary>{uitleg.tekst.slice(0, 90)}{uitleg.tekst.length > 90 ? '…' : ''}</summary>
      <p>{uitleg.tekst}</p>
      {uitleg.redenen.length > 0 && <ul>{uitleg.redenen.map((r) => <li key={r}>{r}</li>)}</ul>}
      {uitleg.bindendeRegels.length > 0 && <p><strong>Bindende regels:</strong> {uitleg.bindendeRegels.join('; ')}</p>}
    </details>
  );
}

export function Matching({ ik }: { ik: Ik }) {
  const orgs = useOrganisaties();
  const [status, zetStatus] = useState('');
  const { data, fout, herlaad } = useApi<Voorstel[]>(`/api/matching/voorstellen${queryString({ status })}`);
  const [proef, zetProef] = useState<Proefdraai | null>(null);
  const [melding, zetMelding] = useState<string | null>(null);
  const magRonde = ik.soort === 'centrumgemeente' && (ik.rol === 'beheerder' || ik.rol === 'medewerker_toegang');
  const corporatie = ik.soort === 'woningcorporatie';

  const actie = async (pad: string, body: unknown) => {
    zetMelding(null);
    try {
      const r = await api<{ status?: string; volgendVoorstel?: { pseudoniem: string } | null }>(pad, { method: 'POST', body });
      if (r.volgendVoorstel) zetMelding(`Volgende kandidaat voorgesteld: ${r.volgendVoorstel.pseudoniem}`);
      herlaad();
    } catch (e) {
      zetMelding((e as Error).message);
    }
  };
  const ronde = async (proefdraai: boolean) => {
    zetMelding(null);
    try {
      const r = await api<Proefdraai & { aantal?: number }>('/api/matching/rondes', { method: 'POST', body: { proefdraai } });
      if (proefdraai) zetProef(r);
      else {
        zetProef(null);
        zetMelding(`Ronde vastgelegd: ${r.aantal} voorstellen; de woningen zijn gereserveerd.`);
        herlaad();
      }
    } catch (e) {
      zetMelding((e as Error).message);
    }
  };
  const stap = (v: Voorstel) => {
    const knoppen = [];
    const open = ['voorstel', 'akkoord_corporatie', 'akkoord_aanbieder'].includes(v.status);
    if (!open || ik.rol === 'alleen_lezen') return null;
    if ((v.status === 'voorstel' && corporatie) || (v.status === 'akkoord_corporatie' && !corporatie)) {
      knoppen.push(<button key="a" onClick={() => actie(`/api/matching/voorstellen/${v.id}/stap`, { actie: 'akkoord' })}>Akkoord</button>);
    }
    if (v.status === 'akkoord_aanbieder' && !corporatie) {
      knoppen.push(
        <form key="s" onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          void actie(`/api/matching/voorstellen/${v.id}/stap`, { actie: 'sleuteloverdracht', plaatsing: { huurconstructie: f.get('huurconstructie'), startdatum: f.get('startdatum') } });
        }}>
          <select name="huurconstructie">{Object.entries(HUURCONSTRUCTIE_LABEL).map(([w, l]) => <option key={w} value={w}>{l}</option>)}</select>{' '}
          <input type="date" name="startdatum" required defaultValue={new Date().toISOString().slice(0, 10)} />{' '}
          <button type="submit">Sleuteloverdracht</button>
        </form>,
      );
    }
    knoppen.push(
      <button key="r" className="secundair" onClick={() => {
        const reden = window.prompt('Reden van afwijzing');
        if (reden) void actie(`/api/matching/voorstellen/${v.id}/stap`, { actie: 'afwijzing', reden });
      }}>Afwijzen</button>,
    );
    return <>{knoppen}</>;
  };

  return (
    <section>
      <h2>Matching: voorstellen voor uitstroom</h2>
      <p>
        Uitstroomklare cliënten worden optimaal aan beschikbare woningen gekoppeld binnen de reserveringsafspraken en
        spreidingsregels (min-cost flow), gewogen naar wachttijd, urgentie en voorkeursgemeente, met een eerlijke spreiding over
        herkomstgemeenten. Elk voorstel heeft een uitleg. Volgorde van akkoord: corporatie → aanbieder/cliënt → sleuteloverdracht.
      </p>
      {magRonde && (
        <p className="geen-print">
          <button className="secundair" onClick={() => ronde(true)}>Proefdraai</button>{' '}
          <button onClick={() => ronde(false)}>Ronde vastleggen</button>
        </p>
      )}
      {melding && <div className="kaart" role="status">{melding}</div>}
      {proef && (
        <div className="kaart">
          <h3>Proefdraai</h3>
          <p>
            {proef.statistiek.kandidaten} kandidaten, {proef.statistiek.woningen} woningen ({proef.statistiek.bruikbareWoningen} binnen een afspraak):{' '}
            <strong>{proef.statistiek.geplaatst} voorstellen</strong>, doelfunctie {proef.objectief} ({proef.statistiek.methode}).
          </p>
          <table>
            <thead><tr><th>Cliënt</th><th>Woning</th><th>Score</th><th>Uitleg</th></tr></thead>
            <tbody>
              {proef.voorstellen.map((v) => (
                <tr key={v.kandidaatId}><td>{v.pseudoniem}</td><td>{v.adres}</td><td>{Math.round(v.score)}</td><td><UitlegBlok uitleg={v.uitleg} /></td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="filters">
        <label>
          Status
          <select value={status} onChange={(e) => zetStatus(e.target.value)}>
            <option value="">alle</option>
            {Object.entries(STATUS_LABEL).map(([w, l]) => <option key={w} value={w}>{l}</option>)}
          </select>
        </label>
      </div>
      {fout && <div className="fout">{fout}</div>}
      <table>
        <thead><tr><th>Cliënt</th><th>Leeftijd</th><th>Woning</th><th>Gemeente</th><th>Corporatie</th><th>Schulden geregeld</th><th>Status</th><th>Uitleg</th><th></th></tr></thead>
        <tbody>
          {(data ?? []).map((v) => (
            <tr key={v.id}>
              <td>{v.clientId ? <Link to={`/clienten/${v.clientId}`}>{v.pseudoniem}</Link> : v.pseudoniem}</td>
              <td>{v.leeftijdscategorie}</td>
              <td>{v.adres}</td>
              <td>{orgs.naam(v.gemeenteId)}</td>
              <td>{orgs.naam(v.corporatieId)}</td>
              <td>{v.schuldGeregeld ? 'ja' : <strong>nee</strong>}</td>
              <td>{STATUS_LABEL[v.status]}{v.afwijzingsreden && <div>Reden: {v.afwijzingsreden}</div>}</td>
              <td><UitlegBlok uitleg={v.uitleg} /></td>
              <td>{stap(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
