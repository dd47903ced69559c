import { Link } from 'react-router';
import { useState } from 'react';
import { queryString } from '../api';
import { useApi, useOrganisaties } from '../hooks';
import { DOELGROEP_LABEL, NIVEAU_LABEL } from '../labels';
import type { Ik } from '../types';
import { Bladeren } from './Bladeren';

const PER_PAGINA = 50;

interface Regel {
  clientId: string;
  pseudoniem: string;
  urgentie: number;
  wachtSinds: string;
  wachtdagen: number;
  niveau: string | null;
  gemeenteId: string;
  jongere: boolean;
  doelgroep: string;
}

export function Wachtlijsten({ ik }: { ik: Ik }) {
  const orgs = useOrganisaties();
  const [soort, zetSoort] = useState<'instroom' | 'uitstroom'>('uitstroom');
  const [gemeenteId, zetGemeente] = useState(ik.soort === 'regiogemeente' ? ik.organisatieId : '');
  const [niveau, zetNiveau] = useState('');
  const [offset, zetOffset] = useState(0);
  const { data, fout } = useApi<{ peildatum: string; totaal: number; regels: Regel[] }>(`/api/wachtlijsten/${soort}${queryString({ gemeenteId, niveau, limiet: PER_PAGINA, offset })}`);
  return (
    <section>
      <h2>Wachtlijsten</h2>
      <p>
        Volgorde: eerst urgentie (3 = acuut), dan langste wachttijd. Instroom: geïndiceerd en wachtend op een plek;
        uitstroom: uitstroomklaar en wachtend op een woning.
      </p>
      <div className="filters">
        <label>
          Wachtlijst
          <select value={soort} onChange={(e) => { zetOffset(0); zetSoort(e.target.value as 'instroom' | 'uitstroom'); }}>
            <option value="uitstroom">Uitstroom (wacht op woning)</option>
            <option value="instroom">Instroom (per niveau)</option>
          </select>
        </label>
        <label>
          Gemeente
          <select value={gemeenteId} onChange={(e) => { zetOffset(0); zetGemeente(e.target.value); }}>
            <option value="">alle</option>
            {orgs.gemeenten.map((g) => <option key={g.id} value={g.id}>{g.naam}</option>)}
          </select>
        </label>
        <label>
          Niveau
          <select value={niveau} onChange={(e) => { zetOffset(0); zetNiveau(e.target.value); }}>
            <option value="">alle</option>
            {Object.entries(NIVEAU_LABEL).map(([w, l]) => <option key={w} value={w}>{l}</option>)}
          </select>
        </label>
      </div>
      {fout && <div className="fout">{fout}</div>}
      {data && (
        <>
        <p>{data.totaal} op de wachtlijst</p>
        <table>
          <thead>
            <tr><th>#</th><th>Pseudoniem</th><th>Urgentie</th><th>Wacht sinds</th><th>Wachttijd</th><th>Niveau</th><th>Gemeente</th><th>Doelgroep</th></tr>
          </thead>
          <tbody>
            {data.regels.map((r, i) => (
              <tr key={r.clientId}>
                <td>{offset + i + 1}</td>
                <td><Link to={`/clienten/${r.clientId}`}>{r.pseudoniem}</Link> {r.jongere && <span className="label">18–24</span>}</td>
                <td>{r.urgentie}</td>
                <td>{r.wachtSinds}</td>
                <td>{r.wachtdagen} dagen</td>
                <td>{r.niveau ? NIVEAU_LABEL[r.niveau] : '—'}</td>
                <td>{orgs.naam(r.gemeenteId)}</td>
                <td>{DOELGROEP_LABEL[r.doelgroep]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Bladeren offset={offset} limiet={PER_PAGINA} totaal={data.totaal} zet={zetOffset} />
        </>
      )}
    </section>
  );
}
