import { navigeer } from '../navigatie';
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { DOELGROEP_LABEL } from '../labels';
import type { Organisatie } from '../types';

export function NieuweClient({ gemeenten, onAangemaakt }: { gemeenten: Organisatie[]; onAangemaakt: () => void }) {
  const [open, zetOpen] = useState(false);
  const [fout, zetFout] = useState<string | null>(null);
  const verstuur = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    zetFout(null);
    try {
      const client = await api<{ id: string }>('/api/clienten', {
        method: 'POST',
        body: {
          naam: f.get('naam'),
          bsn: f.get('bsn') || null,
          geboortedatum: f.get('geboortedatum'),
          herkomstgemeenteId: f.get('herkomstgemeenteId'),
          doelgroep: f.get('doelgroep'),
        },
      });
      await api(`/api/clienten/${client.id}/events`, { method: 'POST', body: { soort: 'aanmelding', datum: new Date().toISOString().slice(0, 10) } });
      zetOpen(false);
      onAangemaakt();
      navigeer(`/clienten/${client.id}`);
    } catch (err) {
      zetFout((err as Error).message);
    }
  };
  if (!open) return <p><button onClick={() => zetOpen(true)}>Nieuwe aanmelding</button></p>;
  return (
    <form className="kaart filters" onSubmit={verstuur}>
      <label>Naam<input name="naam" required /></label>
      <label>BSN<input name="bsn" pattern="\d{9}" /></label>
      <label>Geboortedatum<input name="geboortedatum" type="date" required /></label>
      <label>
        Herkomstgemeente
        <select name="herkomstgemeenteId" required>
          {gemeenten.map((g) => <option key={g.id} value={g.id}>{g.naam}</option>)}
        </select>
      </label>
      <label>
        Doelgroep
        <select name="doelgroep">
          {Object.entries(DOELGROEP_LABEL).map(([w, l]) => <option key={w} value={w}>{l}</option>)}
        </select>
      </label>
      <button type="submit">Aanmelden</button>
      <button type="button" className="secundair" onClick={() => zetOpen(false)}>Annuleren</button>
      {fout && <div className="fout">{fout}</div>}
    </form>
  );
}
