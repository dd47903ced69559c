import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Checkbox, FormLabel, Heading2, Paragraph, Select, SelectOption, Textbox } from '@utrecht/component-library-react';
import { api, ApiFout, queryString } from '../api';
import { useApi, useOrganisaties, useWijziging } from '../hooks';
import type { Ik } from '../types';
import { euroUitCenten, getal, leesGetal, nlDatum } from '../format';
import { HUURCONSTRUCTIE_LABEL, WONING_STATUS_LABEL, WONING_STATUS_OVERGANGEN, WONING_TYPE_LABEL } from '../labels';
import { voorwaardeLabel } from '../../../src/domain/woningen';
import { Pagina } from '../ui/Pagina';
import { Tabel, useBladeren } from '../ui/Tabel';
import { Tabs } from '../ui/Tabs';
import { Veld } from '../ui/Veld';
import { Voortgang } from '../ui/Voortgang';
import { Fout, Gegevens } from '../ui/Status';
import { useBevestiging } from '../ui/Bevestig';
import { useMeld } from '../ui/Melding';
import { DatumInvoer } from '../ui/DatumInvoer';
import { GemeenteOpties } from '../ui/GemeenteOpties';
import { useBegeleidingRegels } from './Begeleiding';
import { FormulierVoet } from '../ui/FormulierVoet';

export interface Woning {
  id: string;
  corporatieId: string;
  gemeenteId: string;
  adres: string;
  wijk: string;
  complex: string;
  type: string;
  kamers: number;
  huurCenten: number;
  toegankelijk: boolean;
  beschikbaarPer: string;
  status: string;
}
export interface Afspraak {
  id: string;
  jaar: number;
  gemeenteId: string;
  gemeente: string;
  corporatieId: string;
  corporatie: string;
  aantal: number;
  maxPerComplex: number;
  maxPerWijk: number;
  begeleiding: string;
  /** null: 1–4, suppressed for a woningcorporatie like the Monitor does */
  gerealiseerd: number | null;
  onderdrukt: boolean;
}
interface Plaatsing {
  id: string;
  woningId: string;
  adres: string;
  clientPseudoniem: string;
  huurconstructie: string;
  startdatum: string;
  einddatum: string | null;
  omklapdatum: string | null;
  aanbieder: string | null;
  contactpersoon: string | null;
  contactTelefoon: string | null;
  voorwaarden: Record<string, string> | null;
  waarschuwing: { vanaf: string; moment: string; soort: 'omklap' | 'einde_proefhuur' } | null;
  waarschuwingActief: boolean;
}
interface Kandidaat {
  pseudoniem: string;
  leeftijdscategorie: string;
  herkomstgemeenteId: string;
  woonwensen: { gemeenten: string[]; minKamers: number | null; toegankelijk: boolean };
  ondersteuningsniveau: string | null;
  wachtdagen: number;
  urgentie: number;
  schuldGeregeld: boolean;
}

export const JAREN = [2024, 2025, 2026, 2027];
const PER_PAGINA = 25;

