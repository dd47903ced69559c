import { useApi } from '../hooks';
import type { Ik } from '../types';

interface Wachtlijst {
  regels: { wachtdagen: number }[];
}

export function Overzicht({ ik }: { ik: Ik }) {
  const zorg = ik.soort !== 'woningcorporatie';
  const instroom = useApi<Wachtlijst>(zorg ? '/api/wachtlijsten/instroom' : null);
  const uitstroom = useApi<Wachtlijst>(zorg ? '/api/wachtlijsten/uitstroom' : null);
  const mediaan = (w: Wachtlijst | null) => {
    if (!w || w.regels.length === 0) return '—';
    const d = w.regels.map((r) => r.wachtdagen).sort((a, b) => a - b);
    return `${d[Math.floor(d.length / 2)]} dagen`;
  };
  return (
    <section>
      <h2>Overzicht {ik.organisatie}</h2>
      {zorg ? (
        <div className="kaarten">
          <div className="kaart">
            <div>Wacht op instroom</div>
            <div className="getal">{instroom.data?.regels.length ?? '…'}</div>
            <div>mediane wachttijd {mediaan(instroom.data)}</div>
          </div>
          <div className="kaart">
            <div>Uitstroomklaar, wacht op woning</div>
            <div className="getal">{uitstroom.data?.regels.length ?? '…'}</div>
            <div>mediane wachttijd {mediaan(uitstroom.data)}</div>
          </div>
        </div>
      ) : (
        <p>Als woningcorporatie ziet u uw woningen, reserveringsafspraken en gepseudonimiseerde kandidaten.</p>
      )}
    </section>
  );
}
