import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useApi } from '../hooks';

interface Schuld {
  id: string;
  schuldeiser: string;
  bedragCenten: number;
  regeling: string;
  status: string;
}

const STATUS: Record<string, string> = { open: 'Open', regeling_getroffen: 'Regeling getroffen', afgelost: 'Afgelost' };
const euro = (centen: number) => `€ ${(centen / 100).toLocaleString('nl-NL', { minimumFractionDigits: 2 })}`;

/**
 * Old rent debts and other debts of one client. Corporations never see this list, only whether
 * everything is "geregeld" (see the candidates and matching views).
 */
export function Schulden({ clientId, magSchrijven }: { clientId: string; magSchrijven: boolean }) {
  const { data, fout, herlaad } = useApi<{ geregeld: boolean; schulden: Schuld[] }>(`/api/clienten/${clientId}/schulden`);
  const [melding, zetMelding] = useState<string | null>(null);
  const stuur = async (pad: string, method: string, body: unknown) => {
    zetMelding(null);
    try {
      await api(pad, { method, body });
      herlaad();
    } catch (e) {
      zetMelding((e as Error).message);
    }
  };
  const nieuw = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const bedrag = Math.round(Number(String(f.get('bedrag')).replace(/\./g, '').replace(',', '.')) * 100);
    void stuur(`/api/clienten/${clientId}/schulden`, 'POST', { schuldeiser: f.get('schuldeiser'), bedragCenten: bedrag, regeling: f.get('regeling'), status: f.get('status') });
    e.currentTarget.reset();
  };
  if (fout) return <div className="fout">{fout}</div>;
  if (!data) return null;
  return (
    <div className="kaart">
      <h3>Oude huurschulden en andere schulden — {data.geregeld ? <span className="ok">geregeld</span> : <strong>niet geregeld</strong>}</h3>
      {data.schulden.length === 0 ? (
        <p>Geen schulden bekend.</p>
      ) : (
        <table>
          <thead><tr><th>Schuldeiser</th><th>Bedrag</th><th>Regeling</th><th>Status</th></tr></thead>
          <tbody>
            {data.schulden.map((s) => (
              <tr key={s.id}>
                <td>{s.schuldeiser}</td>
                <td>{euro(s.bedragCenten)}</td>
                <td>{s.regeling}</td>
                <td>
                  {magSchrijven ? (
                    <select aria-label={`status ${s.schuldeiser}`} value={s.status} onChange={(e) => void stuur(`/api/schulden/${s.id}`, 'PATCH', { status: e.target.value })}>
                      {Object.entries(STATUS).map(([w, l]) => <option key={w} value={w}>{l}</option>)}
                    </select>
                  ) : (
                    STATUS[s.status]
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {magSchrijven && (
        <form className="filters geen-print" onSubmit={nieuw}>
          <label>Schuldeiser<input name="schuldeiser" required minLength={2} /></label>
          <label>Bedrag (€)<input name="bedrag" required inputMode="decimal" pattern="[0-9.]*(,[0-9]{1,2})?" /></label>
          <label>Regeling<input name="regeling" required minLength={2} /></label>
          <label>
            Status
            <select name="status">{Object.entries(STATUS).map(([w, l]) => <option key={w} value={w}>{l}</option>)}</select>
          </label>
          <button type="submit">Schuld vastleggen</button>
        </form>
      )}
      {melding && <div className="fout" role="alert">{melding}</div>}
    </div>
  );
}
