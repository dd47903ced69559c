import { Link } from 'react-router';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Heading2, Heading3, Paragraph, Select, SelectOption, Textarea } from '@utrecht/component-library-react';
import { api, ApiFout } from '../api';
import { useApi, useOrganisaties, useWijziging } from '../hooks';
import type { Ik } from '../types';
import { alleenLezen } from '../ik';
import { getal, nlTijdstip } from '../format';
import { Pagina } from '../ui/Pagina';
import { Tabel, sorteerLokaal, type Kolom, type Sortering } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { Fout, Gegevens, Gelukt } from '../ui/Status';
import { useBevestiging } from '../ui/Bevestig';
import { useMeld } from '../ui/Melding';
import { HUURCONSTRUCTIE_LABEL } from '../labels';
import { PlaatsingVelden, legePlaatsing, plaatsingBody, plaatsingFouten, type PlaatsingWaarde } from './PlaatsingVelden';
import { GeparkeerdeClienten, type Redenen } from './Parkeren';
import { LabelOpties } from '../ui/LabelOpties';
import { VOORSTEL_STATUS_LABEL, type VoorstelStatus } from '../../../src/domain/matching/workflow';

interface Toelichting {
  persoon: string[];
  woning: string[];
  afspraak: string[];
}
interface Berekening {
  score: number;
  tekst: string;
  redenen: string[];
  bindendeRegels: string[];
}
export interface Voorstel {
  id: string;
  status: VoorstelStatus;
  afwijzingsreden: string | null;
  afwijzingCode: string | null;
  afwijzingLabel: string | null;
  afwijzingPartij: string | null;
  afgewezenBij: VoorstelStatus | null;
  versie: number;
  deadline: string | null;
  verlooptOp: string | null;
  geescaleerd: boolean;
  aangemaakt: string;
  gewijzigd: string;
  pseudoniem: string;
  clientId: string | null;
  aanbiederId: string | null;
  leeftijdscategorie: string;
  adres: string;
  woningType: string;
  gemeenteId: string;
  corporatieId: string;
  schuldGeregeld: boolean;
  volgendNaAfwijzing: boolean;
  toelichting: Toelichting;
  berekening: Berekening | null;
}
interface Samenvatting {
  kandidaten: number;
  woningen: number;
  bruikbareWoningen: number;
  geplaatst: number;
}
interface Proefdraai {
  samenvatting: Samenvatting;
  objectief: number | null;
  statistiek: Record<string, unknown> | null;
  voorstellen: { kandidaatId: string; woningId: string; pseudoniem: string; adres: string; toelichting: Toelichting; berekening: Berekening | null }[];
  nietGeplaatst: { kandidaatId: string; pseudoniem: string; toelichting: string }[];
}

const PARTIJ_LABEL: Record<string, string> = { client: 'cliënt', corporatie: 'corporatie', aanbieder: 'zorgaanbieder', gemeente: 'gemeente' };

/** A deadline is midnight at the start of a day (Europe/Amsterdam): "reageren vóór" that day. */
export const voorDatum = (iso: string) => new Date(iso).toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam', day: '2-digit', month: '2-digit', year: 'numeric' });

/** The term of an open proposal in words, with the late state in words too, not only in colour. */
function Termijn({ v }: { v: Voorstel }) {
  if (!v.deadline) return null;
  if (v.geescaleerd) return <div className="termijn te-laat">⚠ termijn verstreken; vervalt op {voorDatum(v.verlooptOp ?? v.deadline)}</div>;
  return <div className="termijn">reageren vóór {voorDatum(v.deadline)}</div>;
}

/** The centrumgemeente's toegang may override a decline. */
const magHerzien = (v: Voorstel, ik: Ik) => v.status === 'afgewezen' && !!v.afgewezenBij && !alleenLezen(ik) && ik.soort === 'centrumgemeente' && (ik.rol === 'beheerder' || ik.rol === 'medewerker_toegang');

