import { alleenLezen, useIk } from '../ik';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, FormField, FormLabel, Paragraph } from '@utrecht/component-library-react';
import { api, queryString } from '../api';
import { useApi, useWijziging } from '../hooks';
import { getal, nlTijdstip } from '../format';
import { Pagina } from '../ui/Pagina';
import { Fout, Gegevens } from '../ui/Status';
import { Tabel } from '../ui/Tabel';
import { useMeld } from '../ui/Melding';

interface Melding {
  id: string;
  titel: string;
  tekst: string;
  link: string | null;
  gelezen: boolean;
  aangemaakt: string;
}
interface InboxAntwoord {
  ongelezen: number;
  totaal: number;
  meldingen: Melding[];
}

const PAGINA = 25;
/** Notifications stored before the browser routes carry '#/signalen/…'; both lead to the same page. */
export const meldingLink = (link: string) => (link.startsWith('#/') ? link.slice(1) : link);

/** The organisation's inbox: what happened to its signals, escalations and coming omklap dates. */
export function Inbox() {
  // a lezer only reads: marking read changes the organisation's inbox for everyone
  const lezer = alleenLezen(useIk());
  const [alleenOngelezen, zetAlleenOngelezen] = useState(false);
  const [offset, zetOffset] = useState(0);
  const qc = useQueryClient();
  const meld = useMeld();
  const { data, fout } = useApi<InboxAntwoord>(`/api/meldingen${queryString({ ongelezen: alleenOngelezen ? 'true' : undefined, limiet: PAGINA, offset })}`);
  // the badge in the menu says what this page says, also when another colleague changed the inbox meanwhile
  useEffect(() => {
    if (data) qc.setQueryData(['/api/meldingen/aantal'], { ongelezen: data.ongelezen });
  }, [data, qc]);
  // every change refetches the list and the badge (both live under /api/meldingen)
  const markeer = useWijziging((pad: string) => api<{ gemarkeerd?: number }>(pad, { method: 'POST' }), ['/api/meldingen']);
  const alles = async () => {
    const r = await markeer.mutateAsync('/api/meldingen/gelezen');
    meld(`${getal(r.gemarkeerd ?? 0)} ${r.gemarkeerd === 1 ? 'melding' : 'meldingen'} als gelezen gemarkeerd.`);
  };
  const een = async (m: Melding) => {
    await markeer.mutateAsync(`/api/meldingen/${m.id}/gelezen`);
    meld(`Melding "${m.titel}" als gelezen gemarkeerd.`);
  };
  return (
    <Pagina
      titel="Inbox"
      acties={
        data && data.ongelezen > 0 && !lezer ? (
          <Button appearance="secondary-action-button" onClick={() => void alles().catch(() => {})} disabled={markeer.isPending}>
            Alles als gelezen markeren
          </Button>
        ) : undefined
      }
    >
      <Paragraph>
        Meldingen voor de hele organisatie: nieuwe en geëscaleerde signalen, afgehandelde signalen en naderende omklap- of proefhuurdata.
        {data && (
          <>
            {' '}
            <strong data-testid="ongelezen">{data.ongelezen === 0 ? 'Alles is gelezen.' : `${getal(data.ongelezen)} ongelezen.`}</strong>
          </>
        )}
      </Paragraph>
      <FormField type="checkbox" className="filters" data-leesactie>
        <Checkbox
          id="alleen-ongelezen"
          checked={alleenOngelezen}
          onChange={(e) => {
            zetAlleenOngelezen(e.currentTarget.checked);
            zetOffset(0);
          }}
        />
        <FormLabel htmlFor="alleen-ongelezen" type="checkbox">
          Alleen ongelezen meldingen
        </FormLabel>
      </FormField>
      {markeer.error && <Fout>{markeer.error.message}</Fout>}
      <div className="inbox-lijst">
      <Gegevens data={data} fout={fout} leeg={alleenOngelezen ? 'Geen ongelezen meldingen.' : 'Er zijn nog geen meldingen voor uw organisatie.'} isLeeg={(d) => d.totaal === 0}>
        {(d) => (
          <Tabel<Melding>
            bijschrift="Meldingen, nieuwste eerst"
            eenheid="meldingen"
            rijen={d.meldingen}
            sleutel={(m) => m.id}
            paginering={{ offset, limiet: PAGINA, totaal: d.totaal, onOffset: zetOffset }}
            kolommen={[
              { kop: 'Ontvangen', cel: (m) => <span className="geen-afbreken">{nlTijdstip(m.aangemaakt)}</span> },
              {
                kop: 'Melding',
                cel: (m) => (
                  <div className={m.gelezen ? 'melding-gelezen' : 'melding-ongelezen'}>
                    {!m.gelezen && <span className="label">Nieuw</span>}{' '}
                    {m.link ? (
                      <RouterLink to={meldingLink(m.link)} className="utrecht-link" onClick={() => !m.gelezen && markeer.mutate(`/api/meldingen/${m.id}/gelezen`)}>
                        {m.titel}
                      </RouterLink>
                    ) : (
                      <strong>{m.titel}</strong>
                    )}
                    <div>{m.tekst}</div>
                  </div>
                ),
              },
              {
                kop: <span className="visueel-verborgen">Actie</span>,
                cel: (m) =>
                  m.gelezen ? (
                    <span className="label">Gelezen</span>
                  ) : lezer ? (
                    <span className="label">Ongelezen</span>
                  ) : (
                    <Button appearance="secondary-action-button" onClick={() => void een(m).catch(() => {})} disabled={markeer.isPending} aria-label={`Gelezen: ${m.titel}`}>
                      Gelezen
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Gegevens>
      </div>
    </Pagina>
  );
}
