import { useState } from 'react';
import { queryString } from '../api';
import { useApi, useOrganisaties } from '../hooks';
import { DOELGROEP_LABEL, FASE_LABEL, NIVEAU_LABEL } from '../labels';
import type { Ik } from '../types';
import { NieuweClient } from './NieuweClient';
import { Importeren } from './Importeren';

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
  const [filters, zetFilters] = useState({ fase: '', niveau: '', doelgroep: '', gemeenteId: '', jongeren: '', zoek: '' });
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
          Pseudoniem
          <input value={filters.zoek} onChange={zet('zoek')} placeholder="C-…" />
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
                    <a href={`#/clienten/${c.id}`}>{c.pseudoniem}</a>
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
          <p className="geen-print">
            <button className="secundair" disabled={offset === 0} onClick={() => zetOffset(Math.max(0, offset - 50))}>
              Vorige
            </button>{' '}
            {offset + 1}–{Math.min(offset + 50, data.totaal)} van {data.totaal}{' '}
            <button className="secundair" disabled={offset + 50 >= data.totaal} onClick={() => zetOffset(offset + 50)}>
              Volgende
            </button>
          </p>
        </>
      )}
    </section>
  );
}
