import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading3, Select, SelectOption, Textarea, Textbox } from '@utrecht/component-library-react';
import { api } from '../api';
import { useWijziging } from '../hooks';
import { BESTEMMING_LABEL, EVENT_LABEL, EVENT_VRAAGT, FASE_LABEL, NIVEAU_LABEL, URGENTIE_LABEL } from '../labels';
import { EVENT_SOORTEN } from '../../../src/domain/trajecten';
import { nlDatum } from '../format';
import { Veld } from '../ui/Veld';
import { Fout } from '../ui/Status';
import { useBevestiging } from '../ui/Bevestig';
import { useMeld } from '../ui/Melding';
import { verdeelFout } from './NieuweClient';
import { LabelOpties } from '../ui/LabelOpties';

export interface TijdlijnEvent {
  id: number;
  soort: string;
  datum: string;
  niveau: string | null;
  bestemming: string | null;
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
  const [soort, zetSoort] = useState(event.soort);
  const [datum, zetDatum] = useState(event.datum);
  const [niveau, zetNiveau] = useState(event.niveau ?? '');
  const [urgentie, zetUrgentie] = useState(String(event.urgentie ?? 0));
  const [bestemming, zetBestemming] = useState(event.bestemming ?? '');
  const [reden, zetReden] = useState('');
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [algemeen, zetAlgemeen] = useState<string | null>(null);
  const vraagt = EVENT_VRAAGT[soort] ?? [];
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
            ? {
                soort,
                datum,
                niveau: vraagt.includes('niveau') ? niveau || null : null,
                bestemming: vraagt.includes('bestemming') ? bestemming || null : null,
                urgentie: vraagt.includes('urgentie') ? Number(urgentie) : null,
                toelichting: event.toelichting,
              }
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
        <div className="velden">
          <Veld label="Gebeurtenis" naam="soort" fout={fouten.soort}>
            {(p) => (
              <Select {...p} value={soort} onChange={(e) => zetSoort(e.target.value)}>
                {EVENT_SOORTEN.map((s) => (
                  <SelectOption key={s} value={s}>
                    {EVENT_LABEL[s] ?? s}
                  </SelectOption>
                ))}
              </Select>
            )}
          </Veld>
          <Veld label="Datum" naam="datum" fout={fouten.datum}>
            {(p) => <Textbox {...p} type="date" value={datum} onChange={(e) => zetDatum(e.target.value)} />}
          </Veld>
          {vraagt.includes('niveau') && (
            <Veld label="Niveau" naam="niveau" fout={fouten.niveau}>
              {(p) => (
                <Select {...p} value={niveau} onChange={(e) => zetNiveau(e.target.value)}>
                  <SelectOption value="">Kies een niveau</SelectOption>
                  <LabelOpties labels={NIVEAU_LABEL} />
                </Select>
              )}
            </Veld>
          )}
          {vraagt.includes('urgentie') && (
            <Veld label="Urgentie" naam="urgentie" fout={fouten.urgentie}>
              {(p) => (
                <Select {...p} value={urgentie} onChange={(e) => zetUrgentie(e.target.value)}>
                  <LabelOpties labels={URGENTIE_LABEL} />
                </Select>
              )}
            </Veld>
          )}
          {vraagt.includes('bestemming') && (
            <Veld label="Bestemming" naam="bestemming" fout={fouten.bestemming}>
              {(p) => (
                <Select {...p} value={bestemming} onChange={(e) => zetBestemming(e.target.value)}>
                  <SelectOption value="">Kies een bestemming</SelectOption>
                  <LabelOpties labels={BESTEMMING_LABEL} />
                </Select>
              )}
            </Veld>
          )}
        </div>
      )}
      <Veld label="Reden" naam="reden" fout={fouten.reden} beschrijving="Waarom deze gebeurtenis niet klopt; wordt vastgelegd en staat in de inzage voor de cliënt.">
        {(p) => <Textarea {...p} rows={2} value={reden} onChange={(e) => zetReden(e.target.value)} />}
      </Veld>
      {algemeen && <Fout>{algemeen}</Fout>}
      <ButtonGroup>
        <Button appearance="primary-action-button" type="submit" busy={corrigeer.isPending} disabled={corrigeer.isPending}>
          {modus === 'ongedaan' ? 'Ongedaan maken' : 'Corrigeren'}
        </Button>
        <Button appearance="secondary-action-button" type="button" onClick={sluit}>
          Annuleren
        </Button>
      </ButtonGroup>
    </form>
    {dialoog}
    </>
  );
}
