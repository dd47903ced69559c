import { useEffect, useState, type FormEvent } from 'react';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router';
import {
  Button,
  ButtonGroup,
  Checkbox,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormField,
  FormLabel,
  Heading2,
  OrderedList,
  OrderedListItem,
  Paragraph,
  Select,
  SelectOption,
  StatusBadge,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import {
  OVERLAST_CATEGORIEEN,
  SIGNAAL_ACTIE_LABEL,
  SIGNAAL_SOORT_LABEL,
  SIGNAAL_SOORTEN,
  SIGNAAL_STATUS_LABEL,
  SIGNAAL_STATUSSEN,
  type SignaalActie,
  type SignaalSoort,
  type SignaalStatus,
} from '../../../src/domain/signalen';
import { api, ApiFout, queryString } from '../api';
import { useApi, useWijziging } from '../hooks';
import { euroUitCenten, getal, leesGetal } from '../format';
import { alleenLezen } from '../ik';
import { Pagina } from '../ui/Pagina';
import { Fout, Gegevens, Gelukt, Laden } from '../ui/Status';
import { Tabel, type Sortering } from '../ui/Tabel';
import { Tabs } from '../ui/Tabs';
import { Veld } from '../ui/Veld';
import { useBevestiging } from '../ui/Bevestig';
import { useMeld } from '../ui/Melding';
import type { Ik } from '../types';
import { FormulierVoet } from '../ui/FormulierVoet';

interface SignaalOverzicht {
  id: string;
  soort: SignaalSoort;
  samenvatting: string;
  details: { toelichting?: string | null; bedragCenten?: number; maanden?: number; categorie?: string };
  status: SignaalStatus;
  deadline: string;
  teLaat: boolean;
  versie: number;
  aangemaakt: string;
  pseudoniem: string;
  clientId: string | null;
  adres: string;
  melder: { naam: string };
  aanbieder: { naam: string; contactpersoon: string | null };
  corporatie: { naam: string };
}
interface SignaalDetail extends SignaalOverzicht {
  afspraak: { reactieUren: number; oplosDagen: number };
  toegestaneActies: SignaalActie[];
  stappen: { id: number; status: SignaalStatus; tijdstip: string; toelichting: string | null; door: string }[];
}
interface Lijst {
  totaal: number;
  teLaat: number;
  aantallen: Record<SignaalStatus, number>;
  signalen: SignaalOverzicht[];
}
interface Plaatsing {
  id: string;
  pseudoniem: string;
  adres: string;
  aanbieder: string;
  huurconstructieLabel: string;
  schuldGeregeld: boolean;
}
interface Afspraak {
  signaalSoort: SignaalSoort;
  reactieUren: number;
  oplosDagen: number;
  standaard: boolean;
}

const PAGINA = 25;
const CATEGORIE_LABEL: Record<string, string> = { geluid: 'Geluid', vervuiling: 'Vervuiling', agressie: 'Agressie', overig: 'Overig' };
/** What the status badge says besides its colour (the colour alone carries no meaning). */
const STATUS_BADGE: Record<SignaalStatus, string> = { gemeld: 'warning', opgepakt: 'neutral', in_behandeling: 'neutral', opgelost: 'valid', geescaleerd: 'danger' };

/** Deadlines are agreed in Dutch local time, whatever the browser's zone: "3 november 2026 om 23:00". */
export const tijd = (iso: string) =>
  new Date(iso).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

const magMelden = (ik: Ik) => ik.soort !== 'aanbieder' && !alleenLezen(ik);

/** Who else reads a free text: said at the field, so nobody writes care details for a landlord's eyes. */
const leestMee = (ik: Ik) =>
  ik.soort === 'woningcorporatie'
    ? 'Deze tekst zien ook de zorgaanbieder en de gemeente. Schrijf alleen wat nodig is om het signaal op te pakken.'
    : 'Deze tekst ziet ook de woningcorporatie. Schrijf geen diagnose of andere zorggegevens.';

function StatusLabel({ status, teLaat }: { status: SignaalStatus; teLaat?: boolean }) {
  return (
    <span className="signaal-status">
      <StatusBadge status={STATUS_BADGE[status]}>{SIGNAAL_STATUS_LABEL[status]}</StatusBadge>
      {teLaat && <TeLaat />}
    </span>
  );
}

/** "Over de termijn" in words and with a sign, not by colour alone (WCAG 1.4.1). */
const TeLaat = () => (
  <strong className="te-laat">
    <span aria-hidden="true">⚠ </span>over de termijn
  </strong>
);

export function Signalen({ ik, id }: { ik: Ik; id?: string }) {
  if (id) return <SignaalDossier ik={ik} id={id} />;
  return <SignalenLijst ik={ik} />;
}

type StatusTab = SignaalStatus | 'alle';

function SignalenLijst({ ik }: { ik: Ik }) {
  const [status, zetStatusFilter] = useState<StatusTab>('alle');
  const [soort, zetSoortFilter] = useState<SignaalSoort | ''>('');
  const [teLaat, zetTeLaatFilter] = useState(false);
  const [sortering, zetSorteringKeuze] = useState<Sortering>({ sorteer: 'deadline', richting: 'op' });
  const [offset, zetOffset] = useState(0);
  const [nieuw, zetNieuw] = useState(false);
  // another filter or order starts again at the first page
  const vanafBegin =
    <T,>(zet: (v: T) => void) =>
    (v: T) => {
      zet(v);
      zetOffset(0);
    };
  const url = `/api/signalen${queryString({
    status: status === 'alle' ? undefined : status,
    soort,
    teLaat: teLaat ? 'true' : undefined,
    sorteer: sortering.sorteer,
    richting: sortering.richting,
    limiet: PAGINA,
    offset,
  })}`;
  const { data, fout } = useApi<Lijst>(url);
  // the tabs keep their counts while the next page loads (the rows themselves never stay: a new URL starts empty)
  const [tellingen, zetTellingen] = useState<{ aantallen: Record<SignaalStatus, number>; teLaat: number } | null>(null);
  useEffect(() => {
    if (data) zetTellingen({ aantallen: data.aantallen, teLaat: data.teLaat });
  }, [data]);
  const alle = tellingen ? Object.values(tellingen.aantallen).reduce((a, b) => a + b, 0) : null;
  const tabLabel = (label: string, n: number | null | undefined) => (n == null ? label : `${label} (${getal(n)})`);
  return (
    <Pagina
      titel="Signalen"
      acties={
        magMelden(ik) ? (
          <Button appearance={nieuw ? 'secondary-action-button' : 'primary-action-button'} onClick={() => zetNieuw((n) => !n)} aria-expanded={nieuw} aria-controls="nieuw-signaal">
            {nieuw ? 'Nieuw signaal sluiten' : 'Nieuw signaal'}
          </Button>
        ) : undefined
      }
    >
      <Paragraph>
        Signalen van corporaties en gemeenten over bewoners uit Beschermd Wonen en de Maatschappelijke Opvang, met de afgesproken reactie- en
        oplostermijnen. Een signaal dat niet op tijd is opgepakt of opgelost, gaat automatisch naar de centrumgemeente.
      </Paragraph>
      {nieuw && <NieuwSignaal ik={ik} onSluit={() => zetNieuw(false)} />}
      <div className="filters" data-leesactie>
        <Veld label="Soort" naam="soort">
          {(v) => (
            <Select {...v} value={soort} onChange={(e) => vanafBegin(zetSoortFilter)(e.currentTarget.value as SignaalSoort | '')}>
              <SelectOption value="">Alle soorten</SelectOption>
              {SIGNAAL_SOORTEN.map((w) => (
                <SelectOption key={w} value={w}>
                  {SIGNAAL_SOORT_LABEL[w]}
                </SelectOption>
              ))}
            </Select>
          )}
        </Veld>
        <FormField type="checkbox" className="veld">
          <Checkbox id="alleen-te-laat" checked={teLaat} onChange={(e) => vanafBegin(zetTeLaatFilter)(e.currentTarget.checked)} />
          <FormLabel htmlFor="alleen-te-laat" type="checkbox">
            Alleen over de termijn{tellingen ? ` (${getal(tellingen.teLaat)})` : ''}
          </FormLabel>
        </FormField>
      </div>
      <div className="signalen-lijst">
      <Tabs<StatusTab>
        label="Status"
        gekozen={status}
        onKies={vanafBegin(zetStatusFilter)}
        tabs={[
          { sleutel: 'alle', label: tabLabel('Alle', alle) },
          ...SIGNAAL_STATUSSEN.map((st) => ({ sleutel: st as StatusTab, label: tabLabel(SIGNAAL_STATUS_LABEL[st], tellingen?.aantallen[st]) })),
        ]}
      >
        <Gegevens
          data={data}
          fout={fout}
          leeg={status !== 'alle' || soort || teLaat ? 'Geen signalen die aan deze filters voldoen.' : 'Er zijn geen signalen binnen het zicht van uw organisatie.'}
          isLeeg={(d) => d.totaal === 0}
        >
          {(d) => (
            <Tabel<SignaalOverzicht>
              bijschrift={`Signalen${status === 'alle' ? '' : `: ${SIGNAAL_STATUS_LABEL[status].toLowerCase()}`}`}
              eenheid="signalen"
              rijen={d.signalen}
              sleutel={(x) => x.id}
              sortering={sortering}
              onSorteer={vanafBegin(zetSorteringKeuze)}
              paginering={{ offset, limiet: PAGINA, totaal: d.totaal, onOffset: zetOffset }}
              kolommen={[
                {
                  kop: 'Termijn',
                  sorteer: 'deadline',
                  cel: (x) =>
                    x.status === 'opgelost' ? (
                      'afgehandeld'
                    ) : (
                      <>
                        <span className="geen-afbreken">{tijd(x.deadline)}</span>
                        {x.teLaat && (
                          <>
                            <br />
                            <TeLaat />
                          </>
                        )}
                      </>
                    ),
                },
                { kop: 'Status', sorteer: 'status', cel: (x) => <StatusLabel status={x.status} /> },
                {
                  kop: 'Signaal',
                  sorteer: 'soort',
                  cel: (x) => (
                    <RouterLink className="utrecht-link" to={`/signalen/${x.id}`}>
                      {x.samenvatting}
                    </RouterLink>
                  ),
                },
                {
                  kop: 'Bewoner en adres',
                  cel: (x) => (
                    <>
                      {x.pseudoniem}
                      <br />
                      {x.adres}
                    </>
                  ),
                },
                { kop: 'Zorgaanbieder', cel: (x) => (x.aanbieder.contactpersoon ? `${x.aanbieder.naam} (${x.aanbieder.contactpersoon})` : x.aanbieder.naam) },
                {
                  kop: 'Gemeld',
                  sorteer: 'aangemaakt',
                  cel: (x) => (
                    <>
                      {x.melder.naam}
                      <br />
                      <span className="geen-afbreken">{tijd(x.aangemaakt)}</span>
                    </>
                  ),
                },
              ]}
            />
          )}
        </Gegevens>
      </Tabs>
      </div>
      <Procesafspraken ik={ik} />
    </Pagina>
  );
}

/** Placements to choose from while typing: the server searches and limits; an older server sends all, then we do. */
function usePlaatsingen(zoek: string) {
  const [vertraagd, zetVertraagd] = useState(zoek);
  useEffect(() => {
    const t = setTimeout(() => zetVertraagd(zoek.trim()), 250);
    return () => clearTimeout(t);
  }, [zoek]);
  const { data, fout } = useApi<Plaatsing[]>(`/api/signalen/plaatsingen${queryString({ zoek: vertraagd || undefined, limiet: 20 })}`);
  const z = vertraagd.toLowerCase();
  const passend = data?.filter((p) => !z || p.pseudoniem.toLowerCase().startsWith(z) || p.adres.toLowerCase().startsWith(z)).slice(0, 20) ?? null;
  return { plaatsingen: passend, fout, bezig: vertraagd !== zoek.trim() || data == null };
}

function NieuwSignaal({ ik, onSluit }: { ik: Ik; onSluit: () => void }) {
  const [zoek, zetZoek] = useState('');
  const { plaatsingen, fout: plaatsingFout, bezig } = usePlaatsingen(zoek);
  const { data: afspraken } = useApi<Afspraak[]>('/api/procesafspraken');
  const [gekozen, zetGekozen] = useState<Plaatsing | null>(null);
  const [soort, zetSoort] = useState<SignaalSoort>('overlast');
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [algemeen, zetAlgemeen] = useState<string | null>(null);
  const [dialoog, vraag] = useBevestiging();
  const navigate = useNavigate();
  const melden = useWijziging((body: unknown) => api<{ id: string }>('/api/signalen', { method: 'POST', body }), ['/api/signalen', '/api/meldingen']);
  const corporatie = ik.soort === 'woningcorporatie';

  const verstuur = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const toelichting = String(f.get('toelichting') ?? '').trim() || null;
    const eigen: Record<string, string> = {};
    if (!gekozen) eigen.plaatsingId = 'Kies de bewoner (plaatsing) waar het signaal over gaat.';
    let details: Record<string, unknown> = { soort, toelichting };
    if (soort === 'huurachterstand') {
      const bedrag = leesGetal(String(f.get('bedrag') ?? ''));
      const maanden = leesGetal(String(f.get('maanden') ?? ''));
      if (bedrag == null || bedrag <= 0) eigen['details.bedragCenten'] = 'Vul het bedrag in euro in, bijvoorbeeld 1.250,50.';
      if (maanden == null || !Number.isInteger(maanden) || maanden < 1 || maanden > 60) eigen['details.maanden'] = 'Vul een geheel aantal maanden in, van 1 tot 60.';
      details = { ...details, bedragCenten: bedrag == null ? null : Math.round(bedrag * 100), maanden };
    }
    if (soort === 'overlast') details = { ...details, categorie: f.get('categorie') };
    if (soort === 'overig' && (toelichting?.length ?? 0) < 3) eigen['details.toelichting'] = 'Beschrijf het signaal (minstens 3 tekens).';
    zetFouten(eigen);
    zetAlgemeen(null);
    if (Object.keys(eigen).length) return;
    const termijn = afspraken?.find((a) => a.signaalSoort === soort);
    const ja = await vraag({
      titel: 'Signaal melden?',
      tekst: `${SIGNAAL_SOORT_LABEL[soort]} bij ${gekozen!.pseudoniem}, ${gekozen!.adres}. De zorgaanbieder krijgt direct een melding${termijn ? ` en moet binnen ${getal(termijn.reactieUren)} uur reageren` : ''}. Een gemeld signaal kunt u niet intrekken.`,
      bevestig: 'Signaal melden',
    });
    if (!ja) return;
    try {
      const sig = await melden.mutateAsync({ plaatsingId: gekozen!.id, details });
      onSluit();
      navigate(`/signalen/${sig.id}`, { state: { gemeld: true } });
    } catch (err) {
      if (err instanceof ApiFout && Object.keys(err.veldFouten).length) zetFouten(err.veldFouten);
      else zetAlgemeen((err as Error).message);
    }
  };

  return (
    <section id="nieuw-signaal" className="nieuw-signaal" aria-labelledby="nieuw-signaal-kop">
      {dialoog}
      <Heading2 id="nieuw-signaal-kop">Nieuw signaal</Heading2>
      <form onSubmit={(e) => void verstuur(e)} noValidate aria-labelledby="nieuw-signaal-kop">
        <Veld label="Bewoner zoeken" naam="zoek" beschrijving="Typ het begin van het pseudoniem (C-…) of van het adres.">
          {(v) => <Textbox {...v} value={zoek} onChange={(e) => zetZoek(e.currentTarget.value)} autoComplete="off" />}
        </Veld>
        <Veld
          label="Bewoner (plaatsing)"
          naam="plaatsingId"
          fout={fouten.plaatsingId}
          beschrijving={plaatsingFout ?? (bezig ? 'Zoeken…' : plaatsingen && plaatsingen.length === 0 ? 'Geen lopende plaatsing gevonden; pas de zoektekst aan.' : `${getal(plaatsingen?.length ?? 0)} gevonden (hoogstens 20).`)}
        >
          {(v) => (
            <Select
              {...v}
              value={gekozen?.id ?? ''}
              onChange={(e) => {
                const id = e.currentTarget.value;
                zetGekozen(plaatsingen?.find((p) => p.id === id) ?? null);
              }}
            >
              <SelectOption value="">Kies een bewoner…</SelectOption>
              {gekozen && !plaatsingen?.some((p) => p.id === gekozen.id) && <SelectOption value={gekozen.id}>{plaatsingTekst(gekozen, corporatie)}</SelectOption>}
              {(plaatsingen ?? []).map((p) => (
                <SelectOption key={p.id} value={p.id}>
                  {plaatsingTekst(p, corporatie)}
                </SelectOption>
              ))}
            </Select>
          )}
        </Veld>
        {gekozen && (
          <Paragraph className="toelichting">
            {gekozen.huurconstructieLabel}. Oude schulden geregeld: <strong>{gekozen.schuldGeregeld ? 'ja' : 'nee'}</strong> (alleen ja of nee; de details kent
            alleen de zorgpartij).
          </Paragraph>
        )}
        <Veld label="Soort signaal" naam="nieuw-soort">
          {(v) => (
            <Select {...v} value={soort} onChange={(e) => zetSoort(e.currentTarget.value as SignaalSoort)}>
              {SIGNAAL_SOORTEN.map((w) => (
                <SelectOption key={w} value={w}>
                  {SIGNAAL_SOORT_LABEL[w]}
                </SelectOption>
              ))}
            </Select>
          )}
        </Veld>
        {soort === 'huurachterstand' && (
          <div className="filters">
            <Veld label="Bedrag van de achterstand (€)" naam="bedrag" fout={fouten['details.bedragCenten']} beschrijving="Bijvoorbeeld 1.250,50">
              {(v) => <Textbox {...v} inputMode="decimal" autoComplete="off" />}
            </Veld>
            <Veld label="Aantal maanden achterstand" naam="maanden" fout={fouten['details.maanden']}>
              {(v) => <Textbox {...v} inputMode="numeric" defaultValue="2" autoComplete="off" />}
            </Veld>
          </div>
        )}
        {soort === 'overlast' && (
          <Veld label="Soort overlast" naam="categorie" fout={fouten['details.categorie']}>
            {(v) => (
              <Select {...v} defaultValue="geluid">
                {OVERLAST_CATEGORIEEN.map((c) => (
                  <SelectOption key={c} value={c}>
                    {CATEGORIE_LABEL[c]}
                  </SelectOption>
                ))}
              </Select>
            )}
          </Veld>
        )}
        <Veld label={soort === 'overig' ? 'Toelichting' : 'Toelichting (niet verplicht)'} naam="toelichting" fout={fouten['details.toelichting']} beschrijving={leestMee(ik)}>
          {(v) => <Textarea {...v} maxLength={2000} rows={3} />}
        </Veld>
        <FormulierVoet knop="Signaal melden" bezig={melden.isPending} fout={algemeen} onAnnuleer={onSluit} />
      </form>
    </section>
  );
}