/**
 * Why this proposal, in plain Dutch, as a disclosure. The solver's own figures sit in a second disclosure
 * that only beheerders get (the server sends them only to them).
 */
function Uitleg({ toelichting, berekening, pseudoniem }: { toelichting: Toelichting; berekening: Berekening | null; pseudoniem: string }) {
  return (
    <details className="toelichting">
      <summary>
        Waarom dit voorstel<span className="visueel-verborgen"> voor {pseudoniem}</span>
      </summary>
      <h4>Waarom deze cliënt</h4>
      <ul>{toelichting.persoon.map((z) => <li key={z}>{z}</li>)}</ul>
      <h4>Waarom deze woning</h4>
      <ul>{toelichting.woning.map((z) => <li key={z}>{z}</li>)}</ul>
      <h4>Welke afspraak</h4>
      <ul>{toelichting.afspraak.map((z) => <li key={z}>{z}</li>)}</ul>
      {berekening && (
        <details className="berekening">
          <summary>Details van de berekening</summary>
          <p>Score {getal(berekening.score)}</p>
          <ul>{berekening.redenen.map((r) => <li key={r}>{r}</li>)}</ul>
          {berekening.bindendeRegels.length > 0 && <p>Bindende regels: {berekening.bindendeRegels.join('; ')}</p>}
        </details>
      )}
    </details>
  );
}

type Partij = 'corporatie' | 'zorg';

/** What this user may do with a proposal now, or null. */
function volgendeStap(v: Voorstel, ik: Ik): 'akkoord_corporatie' | 'akkoord_zorg' | 'sleuteloverdracht' | null {
  if (alleenLezen(ik)) return null;
  const partij: Partij = ik.soort === 'woningcorporatie' ? 'corporatie' : 'zorg';
  if (v.status === 'voorstel' && partij === 'corporatie') return 'akkoord_corporatie';
  if (v.status === 'akkoord_corporatie' && partij === 'zorg') return 'akkoord_zorg';
  if (v.status === 'akkoord_aanbieder' && partij === 'zorg') return 'sleuteloverdracht';
  return null;
}

const stapTitel = { akkoord_corporatie: 'Akkoord geven', akkoord_zorg: 'Akkoord aanbieder/cliënt', sleuteloverdracht: 'Sleuteloverdracht', herzien: 'Afwijzing herzien' } as const;