function NieuweWoning({ sluit }: { sluit: () => void }) {
  const meld = useMeld();
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const maak = useWijziging((body: unknown) => api<Woning>('/api/woningen', { method: 'POST', body }), ['/api/woningen']);
  const verstuur = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const huur = leesGetal(String(f.get('huur') ?? ''));
    if (huur === null) {
      zetFouten({ huurCenten: 'Vul de huur in euro in, bijvoorbeeld 612,50.' });
      return;
    }
    zetFouten({});
    try {
      const w = await maak.mutateAsync({
        gemeenteId: f.get('gemeenteId'),
        adres: f.get('adres'),
        wijk: f.get('wijk'),
        complex: f.get('complex'),
        type: f.get('type'),
        kamers: Number(f.get('kamers')),
        huurCenten: Math.round(huur * 100),
        toegankelijk: f.get('toegankelijk') === 'on',
        beschikbaarPer: f.get('beschikbaarPer'),
      });
      meld(`Woning ${w.adres} toegevoegd.`);
      sluit();
    } catch (err) {
      const v = err instanceof ApiFout ? err.veldFouten : {};
      zetFouten(Object.keys(v).length ? v : { algemeen: (err as Error).message });
    }
  };
  return (
    <form className="voorstel-paneel formulier" onSubmit={verstuur} noValidate aria-labelledby="nieuwe-woning-kop">
      <Heading2 id="nieuwe-woning-kop">Woning toevoegen</Heading2>
      <Veld label="Gemeente" naam="gemeenteId" fout={fouten.gemeenteId}>
        {(p) => <Select {...p}><GemeenteOpties /></Select>}
      </Veld>
      <Veld label="Adres" naam="adres" fout={fouten.adres}>{(p) => <Textbox {...p} autoComplete="off" />}</Veld>
      <Veld label="Wijk" naam="wijk" fout={fouten.wijk}>{(p) => <Textbox {...p} />}</Veld>
      <Veld label="Complex" naam="complex" fout={fouten.complex}>{(p) => <Textbox {...p} />}</Veld>
      <Veld label="Type" naam="type" fout={fouten.type}>
        {(p) => <Select {...p}>{Object.entries(WONING_TYPE_LABEL).map(([w, l]) => <SelectOption key={w} value={w}>{l}</SelectOption>)}</Select>}
      </Veld>
      <Veld label="Kamers" naam="kamers" fout={fouten.kamers}>{(p) => <Textbox {...p} type="number" min={1} defaultValue={1} />}</Veld>
      <Veld label="Huur per maand (€)" naam="huur" fout={fouten.huurCenten} beschrijving="Bijvoorbeeld 612,50">{(p) => <Textbox {...p} inputMode="decimal" />}</Veld>
      <Veld label="Beschikbaar per" naam="beschikbaarPer" fout={fouten.beschikbaarPer}>{(p) => <DatumInvoer {...p} />}</Veld>
      <div className="veld">
        <Checkbox id="nieuw-toegankelijk" name="toegankelijk" /> <FormLabel htmlFor="nieuw-toegankelijk" type="checkbox">Toegankelijk (rolstoel, gelijkvloers)</FormLabel>
      </div>
      <FormulierVoet knop="Opslaan" bezig={maak.isPending} fout={fouten.algemeen} onAnnuleer={sluit} />
    </form>
  );
}

/** Changing a home's status: choose, then save explicitly after a confirmation; never on change. */
function StatusWijzigen({ w }: { w: Woning }) {
  const [dialoog, vraag] = useBevestiging();
  const meld = useMeld();
  const [open, zetOpen] = useState(false);
  const opties = WONING_STATUS_OVERGANGEN[w.status] ?? [];
  const [nieuw, zetNieuw] = useState(opties[0] ?? '');
  const wijzig = useWijziging((status: string) => api(`/api/woningen/${w.id}`, { method: 'PATCH', body: { status } }), ['/api/woningen']);
  if (!opties.length) return null;
  if (!open) {
    return (
      <Button appearance="secondary-action-button" onClick={() => zetOpen(true)}>
        Status wijzigen<span className="visueel-verborgen"> van {w.adres}</span>
      </Button>
    );
  }
  const opslaan = async (e: FormEvent) => {
    e.preventDefault();
    const naar = WONING_STATUS_LABEL[nieuw];
    if (!(await vraag({ titel: 'Status wijzigen?', tekst: `De status van ${w.adres} wordt ${naar} (nu ${WONING_STATUS_LABEL[w.status]}).`, bevestig: 'Status opslaan' }))) return;
    try {
      await wijzig.mutateAsync(nieuw);
      meld(`Status van ${w.adres} is nu ${naar}.`);
      zetOpen(false);
    } catch {
      // the error shows below the select
    }
  };
  const id = `status-${w.id}`;
  return (
    <>
    {dialoog}
    <form className="status-wijzigen" onSubmit={opslaan}>
      <FormLabel htmlFor={id} className="visueel-verborgen">Nieuwe status van {w.adres}</FormLabel>
      <Select id={id} value={nieuw} onChange={(e) => zetNieuw(e.target.value)}>
        {opties.map((s) => <SelectOption key={s} value={s}>{WONING_STATUS_LABEL[s]}</SelectOption>)}
      </Select>
      <Button appearance="primary-action-button" type="submit" disabled={wijzig.isPending}>Opslaan</Button>
      <Button appearance="subtle-button" type="button" onClick={() => zetOpen(false)}>Annuleren</Button>
      {wijzig.error && <Fout>{wijzig.error.message}</Fout>}
    </form>
    </>
  );
}

