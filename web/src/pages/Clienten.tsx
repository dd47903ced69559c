import { Link } from 'react-router';
import { useState } from 'react';
import { queryString } from '../api';
import { useApi, useOrganisaties } from '../hooks';
import { DOELGROEP_LABEL, FASE_LABEL, NIVEAU_LABEL } from '../labels';
import type { Ik } from '../types';
import { NieuweClient } from './NieuweClient';
import { Importeren } from './Importeren';
import { Bladeren } from './Bladeren';

// the name is encrypted: the server sorts on these columns only
const SORTERINGEN: Record<string, string> = { pseudoniem: 'Pseudoniem', fase: 'Fase', wachtdagen: 'Dagen in fase', urgentie: 'Urgentie', leeftijd: 'Leeftijd', gemeente: 'Herkomstgemeente' };

interface ClientRegel {
  id: string;
  pseudoniem: string;
  naam: string;
  leeftijd: number;
  jongere: boolean;
  doelgroep: string;
  herkomstgemeenteId: string;
  toestand: { fase: string; niveau: string | null; sinds: string | null };
}

export function Clienten({ ik }: { ik: Ik }) {
  const orgs = useOrganisaties();
  const [filters, zetFilters] = useState({ fase: '', niveau: '', doelgroep: '', gemeenteId: '', jongeren: '', zoek: '', sorteer: 'pseudoniem', richting: 'op' });
  const [offset, zetOffset] = useState(0);
  const { data, fout, herlaad } = useApi<{ totaal: number; clienten: ClientRegel[] }>(`/api/clienten${queryString({ ...filters, limiet: 50, offset })}`);
  const zet = (k: keyof typeof filters) => (e: { target: { value: string } }) => {
    zetOffset(0);
    zetFilters({ ...filters, [k]: e.target.value });
  };
  const keuze = (k: keyof typeof filters, titel: string, opties: Record<string, string>) => (
    <label>
      {titel}
      <select name={k} value={filters[k]} onChange={zet(k)}>
        <option value="">alle</option>
        {Object.entries(opties).map(([w, l]) => (
          <option key={w} value={w}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section>
      <h2>Cliënten</h2>
      <div className="filters">
        {keuze('fase', 'Fase', FASE_LABEL)}
        {keuze('niveau', 'Niveau', NIVEAU_LABEL)}
        {keuze('doelgroep', 'Doelgroep', DOELGROEP_LABEL)}
        {keuze('gemeenteId', 'Herkomstgemeente', Object.fromEntries(orgs.gemeenten.map((g) => [g.id, g.naam])))}
        {keuze('jongeren', 'Leeftijd', { true: 'Jongeren 18–24', false: '25+' })}
        <label>
          Zoeken
          <input name="zoek" value={filters.zoek} onChange={zet('zoek')} placeholder="naam, BSN, pseudoniem of extern id" title="Elk woord van de naam (vanaf 3 tekens ook het begin van een woord), een volledig BSN, het begin van een pseudoniem of een extern id" />
        </label>
        <label>
          Sorteren op
          <select name="sorteer" value={filters.sorteer} onChange={zet('sorteer')}>
            {Object.entries(SORTERINGEN).map(([w, l]) => <option key={w} value={w}>{l}</option>)}
          </select>
        </label>
        <label>
          Richting
          <select name="richting" value={filters.richting} onChange={zet('richting')}>
            <option value="op">oplopend</option>
            <option value="af">aflopend</option>
          </select>
        </label>
      </div>
      {ik.rol === 'medewerker_toegang' && (
        <>
          <NieuweClient gemeenten={orgs.gemeenten} onAangemaakt={herlaad} />
          <Importeren onKlaar={herlaad} />
        </>
      )}
      {fout && <div className="fout">{fout}</div>}
      {data && (
        <>
          <p>{data.totaal} cliënten</p>
          <table>
            <thead>
              <tr>
                <th>Pseudoniem</th>
                <th>Naam</th>
                <th>Leeftijd</th>
                <th>Doelgroep</th>
                <th>Herkomstgemeente</th>
                <th>Fase</th>
                <th>Niveau</th>
                <th>Sinds</th>
              </tr>
            </thead>
            <tbody>
              {data.clienten.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/clienten/${c.id}`}>{c.pseudoniem}</Link>
                  </td>
                  <td>{c.naam}</td>
                  <td>
                    {c.leeftijd} {c.jongere && <span className="label">18–24</span>}
                  </td>
                  <td>{DOELGROEP_LABEL[c.doelgroep]}</td>
                  <td>{orgs.naam(c.herkomstgemeenteId)}</td>
                  <td>{FASE_LABEL[c.toestand.fase]}</td>
                  <td>{c.toestand.niveau ? NIVEAU_LABEL[c.toestand.niveau] : '—'}</td>
                  <td>{c.toestand.sinds ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Bladeren offset={offset} limiet={50} totaal={data.totaal} zet={zetOffset} />
        </>
      )}
    </section>
  );
}