function Ronde({ ik }: { ik: Ik }) {
  const [dialoog, vraag] = useBevestiging();
  const meld = useMeld();
  const [proef, zetProef] = useState<Proefdraai | null>(null);
  const [vastgelegd, zetVastgelegd] = useState<(Samenvatting & { aantal: number }) | null>(null);
  const proefdraai = useWijziging(() => api<Proefdraai>('/api/matching/rondes', { method: 'POST', body: { proefdraai: true } }));
  const vastleggen = useWijziging(() => api<{ aantal: number; samenvatting: Samenvatting; beleidVersie: number | null }>('/api/matching/rondes', { method: 'POST', body: { proefdraai: false } }), ['/api/matching', '/api/woningen', '/api/beleid']);
  const fout = proefdraai.error ?? vastleggen.error;
  const beheerder = ik.rol === 'beheerder';
  const legVast = async () => {
    const ja = await vraag({
      titel: 'Ronde vastleggen?',
      tekst: 'De voorstellen worden opgeslagen en de voorgestelde woningen gereserveerd. De corporaties zien de voorstellen daarna op hun eigen woningen.',
      bevestig: 'Ronde vastleggen',
    });
    if (!ja) return;
    const r = await vastleggen.mutateAsync(undefined).catch(() => null);
    if (!r) return;
    zetProef(null);
    zetVastgelegd({ ...r.samenvatting, aantal: r.aantal });
    meld(`Ronde vastgelegd: ${getal(r.aantal)} voorstellen; de woningen zijn gereserveerd. Gebruikt: ${r.beleidVersie ? `prioriteringsbeleid versie ${r.beleidVersie}` : 'het standaardbeleid'}.`);
  };
  return (
    <section aria-labelledby="ronde-kop">
      {dialoog}
      <Heading2 id="ronde-kop">Matchingronde</Heading2>
      <Paragraph>
        Een ronde koppelt uitstroomklare cliënten aan vrije woningen binnen de reserveringsafspraken en spreidingsregels. Wie het langst wacht of
        het meest urgent is gaat voor, in een gemeente waar de cliënt wil wonen, en elke herkomstgemeente krijgt een eerlijk deel. Een proefdraai
        laat zien wat een ronde zou voorstellen, zonder iets op te slaan.
      </Paragraph>
      <ButtonGroup>
        <Button appearance="secondary-action-button" disabled={proefdraai.isPending} onClick={() => { zetVastgelegd(null); proefdraai.mutate(undefined, { onSuccess: zetProef }); }}>
          Proefdraai
        </Button>
        <Button appearance="primary-action-button" disabled={vastleggen.isPending} onClick={legVast}>
          Ronde vastleggen
        </Button>
      </ButtonGroup>
      {fout && <Fout>{fout.message}</Fout>}
      {vastgelegd && (
        <Gelukt>
          Vastgelegd: {getal(vastgelegd.aantal)} voorstellen voor {getal(vastgelegd.kandidaten)} wachtende cliënten en {getal(vastgelegd.woningen)} vrije woningen. Ze
          staan hieronder bij de voorstellen.
        </Gelukt>
      )}
      {proef && (
        <div data-testid="proefdraai">
          <Heading3>Proefdraai</Heading3>
          <Paragraph>
            {getal(proef.samenvatting.kandidaten)} wachtende cliënten en {getal(proef.samenvatting.woningen)} vrije woningen, waarvan{' '}
            {getal(proef.samenvatting.bruikbareWoningen)} binnen een reserveringsafspraak: <strong>{getal(proef.samenvatting.geplaatst)} voorstellen</strong>. Er is nog
            niets opgeslagen.
          </Paragraph>
          {beheerder && proef.statistiek && (
            <details className="berekening">
              <summary>Details van de berekening</summary>
              <p>Doelfunctie {getal(proef.objectief)} · methode {String(proef.statistiek.methode)}</p>
            </details>
          )}
          <Tabel
            bijschrift="Voorstellen van de proefdraai"
            eenheid="voorstellen"
            rijen={proef.voorstellen.slice(0, 50)}
            sleutel={(v) => v.kandidaatId}
            kolommen={[
              { kop: 'Cliënt', cel: (v) => v.pseudoniem },
              { kop: 'Woning', cel: (v) => v.adres },
              { kop: 'Uitleg', cel: (v) => <Uitleg toelichting={v.toelichting} berekening={v.berekening} pseudoniem={v.pseudoniem} /> },
            ]}
          />
          {proef.voorstellen.length > 50 && <Paragraph>De eerste 50 van {getal(proef.voorstellen.length)} voorstellen.</Paragraph>}
        </div>
      )}
    </section>
  );
}