function EigenWoningen({ ik }: { ik: Ik }) {
  const orgs = useOrganisaties();
  const [gemeenteId, zetGemeente] = useState('');
  const [type, zetType] = useState('');
  const [status, zetStatus] = useState('');
  const [nieuw, zetNieuw] = useState(false);
  const blad = useBladeren({ sorteer: 'beschikbaarPer', richting: 'op' }, PER_PAGINA);
  const { data, fout } = useApi<{ totaal: number; woningen: Woning[] }>(
    `/api/woningen${queryString({ gemeenteId, type, status, ...blad.query })}`,
  );
  const magSchrijven = ik.rol === 'beheerder' || ik.rol === 'consulent';
  const filter = (zet: (v: string) => void) => (e: { target: { value: string } }) => {
    blad.vanafBegin();
    zet(e.target.value);
  };
  return (
    <>
      {magSchrijven && !nieuw && (
        <Button appearance="secondary-action-button" onClick={() => zetNieuw(true)}>Woning toevoegen</Button>
      )}
      {nieuw && <NieuweWoning sluit={() => zetNieuw(false)} />}
      <div className="filters">
        <Veld label="Gemeente" naam="gemeenteId">
          {(p) => <Select {...p} value={gemeenteId} onChange={filter(zetGemeente)}><GemeenteOpties alle="Alle" /></Select>}
        </Veld>
        <Veld label="Type" naam="type">
          {(p) => <Select {...p} value={type} onChange={filter(zetType)}><SelectOption value="">Alle</SelectOption>{Object.entries(WONING_TYPE_LABEL).map(([w, l]) => <SelectOption key={w} value={w}>{l}</SelectOption>)}</Select>}
        </Veld>
        <Veld label="Status" naam="status">
          {(p) => <Select {...p} value={status} onChange={filter(zetStatus)}><SelectOption value="">Alle</SelectOption>{Object.entries(WONING_STATUS_LABEL).map(([w, l]) => <SelectOption key={w} value={w}>{l}</SelectOption>)}</Select>}
        </Veld>
      </div>
      <Gegevens data={data} fout={fout}>
        {(d) => (
          <Tabel
            bijschrift="Eigen woningvoorraad"
            eenheid="woningen"
            rijen={d.woningen}
            sleutel={(w) => w.id}
            {...blad.tabel(d.totaal)}
            kolommen={[
              { kop: 'Adres', sorteer: 'adres', cel: (w) => <>{w.adres} {w.toegankelijk && <span className="label">toegankelijk</span>}</> },
              { kop: 'Gemeente', cel: (w) => orgs.naam(w.gemeenteId) },
              { kop: 'Wijk / complex', sorteer: 'wijk', cel: (w) => `${w.wijk} / ${w.complex}` },
              { kop: 'Type', sorteer: 'type', cel: (w) => WONING_TYPE_LABEL[w.type] ?? w.type },
              { kop: 'Kamers', sorteer: 'kamers', getal: true, cel: (w) => getal(w.kamers) },
              { kop: 'Huur', sorteer: 'huurCenten', getal: true, cel: (w) => euroUitCenten(w.huurCenten) },
              { kop: 'Beschikbaar per', sorteer: 'beschikbaarPer', cel: (w) => nlDatum(w.beschikbaarPer) },
              { kop: 'Status', sorteer: 'status', cel: (w) => WONING_STATUS_LABEL[w.status] ?? w.status },
              ...(magSchrijven ? [{ kop: <span className="visueel-verborgen">Wijzigen</span>, cel: (w: Woning) => <StatusWijzigen key={`${w.id}-${w.status}`} w={w} /> }] : []),
            ]}
          />
        )}
      </Gegevens>
    </>
  );
}

function EigenAfspraken() {
  const [jaar, zetJaar] = useState(2026);
  const { data, fout } = useApi<Afspraak[]>(`/api/afspraken?jaar=${jaar}`);
  return (
    <>
      <Paragraph>
        De gemeente legt de afspraken vast; u ziet hoeveel woningen zijn toegezegd en hoeveel plaatsingen in uw woningen dat jaar al zijn
        gerealiseerd. Aantallen van 1 tot 4 ziet u als "&lt;5", zoals in de Monitor.
      </Paragraph>
      <div className="filters">
        <Veld label="Jaar" naam="jaar">
          {(p) => <Select {...p} value={String(jaar)} onChange={(e) => zetJaar(Number(e.target.value))}>{JAREN.map((j) => <SelectOption key={j} value={String(j)}>{j}</SelectOption>)}</Select>}
        </Veld>
      </div>
      <Gegevens data={data} fout={fout} leeg={`Geen afspraken voor ${jaar}.`} isLeeg={(d) => d.length === 0}>
        {(d) => (
          <Tabel
            bijschrift={`Reserveringsafspraken ${jaar}`}
            eenheid="afspraken"
            rijen={d}
            sleutel={(a) => a.id}
            kolommen={[
              { kop: 'Gemeente', cel: (a) => a.gemeente },
              { kop: 'Gerealiseerd / toegezegd', cel: (a) => <Voortgang gerealiseerd={a.gerealiseerd} beloofd={a.aantal} wat={`Gerealiseerd in ${a.gemeente}`} /> },
              { kop: 'Max per complex', getal: true, cel: (a) => getal(a.maxPerComplex) },
              { kop: 'Max per wijk', getal: true, cel: (a) => getal(a.maxPerWijk) },
              { kop: 'Begeleiding', cel: (a) => a.begeleiding },
            ]}
          />
        )}
      </Gegevens>
    </>
  );
}