/** A corporatie reads the home and the pseudonym; the aanbieder's name only for whom it reveals nothing new. */
const plaatsingTekst = (p: Plaatsing, corporatie: boolean) => `${p.pseudoniem} — ${p.adres}${corporatie ? '' : ` (${p.aanbieder})`}`;

function Procesafspraken({ ik }: { ik: Ik }) {
  const { data, fout } = useApi<Afspraak[]>('/api/procesafspraken');
  const beheer = ik.soort === 'centrumgemeente' && ik.rol === 'beheerder';
  return (
    <section aria-labelledby="procesafspraken-kop" className="procesafspraken">
      <Heading2 id="procesafspraken-kop">Procesafspraken van de regio</Heading2>
      <Paragraph>
        Reactietermijn: de uren tot het signaal is opgepakt. Oplostermijn: kalenderdagen na oppakken, op dezelfde kloktijd (Nederlandse tijd).
      </Paragraph>
      <Gegevens data={data} fout={fout}>
        {(d) => (
          <>
            <Tabel<Afspraak>
              bijschrift="Termijnen per soort signaal"
              eenheid="soorten"
              rijen={d}
              sleutel={(a) => a.signaalSoort}
              kolommen={[
                { kop: 'Soort', cel: (a) => SIGNAAL_SOORT_LABEL[a.signaalSoort] },
                { kop: 'Reactietermijn', cel: (a) => `${getal(a.reactieUren)} uur` },
                { kop: 'Oplostermijn', cel: (a) => `${getal(a.oplosDagen)} dagen` },
                { kop: 'Vastgesteld', cel: (a) => (a.standaard ? 'standaard' : 'door de regio') },
              ]}
            />
            {beheer && <AfspraakWijzigen afspraken={d} />}
          </>
        )}
      </Gegevens>
    </section>
  );
}