/** Akkoord, afwijzing or sleuteloverdracht of one proposal: the steps of this user's party only. */
function Behandel({ v, ik, sluit }: { v: Voorstel; ik: Ik; sluit: () => void }) {
  const [dialoog, vraag] = useBevestiging();
  const meld = useMeld();
  const stap = volgendeStap(v, ik);
  const [plaatsing, zetPlaatsing] = useState<PlaatsingWaarde>(() => legePlaatsing(v.aanbiederId));
  const [reden, zetReden] = useState('');
  const [redenCode, zetRedenCode] = useState('');
  const redenen = useApi<Redenen>('/api/matching/redenen');
  const eigen = (redenen.data?.partijen ?? []).filter((p) => redenen.data!.eigenPartijen.includes(p.partij));
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [algemeen, zetAlgemeen] = useState<string | null>(null);
  const kop = useRef<HTMLHeadingElement>(null);
  useEffect(() => kop.current?.focus(), [v.id]);
  const actie = useWijziging(
    (body: unknown) => api<{ status: string; volgendVoorstel: { id: string; pseudoniem: string } | null; plaatsing: unknown }>(`/api/matching/voorstellen/${v.id}/stap`, { method: 'POST', body }),
    ['/api/matching', '/api/woningen', '/api/plaatsingen', '/api/afspraken', '/api/clienten'],
  );
  const voer = async (body: unknown) => {
    zetFouten({});
    zetAlgemeen(null);
    try {
      return await actie.mutateAsync(body);
    } catch (e) {
      const perVeld = plaatsingFouten(e);
      if (e instanceof ApiFout && ['afwijzing', 'herzien'].includes((body as { actie: string }).actie)) {
        if (e.veldFouten.reden) perVeld.reden = e.veldFouten.reden;
        if (e.veldFouten.redenCode) perVeld.redenCode = e.veldFouten.redenCode;
      }
      zetFouten(perVeld);
      // a refusal without a field (a home already taken) stays next to the button that caused it
      if (!Object.keys(perVeld).length) zetAlgemeen((e as Error).message);
      else zetAlgemeen('Niet vastgelegd: verbeter de velden met een melding.');
      return null;
    }
  };
  const akkoord = async () => {
    const wie = stap === 'akkoord_corporatie' ? 'de corporatie' : 'de aanbieder en de cliënt';
    if (!(await vraag({ titel: 'Akkoord geven?', tekst: `U geeft akkoord namens ${wie} voor ${v.pseudoniem} in ${v.adres}.`, bevestig: 'Akkoord geven' }))) return;
    if (await voer({ actie: 'akkoord' })) {
      meld(`Akkoord vastgelegd voor ${v.pseudoniem} in ${v.adres}.`);
      sluit();
    }
  };
  const sleutel = async (e: FormEvent) => {
    e.preventDefault();
    const label = HUURCONSTRUCTIE_LABEL[plaatsing.huurconstructie];
    if (!(await vraag({ titel: 'Sleuteloverdracht vastleggen?', tekst: `${v.pseudoniem} krijgt de sleutel van ${v.adres} (${label}). Dit maakt de plaatsing en registreert de uitstroom.`, bevestig: 'Sleuteloverdracht vastleggen' }))) return;
    if (await voer({ actie: 'sleuteloverdracht', plaatsing: plaatsingBody(plaatsing) })) {
      meld(`Sleuteloverdracht vastgelegd: ${v.pseudoniem} woont in ${v.adres} (${label}).`);
      sluit();
    }
  };
  const wijsAf = async (e: FormEvent) => {
    e.preventDefault();
    if (!redenCode) {
      zetFouten({ redenCode: 'Kies de reden van de afwijzing.' });
      return;
    }
    if (redenCode.endsWith('_overig') && !reden.trim()) {
      zetFouten({ reden: 'Bij "andere reden" is een toelichting verplicht.' });
      return;
    }
    const label = eigen.flatMap((p) => p.redenen).find((r) => r.code === redenCode)?.label ?? '';
    if (!(await vraag({ titel: 'Voorstel afwijzen?', tekst: `Het voorstel voor ${v.pseudoniem} in ${v.adres} wordt afgewezen (${label.toLowerCase()}). Doorstroom stelt de volgende passende kandidaat voor deze woning voor.`, bevestig: 'Afwijzen' }))) return;
    const r = await voer({ actie: 'afwijzing', redenCode, reden: reden.trim() || null, versie: v.versie });
    if (r) {
      meld(r.volgendVoorstel ? `Voorstel afgewezen. Volgende kandidaat voorgesteld voor ${v.adres}: ${r.volgendVoorstel.pseudoniem}.` : `Voorstel afgewezen. Geen andere kandidaat past bij ${v.adres}; de woning is weer beschikbaar.`);
      sluit();
    }
  };
  const herzien = useWijziging((body: { reden: string }) => api<{ status: VoorstelStatus; ingetrokken: string[] }>(`/api/matching/voorstellen/${v.id}/overrulen`, { method: 'POST', body }), [
    '/api/matching',
    '/api/woningen',
  ]);
  const [herzienReden, zetHerzienReden] = useState('');
  const herzie = async (e: FormEvent) => {
    e.preventDefault();
    zetFouten({});
    zetAlgemeen(null);
    if (herzienReden.trim().length < 3) {
      zetFouten({ herzien: 'Geef de reden van de herziening.' });
      return;
    }
    const terug = VOORSTEL_STATUS_LABEL[v.afgewezenBij ?? 'voorstel']?.toLowerCase();
    if (!(await vraag({ titel: 'Afwijzing herzien?', tekst: `Het voorstel voor ${v.pseudoniem} in ${v.adres} gaat terug naar de stap waarop het werd afgewezen (${terug}), met een nieuwe termijn. Een nog niet geaccepteerd voorstel voor een volgende kandidaat op deze woning wordt ingetrokken.`, bevestig: 'Afwijzing herzien' }))) return;
    try {
      const r = await herzien.mutateAsync({ reden: herzienReden.trim() });
      meld(`Afwijzing herzien: ${v.pseudoniem} in ${v.adres} staat weer op "${VOORSTEL_STATUS_LABEL[r.status]}".${r.ingetrokken.length ? ' Het voorstel voor de volgende kandidaat is ingetrokken.' : ''}`);
      sluit();
    } catch (err) {
      const perVeld: Record<string, string> = err instanceof ApiFout && err.veldFouten.reden ? { herzien: err.veldFouten.reden } : {};
      zetFouten(perVeld);
      zetAlgemeen(Object.keys(perVeld).length ? 'Niet herzien: verbeter het veld met een melding.' : (err as Error).message);
    }
  };
  if (magHerzien(v, ik)) {
    return (
      <section className="voorstel-paneel" aria-labelledby="behandel-kop" data-testid="behandel">
        {dialoog}
        <Heading2 id="behandel-kop" ref={kop} tabIndex={-1}>
          Afwijzing herzien: {v.pseudoniem} · {v.adres}
        </Heading2>
        <Paragraph>
          Afgewezen door de {PARTIJ_LABEL[v.afwijzingPartij ?? ''] ?? 'partij'}: {v.afwijzingLabel ?? v.afwijzingsreden}
          {v.afwijzingLabel && v.afwijzingsreden ? ` (${v.afwijzingsreden})` : ''}.
        </Paragraph>
        <form onSubmit={herzie} noValidate className="formulier" aria-label={`Afwijzing van ${v.pseudoniem} herzien`}>
          <Veld label="Reden van herziening" naam="herzien" fout={fouten.herzien} beschrijving="Verplicht. Komt in het auditlog en de geschiedenis van het voorstel; de corporatie ziet het voorstel daarna weer.">
            {(p) => <Textarea {...p} rows={2} value={herzienReden} onChange={(e) => zetHerzienReden(e.target.value)} data-actie />}
          </Veld>
          {algemeen && <Fout>{algemeen}</Fout>}
          <ButtonGroup>
            <Button appearance="primary-action-button" type="submit" disabled={herzien.isPending} data-actie>
              Afwijzing herzien
            </Button>
            <Button appearance="subtle-button" type="button" onClick={sluit}>
              Sluiten
            </Button>
          </ButtonGroup>
        </form>
      </section>
    );
  }
  return (
    <section className="voorstel-paneel" aria-labelledby="behandel-kop" data-testid="behandel">
      {dialoog}
      <Heading2 id="behandel-kop" ref={kop} tabIndex={-1}>
        {stap ? stapTitel[stap] : 'Voorstel'}: {v.pseudoniem} · {v.adres}
      </Heading2>
      <Paragraph>Status: {VOORSTEL_STATUS_LABEL[v.status]}.</Paragraph>
      {(stap === 'akkoord_corporatie' || stap === 'akkoord_zorg') && (
        <ButtonGroup>
          <Button appearance="primary-action-button" onClick={akkoord} disabled={actie.isPending}>
            Akkoord geven
          </Button>
        </ButtonGroup>
      )}
      {stap === 'sleuteloverdracht' && (
        <form onSubmit={sleutel} noValidate aria-labelledby="behandel-kop" className="formulier">
          <PlaatsingVelden waarde={plaatsing} zet={zetPlaatsing} fouten={fouten} />
          {algemeen && <Fout>{algemeen}</Fout>}
          <Button appearance="primary-action-button" type="submit" disabled={actie.isPending}>
            Sleuteloverdracht vastleggen
          </Button>
        </form>
      )}
      <form onSubmit={wijsAf} noValidate className="formulier" aria-label={`Voorstel ${v.pseudoniem} afwijzen`}>
        <Heading3>Afwijzen</Heading3>
        <Veld label="Reden van afwijzing" naam="redenCode" fout={fouten.redenCode} beschrijving="Verplicht. Kies uit de redenen van uw eigen partij; de reden telt mee in het plaatsingsdashboard.">
          {(p) => (
            <Select {...p} value={redenCode} onChange={(e) => zetRedenCode(e.target.value)}>
              <SelectOption value="">Kies een reden</SelectOption>
              {eigen.map((partij) => (
                <optgroup key={partij.partij} label={`Namens de ${partij.label.toLowerCase()}`}>
                  {partij.redenen.map((r) => (
                    <SelectOption key={r.code} value={r.code}>
                      {r.label}
                    </SelectOption>
                  ))}
                </optgroup>
              ))}
            </Select>
          )}
        </Veld>
        <Veld label="Toelichting" naam="reden" fout={fouten.reden} beschrijving='Verplicht bij "andere reden". Deze tekst ziet ook de woningcorporatie. Schrijf geen diagnose of andere zorggegevens.'>
          {(p) => <Textarea {...p} rows={2} value={reden} onChange={(e) => zetReden(e.target.value)} />}
        </Veld>
        {stap !== 'sleuteloverdracht' && algemeen && <Fout>{algemeen}</Fout>}
        <ButtonGroup>
          <Button appearance="secondary-action-button" type="submit" disabled={actie.isPending}>
            Afwijzen
          </Button>
          <Button appearance="subtle-button" type="button" onClick={sluit}>
            Sluiten
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

const PER_PAGINA = 25;

export function Matching({ ik }: { ik: Ik }) {
  const orgs = useOrganisaties();
  const [status, zetStatus] = useState('');
  const [sortering, zetSortering] = useState<Sortering>({ sorteer: 'aangemaakt', richting: 'af' });
  const [offset, zetOffset] = useState(0);
  const [gekozen, zetGekozen] = useState<string | null>(null);
  const { data, fout } = useApi<Voorstel[]>(`/api/matching/voorstellen${status ? `?status=${status}` : ''}`);
  const magRonde = ik.soort === 'centrumgemeente' && (ik.rol === 'beheerder' || ik.rol === 'medewerker_toegang');
  const corporatie = ik.soort === 'woningcorporatie';
  const gesorteerd = sorteerLokaal(data ?? [], sortering, {
    pseudoniem: (v) => v.pseudoniem,
    adres: (v) => v.adres,
    gemeente: (v) => orgs.naam(v.gemeenteId),
    status: (v) => VOORSTEL_STATUS_LABEL[v.status] ?? v.status,
    aangemaakt: (v) => v.aangemaakt,
  });
  const keuze = (data ?? []).find((v) => v.id === gekozen) ?? null;
  const kolommen: Kolom<Voorstel>[] = [
    { kop: 'Cliënt', sorteer: 'pseudoniem', cel: (v) => (v.clientId ? <Link to={`/clienten/${v.clientId}`}>{v.pseudoniem}</Link> : v.pseudoniem) },
    { kop: 'Leeftijd', cel: (v) => v.leeftijdscategorie },
    { kop: 'Woning', sorteer: 'adres', cel: (v) => v.adres },
    { kop: 'Gemeente', sorteer: 'gemeente', cel: (v) => orgs.naam(v.gemeenteId) },
    ...(corporatie ? [] : [{ kop: 'Corporatie', cel: (v: Voorstel) => orgs.naam(v.corporatieId) }]),
    { kop: 'Schulden geregeld', cel: (v) => (v.schuldGeregeld ? 'ja' : <strong>nee</strong>) },
    {
      kop: 'Status',
      sorteer: 'status',
      cel: (v) => (
        <>
          {VOORSTEL_STATUS_LABEL[v.status]}
          <Termijn v={v} />
          {(v.afwijzingLabel || v.afwijzingsreden) && (
            <div>
              Reden{v.afwijzingPartij ? ` (${PARTIJ_LABEL[v.afwijzingPartij]})` : ''}: {[v.afwijzingLabel, v.afwijzingsreden].filter(Boolean).join(' — ')}
            </div>
          )}
          {v.volgendNaAfwijzing && <div className="label">volgende kandidaat</div>}
        </>
      ),
    },
    { kop: 'Voorgesteld', sorteer: 'aangemaakt', cel: (v) => nlTijdstip(v.aangemaakt) },
    { kop: 'Uitleg', cel: (v) => <Uitleg toelichting={v.toelichting} berekening={v.berekening} pseudoniem={v.pseudoniem} /> },
    {
      kop: <span className="visueel-verborgen">Actie</span>,
      cel: (v) => {
        const stap = magHerzien(v, ik) ? 'herzien' : volgendeStap(v, ik);
        if (!stap) return null;
        return (
          <Button appearance="secondary-action-button" aria-expanded={gekozen === v.id} onClick={() => zetGekozen(gekozen === v.id ? null : v.id)}>
            {stapTitel[stap]}
            <span className="visueel-verborgen">
              {' '}
              {v.pseudoniem} {v.adres}
            </span>
          </Button>
        );
      },
    },
  ];
  return (
    <Pagina titel="Matching">
      <Paragraph>
        Voorstellen voor uitstroom naar een eigen woning. Volgorde: de corporatie geeft akkoord, dan de aanbieder met de cliënt, dan volgt de
        sleuteloverdracht. Elke stap heeft een termijn in werkdagen; vlak ervoor komt een herinnering, daarna hoort de centrumgemeente het, en na de
        respijttermijn vervalt het voorstel. Bij een afwijzing of een vervallen voorstel stelt Doorstroom de volgende passende kandidaat voor.
      </Paragraph>
      {magRonde && <Ronde ik={ik} />}
      <section aria-labelledby="voorstellen-kop">
        <Heading2 id="voorstellen-kop">Voorstellen</Heading2>
        <div className="filters" data-leesactie>
          <Veld label="Status" naam="status">
            {(p) => (
              <Select {...p} value={status} onChange={(e) => { zetOffset(0); zetGekozen(null); zetStatus(e.target.value); }}>
                <SelectOption value="">Alle</SelectOption>
                <LabelOpties labels={VOORSTEL_STATUS_LABEL} />
              </Select>
            )}
          </Veld>
        </div>
        {keuze && <Behandel key={keuze.id} v={keuze} ik={ik} sluit={() => zetGekozen(null)} />}
        <Gegevens data={data} fout={fout} leeg="Geen voorstellen met deze status." isLeeg={(d) => d.length === 0}>
          {() => (
            <Tabel
              bijschrift="Voorstellen voor uitstroom"
              eenheid="voorstellen"
              kolommen={kolommen}
              rijen={gesorteerd.slice(offset, offset + PER_PAGINA)}
              sleutel={(v) => v.id}
              sortering={sortering}
              onSorteer={(s) => { zetOffset(0); zetSortering(s); }}
              paginering={{ offset, limiet: PER_PAGINA, totaal: gesorteerd.length, onOffset: zetOffset }}
            />
          )}
        </Gegevens>
      </section>
      {ik.soort !== 'woningcorporatie' && <GeparkeerdeClienten ik={ik} />}
    </Pagina>
  );
}