function PlaatsingenInWoningen() {
  const [welke, zetWelke] = useState<'lopend' | 'waarschuwingen' | 'alle'>('lopend');
  const blad = useBladeren({ sorteer: 'startdatum', richting: 'af' }, PER_PAGINA);
  const { data, fout } = useApi<{ totaal: number; plaatsingen: Plaatsing[] }>(
    `/api/plaatsingen${queryString({ lopend: welke === 'lopend' ? 'true' : undefined, waarschuwingen: welke === 'waarschuwingen' ? 'true' : undefined, ...blad.query })}`,
  );
  const begeleiding = useBegeleidingRegels(data?.plaatsingen.map((p) => p.id) ?? []);
  return (
    <>
      <Paragraph>Plaatsingen van cliënten (alleen hun pseudoniem) in uw woningen. Bij een zorgaanbieder ziet u de contactpersoon die u kunt bellen.</Paragraph>
      <div className="filters">
        <Veld label="Welke plaatsingen" naam="welke">
          {(p) => (
            <Select {...p} value={welke} onChange={(e) => { blad.vanafBegin(); zetWelke(e.target.value as typeof welke); }}>
              <SelectOption value="lopend">Lopend</SelectOption>
              <SelectOption value="waarschuwingen">Omklap of einde proefhuur binnenkort</SelectOption>
              <SelectOption value="alle">Alle, ook beëindigd</SelectOption>
            </Select>
          )}
        </Veld>
      </div>
      <Gegevens data={data} fout={fout}>
        {(d) => (
          <Tabel
            bijschrift="Plaatsingen in uw woningen"
            eenheid="plaatsingen"
            rijen={d.plaatsingen}
            sleutel={(p) => p.id}
            {...blad.tabel(d.totaal)}
            kolommen={[
              { kop: 'Adres', sorteer: 'adres', cel: (p) => p.adres },
              { kop: 'Cliënt (pseudoniem)', sorteer: 'pseudoniem', cel: (p) => p.clientPseudoniem },
              { kop: 'Huurconstructie', sorteer: 'huurconstructie', cel: (p) => HUURCONSTRUCTIE_LABEL[p.huurconstructie] ?? p.huurconstructie },
              { kop: 'Start', sorteer: 'startdatum', cel: (p) => <>{nlDatum(p.startdatum)}{p.einddatum && <div>tot {nlDatum(p.einddatum)}</div>}</> },
              {
                kop: 'Omklap / einde proefhuur',
                sorteer: 'omklapdatum',
                cel: (p) =>
                  p.waarschuwing ? (
                    <>
                      {p.waarschuwing.soort === 'omklap' ? 'Omklap' : 'Einde proefhuur'} op {nlDatum(p.waarschuwing.moment)}
                      {p.waarschuwingActief ? <div className="label">binnenkort: actie nodig</div> : <div>signaal vanaf {nlDatum(p.waarschuwing.vanaf)}</div>}
                    </>
                  ) : (
                    '—'
                  ),
              },
              {
                kop: 'Zorg en afspraken',
                cel: (p) =>
                  p.aanbieder ? (
                    <>
                      Zorgaanbieder{p.contactpersoon ? `, contact: ${p.contactpersoon}` : ''}
                      {p.contactTelefoon && <div>{p.contactTelefoon}</div>}
                      {begeleiding.get(p.id) && <div className="begeleiding-regel-corporatie">{begeleiding.get(p.id)}</div>}
                      {p.voorwaarden && Object.keys(p.voorwaarden).length > 0 && (
                        <details>
                          <summary>Afspraken<span className="visueel-verborgen"> bij {p.adres}</span></summary>
                          <dl>
                            {Object.entries(p.voorwaarden).map(([k, v]) => (
                              <div key={k}><dt>{voorwaardeLabel(k)}</dt><dd>{v}</dd></div>
                            ))}
                          </dl>
                        </details>
                      )}
                    </>
                  ) : (
                    'Geen zorgaanbieder'
                  ),
              },
            ]}
          />
        )}
      </Gegevens>
    </>
  );
}

