import { useState, type FormEvent } from 'react';
import { Button, Heading2, Select, SelectOption } from '@utrecht/component-library-react';
import { api } from '../api';
import { useApi, useOrganisaties, useWijziging } from '../hooks';
import { nlDatum } from '../format';
import { HUURCONSTRUCTIE_LABEL, WONING_TYPE_LABEL } from '../labels';
import { Veld } from '../ui/Veld';
import { useBevestiging } from '../ui/Bevestig';
import { useMeld } from '../ui/Melding';
import { PlaatsingVelden, legePlaatsing, plaatsingBody, plaatsingFouten, type PlaatsingWaarde } from './PlaatsingVelden';
import { FormulierVoet } from '../ui/FormulierVoet';

interface Woning {
  id: string;
  adres: string;
  gemeenteId: string;
  type: string;
  kamers: number;
  beschikbaarPer: string;
}

/**
 * Direct placement outside a matching round (e.g. a home the corporatie offered by phone). The form asks for
 * the dates and agreed conditions the chosen huurconstructie requires; the server checks again and its refusals
 * show at their fields.
 */
export function Plaatsen({ clientId, aanbiederId, onGeplaatst }: { clientId: string; aanbiederId: string | null; onGeplaatst: () => void }) {
  const [open, zetOpen] = useState(false);
  const [waarde, zetWaarde] = useState<PlaatsingWaarde>(() => legePlaatsing(aanbiederId));
  const [woningId, zetWoningId] = useState('');
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [algemeen, zetAlgemeen] = useState<string | null>(null);
  const [dialoog, vraag] = useBevestiging();
  const meld = useMeld();
  const orgs = useOrganisaties();
  const { data } = useApi<{ woningen: Woning[] }>(open ? '/api/woningen?status=beschikbaar&limiet=1000' : null);
  const woningen = data?.woningen ?? [];
  const plaats = useWijziging((body: unknown) => api('/api/plaatsingen', { method: 'POST', body }), ['/api/plaatsingen', '/api/woningen', '/api/clienten', '/api/afspraken']);
  const verstuur = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const gekozen = woningen.find((w) => w.id === (woningId || woningen[0]?.id));
    if (!gekozen) {
      zetFouten({ woningId: 'Kies een woning.' });
      return;
    }
    if (!(await vraag({ titel: 'Cliënt plaatsen?', tekst: `De cliënt wordt geplaatst in ${gekozen.adres} (${HUURCONSTRUCTIE_LABEL[waarde.huurconstructie]}).`, bevestig: 'Plaatsen' }))) return;
    zetFouten({});
    zetAlgemeen(null);
    try {
      await plaats.mutateAsync({ clientId, woningId: gekozen.id, ...plaatsingBody(waarde) });
      meld(`Geplaatst in ${gekozen.adres} (${HUURCONSTRUCTIE_LABEL[waarde.huurconstructie]}).`);
      zetOpen(false);
      onGeplaatst();
    } catch (err) {
      const v = plaatsingFouten(err);
      zetFouten(v);
      zetAlgemeen(Object.keys(v).length ? 'Niet geplaatst: verbeter de velden met een melding.' : (err as Error).message);
    }
  };
  if (!open) {
    return (
      <p className="geen-print">
        <Button appearance="secondary-action-button" onClick={() => zetOpen(true)}>
          Plaatsen in een woning
        </Button>
      </p>
    );
  }
  return (
    <>
    {dialoog}
    <form className="voorstel-paneel formulier geen-print" onSubmit={verstuur} noValidate aria-labelledby="plaatsen-kop">
      <Heading2 id="plaatsen-kop">Plaatsen in een woning</Heading2>
      <Veld label="Woning" naam="woningId" fout={fouten.woningId} beschrijving="Beschikbare woningen van de regio">
        {(p) => (
          <Select {...p} value={woningId || woningen[0]?.id || ''} onChange={(e) => zetWoningId(e.target.value)}>
            {woningen.map((w) => (
              <SelectOption key={w.id} value={w.id}>
                {w.adres} · {orgs.naam(w.gemeenteId)} · {WONING_TYPE_LABEL[w.type]} · {w.kamers} kamer(s) · per {nlDatum(w.beschikbaarPer)}
              </SelectOption>
            ))}
          </Select>
        )}
      </Veld>
      <PlaatsingVelden waarde={waarde} zet={zetWaarde} fouten={fouten} />
      <FormulierVoet knop="Plaatsen" bezig={plaats.isPending} fout={algemeen} onAnnuleer={() => zetOpen(false)} />
    </form>
    </>
  );
}