function AfspraakWijzigen({ afspraken }: { afspraken: Afspraak[] }) {
  const [soort, zetSoort] = useState<SignaalSoort>(afspraken[0]?.signaalSoort ?? 'overlast');
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const meld = useMeld();
  const huidig = afspraken.find((a) => a.signaalSoort === soort);
  const opslaan = useWijziging(
    (w: { soort: SignaalSoort; reactieUren: number; oplosDagen: number }) =>
      api(`/api/procesafspraken/${w.soort}`, { method: 'PUT', body: { reactieUren: w.reactieUren, oplosDagen: w.oplosDagen } }),
    ['/api/procesafspraken'],
  );
  const bewaar = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const reactieUren = leesGetal(String(f.get('reactieUren') ?? ''));
    const oplosDagen = leesGetal(String(f.get('oplosDagen') ?? ''));
    const eigen: Record<string, string> = {};
    if (reactieUren == null || !Number.isInteger(reactieUren) || reactieUren < 1 || reactieUren > 720) eigen.reactieUren = 'Reactietermijn: een geheel aantal uren van 1 tot 720.';
    if (oplosDagen == null || !Number.isInteger(oplosDagen) || oplosDagen < 1 || oplosDagen > 365) eigen.oplosDagen = 'Oplostermijn: een geheel aantal dagen van 1 tot 365.';
    zetFouten(eigen);
    if (Object.keys(eigen).length) return;
    try {
      await opslaan.mutateAsync({ soort, reactieUren: reactieUren!, oplosDagen: oplosDagen! });
      meld(`Termijnen voor ${SIGNAAL_SOORT_LABEL[soort].toLowerCase()} opgeslagen; ze gelden voor signalen die vanaf nu gemeld worden.`);
    } catch (err) {
      zetFouten(err instanceof ApiFout ? { ...err.veldFouten, algemeen: err.message } : { algemeen: (err as Error).message });
    }
  };
  return (
    <form className="formulier" onSubmit={(e) => void bewaar(e)} noValidate aria-label="Termijnen wijzigen" key={`${soort}-${huidig?.reactieUren}-${huidig?.oplosDagen}`}>
      <Veld label="Soort signaal" naam="afspraak-soort">
        {(v) => (
          <Select {...v} value={soort} onChange={(e) => zetSoort(e.currentTarget.value as SignaalSoort)}>
            {afspraken.map((a) => (
              <SelectOption key={a.signaalSoort} value={a.signaalSoort}>
                {SIGNAAL_SOORT_LABEL[a.signaalSoort]}
              </SelectOption>
            ))}
          </Select>
        )}
      </Veld>
      <Veld label="Reactietermijn (uren)" naam="reactieUren" fout={fouten.reactieUren}>
        {(v) => <Textbox {...v} inputMode="numeric" defaultValue={String(huidig?.reactieUren ?? '')} />}
      </Veld>
      <Veld label="Oplostermijn (dagen)" naam="oplosDagen" fout={fouten.oplosDagen}>
        {(v) => <Textbox {...v} inputMode="numeric" defaultValue={String(huidig?.oplosDagen ?? '')} />}
      </Veld>
      {fouten.algemeen && <Fout>{fouten.algemeen}</Fout>}
      <Button appearance="secondary-action-button" type="submit" disabled={opslaan.isPending}>
        Termijnen opslaan
      </Button>
    </form>
  );
}