function Kandidaten() {
  const orgs = useOrganisaties();
  const [gemeenteId, zetGemeente] = useState('');
  const blad = useBladeren({ sorteer: 'volgorde', richting: 'op' }, PER_PAGINA);
  const { data, fout } = useApi<{ peildatum: string; totaal: number; kandidaten: Kandidaat[] }>(
    `/api/kandidaten${queryString({ gemeenteId, ...blad.query })}`,
  );
  return (
    <>
      <Paragraph>Uitstroomklare cliënten uit de regio die wachten op een woning, op volgorde van urgentie en wachttijd. U ziet geen namen, BSN of zorginhoudelijke gegevens.</Paragraph>
      <div className="filters">
        <Veld label="Woonwens of herkomst" naam="gemeenteId">
          {(p) => (
            <Select {...p} value={gemeenteId} onChange={(e) => { blad.vanafBegin(); zetGemeente(e.target.value); }}>
              <GemeenteOpties alle="Alle gemeenten" />
            </Select>
          )}
        </Veld>
      </div>
      <Gegevens data={data} fout={fout}>
        {(d) => (
          <Tabel
            bijschrift="Kandidaten (gepseudonimiseerd)"
            eenheid="kandidaten"
            rijen={d.kandidaten}
            sleutel={(k) => k.pseudoniem}
            {...blad.tabel(d.totaal)}
            kolommen={[
              { kop: 'Nr.', sorteer: 'volgorde', getal: true, cel: (k) => getal(d.kandidaten.indexOf(k) + blad.offset + 1) },
              { kop: 'Pseudoniem', sorteer: 'pseudoniem', cel: (k) => k.pseudoniem },
              { kop: 'Leeftijd', cel: (k) => k.leeftijdscategorie },
              { kop: 'Herkomst', cel: (k) => orgs.naam(k.herkomstgemeenteId) },
              {
                kop: 'Woonwensen',
                cel: (k) =>
                  [k.woonwensen.gemeenten.map((g) => orgs.naam(g)).join(', ') || 'geen voorkeur', k.woonwensen.minKamers ? `minstens ${k.woonwensen.minKamers} kamer(s)` : '', k.woonwensen.toegankelijk ? 'toegankelijk' : '']
                    .filter(Boolean)
                    .join(' · '),
              },
              { kop: 'Ondersteuning', cel: (k) => k.ondersteuningsniveau ?? '—' },
              { kop: 'Urgentie', sorteer: 'urgentie', getal: true, cel: (k) => getal(k.urgentie) },
              { kop: 'Wachttijd', sorteer: 'wachttijd', getal: true, cel: (k) => `${getal(k.wachtdagen)} dagen` },
              { kop: 'Schulden geregeld', cel: (k) => (k.schuldGeregeld ? 'ja' : <strong>nee</strong>) },
            ]}
          />
        )}
      </Gegevens>
    </>
  );
}

const TABS = ['woningen', 'plaatsingen', 'kandidaten', 'afspraken'] as const;
type TabSleutel = (typeof TABS)[number];

/** The corporatie's work, in tabs (kept in the URL, ?tab=…) instead of one long page. */
export function Woningen({ ik }: { ik: Ik }) {
  const [params, zetParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'woningen';
  return (
    <Pagina titel="Woningen en plaatsingen">
      <Tabs<TabSleutel>
        label="Onderdelen"
        gekozen={tab as TabSleutel}
        onKies={(t) => zetParams(t === 'woningen' ? {} : { tab: t }, { replace: true })}
        tabs={[
          { sleutel: 'woningen', label: 'Woningen' },
          { sleutel: 'plaatsingen', label: 'Plaatsingen' },
          { sleutel: 'kandidaten', label: 'Kandidaten' },
          { sleutel: 'afspraken', label: 'Reserveringsafspraken' },
        ]}
      >
        {/* only the open tab renders, so a tab loads its data when it is opened */}
        {tab === 'plaatsingen' ? <PlaatsingenInWoningen /> : tab === 'kandidaten' ? <Kandidaten /> : tab === 'afspraken' ? <EigenAfspraken /> : <EigenWoningen ik={ik} />}
      </Tabs>
    </Pagina>
  );
}
