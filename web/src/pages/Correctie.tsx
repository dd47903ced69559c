import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { BESTEMMING_LABEL, NIVEAU_LABEL } from '../labels';
import { EVENT_SOORTEN } from '../../../src/domain/trajecten';

interface Event {
  id: number;
  soort: string;
  datum: string;
  niveau: string | null;
  bestemming: string | null;
  urgentie: number | null;
}

/**
 * AVG art. 16 on the timeline: an event registered in error is corrected (replaced) or voided, with a reason.
 * The event stays in the history, marked as vervallen; the server checks that what remains is a valid trajectory.
 */
export function CorrectieKnoppen({ clientId, event, onKlaar }: { clientId: string; event: Event; onKlaar: (melding: string) => void }) {
  const [modus, zetModus] = useState<'ongedaan' | 'corrigeren' | null>(null);
  const [soort, zetSoort] = useState(event.soort);
  const [fout, zetFout] = useState<string | null>(null);
  if (!modus) {
    return (
      <span className="geen-print">
        {' '}
        <button className="secundair" onClick={() => zetModus('corrigeren')}>Corrigeren</button>{' '}
        <button className="secundair" onClick={() => zetModus('ongedaan')}>Ongedaan maken</button>
      </span>
    );
  }
  const verstuur = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const vraag =
      modus === 'ongedaan'
        ? `De gebeurtenis '${event.soort}' van ${event.datum} wordt ongedaan gemaakt. Ze blijft zichtbaar als vervallen; fase en monitor worden opnieuw berekend. Doorgaan?`
        : `De gebeurtenis '${event.soort}' van ${event.datum} wordt vervangen door '${soort}' van ${String(f.get('datum'))}. De oude blijft zichtbaar als vervallen. Doorgaan?`;
    if (!window.confirm(vraag)) return;
    zetFout(null);
    try {
      await api(`/api/clienten/${clientId}/events/${event.id}/correctie`, {
        method: 'POST',
        body: {
          reden: f.get('reden'),
          vervanging:
            modus === 'corrigeren'
              ? {
                  soort,
                  datum: f.get('datum'),
                  niveau: f.get('niveau') || null,
                  bestemming: f.get('bestemming') || null,
                  urgentie: f.get('urgentie') ? Number(f.get('urgentie')) : null,
                }
              : null,
        },
      });
      zetModus(null);
      onKlaar(modus === 'ongedaan' ? `Gebeurtenis '${event.soort}' van ${event.datum} is ongedaan gemaakt.` : `Gebeurtenis '${event.soort}' van ${event.datum} is gecorrigeerd.`);
    } catch (err) {
      zetFout((err as Error).message);
    }
  };
  const heeftNiveau = ['indicatie', 'instroom', 'doorstroom', 'terugval'].includes(soort);
  return (
    <form className="kaart filters geen-print" onSubmit={verstuur} aria-label={modus === 'ongedaan' ? 'Gebeurtenis ongedaan maken' : 'Gebeurtenis corrigeren'}>
      {modus === 'corrigeren' && (
        <>
          <label>
            Gebeurtenis
            <select value={soort} onChange={(e) => zetSoort(e.target.value)}>{EVENT_SOORTEN.map((s) => <option key={s}>{s}</option>)}</select>
          </label>
          <label>Datum<input name="datum" type="date" required defaultValue={event.datum} /></label>
          {heeftNiveau && (
            <label>
              Niveau
              <select name="niveau" defaultValue={event.niveau ?? undefined}>{Object.entries(NIVEAU_LABEL).map(([w, l]) => <option key={w} value={w}>{l}</option>)}</select>
            </label>
          )}
          {soort === 'uitstroom' && (
            <label>
              Bestemming
              <select name="bestemming" defaultValue={event.bestemming ?? undefined}>{Object.entries(BESTEMMING_LABEL).map(([w, l]) => <option key={w} value={w}>{l}</option>)}</select>
            </label>
          )}
          {soort === 'beoordeling' && (
            <label>
              Urgentie
              <select name="urgentie" defaultValue={event.urgentie ?? 0}>{[0, 1, 2, 3].map((u) => <option key={u}>{u}</option>)}</select>
            </label>
          )}
        </>
      )}
      <label>Reden<input name="reden" required minLength={5} maxLength={1000} /></label>
      <button type="submit">{modus === 'ongedaan' ? 'Ongedaan maken' : 'Corrigeren'}</button>
      <button type="button" className="secundair" onClick={() => zetModus(null)}>Annuleren</button>
      {fout && <div className="fout" role="alert">{fout}</div>}
    </form>
  );
}
