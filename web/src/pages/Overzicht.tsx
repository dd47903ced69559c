import { Paragraph } from '@utrecht/component-library-react';
import { onderdruk } from '../../../src/domain/monitor';
import { useApi } from '../hooks';
import { getal } from '../format';
import { Pagina } from '../ui/Pagina';
import { Kaart } from '../ui/Kaart';
import type { Ik } from '../types';

interface Wachtlijst {
  totaal: number;
  mediaanWachtdagen: number | null;
}
interface SignalenTelling {
  aantallen: Record<string, number>;
  teLaat: number;
}

/**
 * A count as this organisation may read it. For a woningcorporatie counts of people (candidates, tenants with a
 * signal) follow the monitor's rule: 1–4 is shown as "<5" (src/domain/monitor.ts `onderdruk`), so this page
 * never shows a figure the monitor suppresses.
 */
export function telling(n: number | null | undefined, ik: Ik, overPersonen: boolean): string {
  if (n == null) return '…';
  if (overPersonen && ik.soort === 'woningcorporatie') {
    const zichtbaar = onderdruk(n);
    return zichtbaar === null ? '<5' : getal(zichtbaar);
  }
  return getal(n);
}

const wachttijd = (w: Wachtlijst | null) => (w?.mediaanWachtdagen == null ? 'mediane wachttijd onbekend' : `mediane wachttijd ${getal(Math.round(w.mediaanWachtdagen))} dagen`);

/** The landing page of every role: what waits for the organisation today, each card a link to the list. */
export function Overzicht({ ik }: { ik: Ik }) {
  const zorg = ik.soort !== 'woningcorporatie';
  const instroom = useApi<Wachtlijst>(zorg ? '/api/wachtlijsten/instroom?limiet=1' : null);
  const uitstroom = useApi<Wachtlijst>(zorg ? '/api/wachtlijsten/uitstroom?limiet=1' : null);
  const voorstellen = useApi<unknown[]>(zorg ? '/api/matching/voorstellen?status=akkoord_corporatie' : '/api/matching/voorstellen?status=voorstel');
  const signalen = useApi<SignalenTelling>('/api/signalen?limiet=1');
  const beschikbaar = useApi<{ totaal: number }>(!zorg ? '/api/woningen?status=beschikbaar&limiet=1' : null);
  const inbox = useApi<{ ongelezen: number }>('/api/meldingen/aantal');
  const a = signalen.data?.aantallen;
  const open = a ? (a.gemeld ?? 0) + (a.opgepakt ?? 0) + (a.in_behandeling ?? 0) + (a.geescaleerd ?? 0) : undefined;
  const fout = [instroom, uitstroom, voorstellen, signalen, beschikbaar, inbox].find((q) => q.fout)?.fout;
  return (
    <Pagina titel={`Overzicht ${ik.organisatie}`}>
      <Paragraph>Wat vandaag op uw organisatie wacht. Elke kaart opent de lijst erachter.</Paragraph>
      {fout && <Paragraph className="laden">Niet alle aantallen konden worden geladen: {fout}</Paragraph>}
      <div className="kaarten-raster">
        {zorg && <Kaart titel="Wacht op instroom" getal={telling(instroom.data?.totaal, ik, true)} onder={wachttijd(instroom.data)} naar="/wachtlijsten" />}
        {zorg && <Kaart titel="Uitstroomklaar, wacht op woning" getal={telling(uitstroom.data?.totaal, ik, true)} onder={wachttijd(uitstroom.data)} naar="/wachtlijsten" />}
        {!zorg && <Kaart titel="Beschikbare woningen" getal={telling(beschikbaar.data?.totaal, ik, false)} onder="klaar om toe te wijzen" naar="/woningen" />}
        <Kaart
          titel={zorg ? 'Voorstellen wachtend op akkoord aanbieder en cliënt' : 'Voorstellen wachtend op uw besluit'}
          getal={telling(voorstellen.data?.length, ik, true)}
          onder={zorg ? 'de corporatie gaf al akkoord' : 'kandidaten voor uw woningen'}
          naar="/matching"
        />
        <Kaart
          titel="Open signalen"
          getal={telling(open, ik, true)}
          onder={signalen.data ? `waarvan ${telling(signalen.data.teLaat, ik, true)} over de termijn` : undefined}
          naar="/signalen"
        />
        <Kaart titel="Ongelezen meldingen" getal={telling(inbox.data?.ongelezen, ik, false)} onder="in de inbox van uw organisatie" naar="/inbox" />
      </div>
      {!zorg && (
        <Paragraph className="toelichting">
          Aantallen van 1 tot 4 personen staan er als &lt;5, zoals in de monitor: zo is niemand uit een klein aantal te herleiden.
        </Paragraph>
      )}
    </Pagina>
  );
}
