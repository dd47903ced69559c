import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useApi, useOrganisaties } from '../hooks';
import { HUURCONSTRUCTIE_LABEL, HUURCONSTRUCTIE_REGELS, WONING_TYPE_LABEL } from '../labels';

interface Woning {
  id: string;
  adres: string;
  gemeenteId: string;
  type: string;
  kamers: number;
  beschikbaarPer: string;
}

/**
 * Direct placement outside a matching round (e.g. a home the corporatie offered by phone). The form
 * asks for the dates and agreed conditions the chosen huurconstructie requires; the server checks again.
 */
export function Plaatsen({ clientId, aanbiederId, onGeplaatst }: { clientId: string; aanbiederId: string | null; onGeplaatst: () => void }) {
  const [open, zetOpen] = useState(false);
  const [constructie, zetConstructie] = useState<keyof typeof HUURCONSTRUCTIE_REGELS>('direct');
  const [fout, zetFout] = useState<string | null>(null);
  const orgs = useOrganisaties();
  const { data } = useApi<{ woningen: Woning[] }>(open ? '/api/woningen?status=beschikbaar&limiet=1000' : null);
  const regels = HUURCONSTRUCTIE_REGELS[constructie];
  const verstuur = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    zetFout(null);
    try {
      await api('/api/plaatsingen', {
        method: 'POST',
        body: {
          clientId,
          woningId: f.get('woningId'),
          huurconstructie: constructie,
          startdatum: f.get('startdatum'),
          omklapdatum: f.get('omklapdatum') || null,
          aanbiederId,
          voorwaarden: Object.fromEntries(regels.verplichteVoorwaarden.map((v) => [v, String(f.get(`voorwaarde_${v}`) ?? '')])),
        },
      });
      zetOpen(false);
      onGeplaatst();
    } catch (err) {
      zetFout((err as Error).message);
    }
  };
  if (!open) return <p className="geen-print"><button className="secundair" onClick={() => zetOpen(true)}>Plaatsen in een woning</button></p>;
  return (
    <form className="kaart filters geen-print" onSubmit={verstuur}>
      <label>
        Woning
        <select name="woningId" required>
          {(data?.woningen ?? []).map((w) => (
            <option key={w.id} value={w.id}>
              {w.adres} · {orgs.naam(w.gemeenteId)} · {WONING_TYPE_LABEL[w.type]} · {w.kamers} kamer(s) · per {w.beschikbaarPer}
            </option>
          ))}
        </select>
      </label>
      <label>
        Huurconstructie
        <select value={constructie} onChange={(e) => zetConstructie(e.target.value as keyof typeof HUURCONSTRUCTIE_REGELS)}>
          {Object.entries(HUURCONSTRUCTIE_LABEL).map(([w, l]) => <option key={w} value={w}>{l}</option>)}
        </select>
      </label>
      <label>Startdatum<input type="date" name="startdatum" required defaultValue={new Date().toISOString().slice(0, 10)} /></label>
      {regels.scharnier && (
        <label>
          {regels.scharnier.soort === 'omklap' ? 'Omklapdatum' : 'Einde proefperiode'} ({regels.scharnier.minMaanden}–{regels.scharnier.maxMaanden} mnd)
          <input type="date" name="omklapdatum" required />
        </label>
      )}
      {regels.verplichteVoorwaarden.map((v) => (
        <label key={v}>
          {v.replace(/_/g, ' ')}
          <input name={`voorwaarde_${v}`} required />
        </label>
      ))}
      <button type="submit">Plaatsen</button>
      <button type="button" className="secundair" onClick={() => zetOpen(false)}>Annuleren</button>
      {fout && <div className="fout" role="alert">{fout}</div>}
    </form>
  );
}
