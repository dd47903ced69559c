import { useState } from 'react';
import { api, queryString } from '../api';
import { useApi } from '../hooks';
import { tijd } from './Signalen';

interface Melding {
  id: string;
  titel: string;
  tekst: string;
  link: string | null;
  gelezen: boolean;
  aangemaakt: string;
}

/** The organisation's inbox: what happened to its signals, escalations and coming omklap dates. */
export function Inbox() {
  const [alleenOngelezen, zetAlleenOngelezen] = useState(false);
  const { data, fout, herlaad } = useApi<{ ongelezen: number; meldingen: Melding[] }>(`/api/meldingen${queryString({ ongelezen: alleenOngelezen ? 'true' : undefined, limiet: 200 })}`);
  const [melding, zetMelding] = useState<string | null>(null);
  const markeer = async (pad: string) => {
    zetMelding(null);
    try {
      await api(pad, { method: 'POST' });
      herlaad();
    } catch (err) {
      zetMelding((err as Error).message);
    }
  };
  return (
    <section>
      <h2>Inbox {data && data.ongelezen > 0 && <span className="label" data-testid="ongelezen">{data.ongelezen} ongelezen</span>}</h2>
      <p>Meldingen voor de hele organisatie: nieuwe en geëscaleerde signalen, afgehandelde signalen en naderende omklap- of proefhuurdata.</p>
      <div className="filters">
        <label style={{ flexDirection: 'row', alignItems: 'center', gap: '0.4rem' }}>
          <input type="checkbox" checked={alleenOngelezen} onChange={(e) => zetAlleenOngelezen(e.target.checked)} /> alleen ongelezen
        </label>
        {data && data.ongelezen > 0 && (
          <button className="secundair" onClick={() => markeer('/api/meldingen/gelezen')}>Alles als gelezen markeren</button>
        )}
      </div>
      {(fout || melding) && <div className="fout" role="alert">{fout ?? melding}</div>}
      {data && (
        <table>
          <thead><tr><th>Ontvangen</th><th>Melding</th><th /></tr></thead>
          <tbody>
            {data.meldingen.map((m) => (
              <tr key={m.id} style={m.gelezen ? { color: '#6b7280' } : { fontWeight: 500 }}>
                <td style={{ whiteSpace: 'nowrap' }}>{tijd(m.aangemaakt)}</td>
                <td>
                  {m.link ? <a href={m.link} onClick={() => !m.gelezen && void markeer(`/api/meldingen/${m.id}/gelezen`)}>{m.titel}</a> : <strong>{m.titel}</strong>}
                  <div>{m.tekst}</div>
                </td>
                <td>{!m.gelezen && <button className="secundair" onClick={() => markeer(`/api/meldingen/${m.id}/gelezen`)}>Gelezen</button>}</td>
              </tr>
            ))}
            {data.meldingen.length === 0 && <tr><td colSpan={3}>Geen meldingen.</td></tr>}
          </tbody>
        </table>
      )}
    </section>
  );
}
