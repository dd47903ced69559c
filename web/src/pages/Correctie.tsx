import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading3, Textarea } from '@utrecht/component-library-react';
import { api } from '../api';
import { useWijziging } from '../hooks';
import { EVENT_LABEL, FASE_LABEL } from '../labels';
import { EVENT_SOORTEN } from '../../../src/domain/trajecten';
import { nlDatum } from '../format';
import { Veld } from '../ui/Veld';
import { useBevestiging } from '../ui/Bevestig';
import { useMeld } from '../ui/Melding';
import { verdeelFout } from './NieuweClient';
import { GebeurtenisVelden, gebeurtenisBody, type GebeurtenisInvoer } from './GebeurtenisVelden';
import { FormulierVoet } from '../ui/FormulierVoet';

export interface TijdlijnEvent {
  id: number;
  soort: string;
  datum: string;
  niveau: string | null;
  bestemming: string | null;
  woonsituatie?: string | null;
  urgentie: number | null;
  aanbiederId?: string | null;
  toelichting: string | null;
  geldig: boolean;
  vervaltEventId: number | null;
  reden: string | null;
}

const label = (e: { soort: string; datum: string }) => `${EVENT_LABEL[e.soort] ?? e.soort} van ${nlDatum(e.datum)}`;

/**
 * AVG art. 16 on the timeline: an event registered in error is corrected (replaced) or voided, with a reason and a
 * confirmation. The event stays in the history, marked as vervallen; the server re-derives the state and refuses
 * a correction after which the trajectory no longer holds.
 */
export function CorrectieKnoppen({ clientId, event }: { clientId: string; event: TijdlijnEvent }) {
  const [modus, zetModus] = useState<'ongedaan' | 'corrigeren' | null>(null);
  if (!modus) {
    return (
      <ButtonGroup className="geen-print correctieknoppen">
        <Button appearance="secondary-action-button" onClick={() => zetModus('corrigeren')} aria-label={`${label(event)} corrigeren`}>
          Corrigeren
        </Button>
        <Button appearance="secondary-action-button" onClick={() => zetModus('ongedaan')} aria-label={`${label(event)} ongedaan maken`}>
          Ongedaan maken
        </Button>
      </ButtonGroup>
    );
  }
  return <CorrectieFormulier clientId={clientId} event={event} modus={modus} sluit={() => zetModus(null)} />;
}

function CorrectieFormulier({ clientId, event, modus, sluit }: { clientId: string; event: TijdlijnEvent; modus: 'ongedaan' | 'corrigeren'; sluit: () => void }) {
  const meld = useMeld();
  const [dialoog, vraag] = useBevestiging();
  const [vervanging, zetVervanging] = useState<GebeurtenisInvoer>({
    soort: event.soort,
    datum: event.datum,
    niveau: event.niveau ?? '',
    urgentie: String(event.urgentie ?? 0),
    bestemming: event.bestemming ?? '',
    woonsituatie: event.woonsituatie ?? '',
    aanbiederId: event.aanbiederId ?? '',
  });
  const { soort, datum } = vervanging;
  const [reden, zetReden] = useState('');
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [algemeen, zetAlgemeen] = useState<string | null>(null);
  const corrigeer = useWijziging(
    (body: unknown) => api<{ toestand?: { fase: string } }>(`/api/clienten/${clientId}/events/${event.id}/correctie`, { method: 'POST', body }),
    ['/api/clienten', '/api/wachtlijsten', '/api/kandidaten'],
  );
  const titel = modus === 'ongedaan' ? `${label(event)} ongedaan maken` : `${label(event)} corrigeren`;
  const verstuur = async (e: FormEvent) => {
    e.preventDefault();
    zetFouten({});
    zetAlgemeen(null);
    if (reden.trim().length < 5) return zetFouten({ reden: 'Reden is te kort (minstens 5 tekens)' });
    const ja = await vraag({
      titel: `${titel}?`,
      tekst:
        modus === 'ongedaan'
          ? `${label(event)} vervalt. Ze blijft zichtbaar als vervallen; fase, wachtlijsten en monitor worden opnieuw berekend.`
          : `${label(event)} wordt vervangen door ${label({ soort, datum })}. De oude blijft zichtbaar als vervallen; de fase wordt opnieuw berekend.`,
      bevestig: modus === 'ongedaan' ? 'Ongedaan maken' : 'Corrigeren',
    });
    if (!ja) return;
    try {
      const r = await corrigeer.mutateAsync({
        reden: reden.trim(),
        vervanging:
          modus === 'corrigeren'
            ? { ...gebeurtenisBody(vervanging), toelichting: event.toelichting }
            : null,
      });
      const fase = r.toestand ? ` Fase nu: ${FASE_LABEL[r.toestand.fase] ?? r.toestand.fase}.` : '';
      meld(modus === 'ongedaan' ? `${label(event)} is ongedaan gemaakt.${fase}` : `${label(event)} is gecorrigeerd.${fase}`);
      sluit();
    } catch (err) {
      // the replacement's fields are nested under vervanging: show them at the fields of this form
      const f = verdeelFout(err);
      zetFouten(Object.fromEntries(Object.entries(f.velden).map(([k, v]) => [k.replace(/^vervanging\./, ''), v])));
      zetAlgemeen(f.algemeen);
    }
  };
  const kopId = `correctie-${event.id}`;
  return (
    <>
    <form className="kaart geen-print correctie-formulier" onSubmit={(e) => void verstuur(e)} noValidate aria-labelledby={kopId}>
      <Heading3 id={kopId}>{titel}</Heading3>
      {modus === 'corrigeren' && (
        <GebeurtenisVelden waarde={vervanging} wijzig={(deel) => zetVervanging((g) => ({ ...g, ...deel }))} soorten={EVENT_SOORTEN} fouten={fouten} />
      )}
      <Veld label="Reden" naam="reden" fout={fouten.reden} beschrijving="Waarom deze gebeurtenis niet klopt; wordt vastgelegd en staat in de inzage voor de cliënt.">
        {(p) => <Textarea {...p} rows={2} value={reden} onChange={(e) => zetReden(e.target.value)} />}
      </Veld>
      <FormulierVoet knop={modus === 'ongedaan' ? 'Ongedaan maken' : 'Corrigeren'} bezig={corrigeer.isPending} fout={algemeen} onAnnuleer={sluit} />
    </form>
    {dialoog}
    </>
  );
}
