import { Link } from 'react-router';
import { useApi } from '../hooks';
import type { Ik } from '../types';

interface Wachtlijst {
  totaal: number;
  mediaanWachtdagen: number | null;
}
interface Signalen {
  aantallen: Record<string, number>;
  teLaat: number;
}

function Kaart({ titel, getal, onder, link }: { titel: string; getal: number | string | undefined; onder?: string; link: string }) {
  return (
    <Link className="kaart" to={link} style={{ textDecoration: 'none', color: 'inherit' }}>
      <div>{titel}</div>
      <div className="getal">{getal ?? '…'}</div>
      {onder && <div>{onder}</div>}
    </Link>
  );
}

const mediaan = (w: Wachtlijst | null) => (w?.mediaanWachtdagen == null ? '—' : `${Math.round(w.mediaanWachtdagen)} dagen`);

/** The working list of each organisation: what waits for it today. */
export function Overzicht({ ik }: { ik: Ik }) {
  const zorg = ik.soort !== 'woningcorporatie';
  const instroom = useApi<Wachtlijst>(zorg ? '/api/wachtlijsten/instroom?limiet=1' : null);
  const uitstroom = useApi<Wachtlijst>(zorg ? '/api/wachtlijsten/uitstroom?limiet=1' : null);
  const voorstellen = useApi<unknown[]>('/api/matching/voorstellen?status=voorstel');
  const akkoord = useApi<unknown[]>('/api/matching/voorstellen?status=akkoord_corporatie');
  const signalen = useApi<Signalen>('/api/signalen?limiet=1');
  const beschikbaar = useApi<{ totaal: number }>(!zorg ? '/api/woningen?status=beschikbaar&limiet=1' : null);
  const open = signalen.data ? (signalen.data.aantallen.gemeld ?? 0) + (signalen.data.aantallen.opgepakt ?? 0) + (signalen.data.aantallen.in_behandeling ?? 0) : undefined;
  return (
    <section>
      <h2>Overzicht {ik.organisatie}</h2>
      <div className="kaarten">
        {zorg && <Kaart titel="Wacht op instroom" getal={instroom.data?.totaal} onder={`mediane wachttijd ${mediaan(instroom.data)}`} link="/wachtlijsten" />}
        {zorg && <Kaart titel="Uitstroomklaar, wacht op woning" getal={uitstroom.data?.totaal} onder={`mediane wachttijd ${mediaan(uitstroom.data)}`} link="/wachtlijsten" />}
        {!zorg && <Kaart titel="Beschikbare woningen" getal={beschikbaar.data?.totaal} link="/woningen" />}
        <Kaart
          titel={zorg ? 'Voorstellen wachtend op akkoord aanbieder/cliënt' : 'Voorstellen wachtend op uw besluit'}
          getal={zorg ? akkoord.data?.length : voorstellen.data?.length}
          link="/matching"
        />
        <Kaart titel="Open signalen" getal={open} onder={signalen.data ? `${signalen.data.teLaat} over de termijn` : undefined} link="/signalen" />
      </div>
    </section>
  );
}