/** What each step means for the others, said before (where it cannot be undone) and after. */
const NA_ACTIE: Record<SignaalActie, string> = {
  oppakken: 'Signaal opgepakt. De melder krijgt bericht; de oplostermijn loopt nu.',
  behandelen: 'Signaal in behandeling genomen.',
  oplossen: 'Signaal opgelost. De melder krijgt bericht.',
  escaleren: 'Signaal geëscaleerd naar de centrumgemeente. De zorgaanbieder krijgt bericht.',
  terugleggen: 'Signaal teruggelegd bij de zorgaanbieder; er loopt een nieuwe oplostermijn.',
};
const BEVESTIG: Partial<Record<SignaalActie, string>> = {
  oplossen: 'Het signaal wordt afgesloten en de melder krijgt bericht dat het is opgelost. Dit kunt u niet ongedaan maken.',
  escaleren: 'De centrumgemeente neemt het signaal over; de zorgaanbieder kan het daarna niet meer zelf afsluiten.',
  terugleggen: 'De zorgaanbieder krijgt het signaal terug, met een nieuwe oplostermijn.',
};

function SignaalDossier({ ik, id }: { ik: Ik; id: string }) {
  const { data: sig, fout } = useApi<SignaalDetail>(`/api/signalen/${id}`);
  const [toelichting, zetToelichting] = useState('');
  const [melding, zetMelding] = useState<string | null>(null);
  const [dialoog, vraag] = useBevestiging();
  const meld = useMeld();
  const locatie = useLocation();
  const net = (locatie.state as { gemeld?: boolean } | null)?.gemeld;
  const actie = useWijziging(
    (a: { actie: SignaalActie; versie: number; toelichting: string | null }) => api<SignaalDetail>(`/api/signalen/${id}/acties`, { method: 'POST', body: a }),
    ['/api/signalen', '/api/meldingen'],
  );
  if (fout) return <Pagina titel="Signaal"><Fout>{fout}</Fout></Pagina>;
  if (!sig) return <Pagina titel="Signaal"><Laden /></Pagina>;

  const voerUit = async (a: SignaalActie) => {
    zetMelding(null);
    const waarschuwing = BEVESTIG[a];
    if (waarschuwing && !(await vraag({ titel: `${SIGNAAL_ACTIE_LABEL[a] === 'Opgelost' ? 'Signaal opgelost' : SIGNAAL_ACTIE_LABEL[a]}?`, tekst: waarschuwing, bevestig: a === 'oplossen' ? 'Signaal opgelost' : SIGNAAL_ACTIE_LABEL[a] })))
      return;
    try {
      await actie.mutateAsync({ actie: a, versie: sig.versie, toelichting: toelichting.trim() || null });
      zetToelichting('');
      meld(NA_ACTIE[a]);
    } catch (err) {
      zetMelding(err instanceof ApiFout && err.status === 409 ? `${err.message}. De nieuwste stand is geladen; kijk of uw stap nog nodig is.` : (err as Error).message);
    }
  };
  const termijnKop = sig.status === 'gemeld' ? 'Oppakken vóór' : sig.status === 'opgelost' ? 'Termijn was' : 'Oplossen vóór';
  const d = sig.details;
  return (
    <Pagina
      titel={sig.samenvatting}
      acties={
        <RouterLink className="utrecht-link" to="/signalen">
          ← Alle signalen
        </RouterLink>
      }
    >
      {dialoog}
      {net && <Gelukt>Signaal gemeld. De zorgaanbieder heeft een melding in de inbox.</Gelukt>}
      <div className="signaal-kop">
        <StatusLabel status={sig.status} teLaat={sig.teLaat} />
      </div>
      <DataList className="gegevens">
        <DataListItem>
          <DataListKey>Bewoner</DataListKey>
          <DataListValue>
            {sig.pseudoniem}
            {sig.clientId && ik.soort !== 'woningcorporatie' && (
              <>
                {' '}
                · <RouterLink className="utrecht-link" to={`/clienten/${sig.clientId}`}>dossier</RouterLink>
              </>
            )}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Adres</DataListKey>
          <DataListValue>{sig.adres}</DataListValue>
        </DataListItem>
        {d.bedragCenten != null && (
          <DataListItem>
            <DataListKey>Achterstand</DataListKey>
            <DataListValue>
              {euroUitCenten(d.bedragCenten)} over {getal(d.maanden)} {d.maanden === 1 ? 'maand' : 'maanden'}
            </DataListValue>
          </DataListItem>
        )}
        {d.categorie && (
          <DataListItem>
            <DataListKey>Soort overlast</DataListKey>
            <DataListValue>{CATEGORIE_LABEL[d.categorie] ?? d.categorie}</DataListValue>
          </DataListItem>
        )}
        <DataListItem>
          <DataListKey>Gemeld door</DataListKey>
          <DataListValue>
            {sig.melder.naam} op {tijd(sig.aangemaakt)}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Zorgaanbieder</DataListKey>
          <DataListValue>
            <span data-testid="zorgaanbieder">
              {sig.aanbieder.naam}
              {sig.aanbieder.contactpersoon ? `, contactpersoon ${sig.aanbieder.contactpersoon}` : ' (nog geen contactpersoon: het signaal is nog niet opgepakt)'}
            </span>
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Woningcorporatie</DataListKey>
          <DataListValue>{sig.corporatie.naam}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{termijnKop}</DataListKey>
          <DataListValue>
            {tijd(sig.deadline)}
            {sig.teLaat && (
              <>
                {' '}
                <TeLaat />
              </>
            )}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Afspraak</DataListKey>
          <DataListValue>
            binnen {getal(sig.afspraak.reactieUren)} uur oppakken, binnen {getal(sig.afspraak.oplosDagen)} dagen daarna oplossen
          </DataListValue>
        </DataListItem>
      </DataList>
      {d.toelichting && (
        <>
          <Heading2>Toelichting van de melder</Heading2>
          <Paragraph className="vrije-tekst">{d.toelichting}</Paragraph>
        </>
      )}
      <Heading2 id="verloop-kop">Verloop</Heading2>
      <OrderedList className="tijdlijn" aria-labelledby="verloop-kop">
        {sig.stappen.map((st) => (
          <OrderedListItem key={st.id}>
            <strong>{SIGNAAL_STATUS_LABEL[st.status]}</strong> op {tijd(st.tijdstip)} door {st.door}
            {st.toelichting && <div className="vrije-tekst">{st.toelichting}</div>}
          </OrderedListItem>
        ))}
      </OrderedList>
      {sig.toegestaneActies.length > 0 && (
        <section aria-labelledby="stap-kop" className="volgende-stap geen-print">
          <Heading2 id="stap-kop">Volgende stap</Heading2>
          <Veld label="Toelichting bij deze stap (niet verplicht)" naam="toelichting" beschrijving={leestMee(ik)}>
            {(v) => <Textarea {...v} value={toelichting} onChange={(e) => zetToelichting(e.currentTarget.value)} maxLength={2000} rows={3} />}
          </Veld>
          <ButtonGroup>
            {sig.toegestaneActies.map((a, i) => (
              <Button key={a} appearance={i === 0 ? 'primary-action-button' : 'secondary-action-button'} disabled={actie.isPending} onClick={() => void voerUit(a)}>
                {a === 'oplossen' ? 'Signaal opgelost' : SIGNAAL_ACTIE_LABEL[a]}
              </Button>
            ))}
          </ButtonGroup>
        </section>
      )}
      {melding && <Fout>{melding}</Fout>}
    </Pagina>
  );
}
