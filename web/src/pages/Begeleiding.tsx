import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  ButtonGroup,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Fieldset,
  FieldsetLegend,
  Heading2,
  Heading3,
  Paragraph,
  Select,
  SelectOption,
  Textbox,
} from '@utrecht/component-library-react';
import { api } from '../api';
import { useApi, useWijziging } from '../hooks';
import { getal, leesGetal, nlDatum } from '../format';
import { Tabel } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { DatumInvoer } from '../ui/DatumInvoer';
import { Fout, Gegevens } from '../ui/Status';
import { useBevestiging } from '../ui/Bevestig';
import { useMeld } from '../ui/Melding';
import { vandaagIso, verdeelFout } from './NieuweClient';
import type { Begeleiding as BegeleidingGegevens, Doel, DoelStatus, Evaluatie, PlaatsingMetBegeleiding } from '../../../src/domain/begeleiding';
import { FormulierVoet } from '../ui/FormulierVoet';
import { AanbiederOpties } from '../ui/AanbiederOpties';

interface Domeinen {
  domeinen: { code: string; label: string; uitleg: string }[];
  statussen: { code: string; label: string }[];
  herinneringVoorafDagen: number;
}

const PREFIXEN = ['/api/clienten', '/api/plaatsingen', '/api/begeleidingen'];

/**
 * Begeleiding per plaatsing on the dossier (ADR 0035): per placement the aanbieder, hours, period, contact, the plan
 * over the domains the server lists (GET /api/begeleidingen/domeinen) and the evaluations, with what is still missing
 * when the huurconstructie needs a begeleidingsafspraak. Care side only: a woningcorporatie sees the reduced line on
 * its placement list (BegeleidingRegels below).
 */
export function Begeleiding({ clientId, magSchrijven }: { clientId: string; magSchrijven: boolean }) {
  const { data, fout } = useApi<{ plaatsingen: PlaatsingMetBegeleiding[] }>(`/api/clienten/${clientId}/begeleiding`);
  const domeinen = useApi<Domeinen>('/api/begeleidingen/domeinen');
  return (
    <section aria-labelledby="kop-begeleiding" className="dossier-deel">
      <Heading2 id="kop-begeleiding">Begeleiding per plaatsing</Heading2>
      <Gegevens data={data} fout={fout}>
        {(d) =>
          d.plaatsingen.length === 0 ? (
            <Paragraph className="leeg">Deze cliënt heeft (nog) geen plaatsing in een woning; begeleiding hoort bij een plaatsing.</Paragraph>
          ) : (
            <>
              {d.plaatsingen.map((p) => (
                <PlaatsingBegeleiding key={p.plaatsingId} p={p} domeinen={domeinen.data} magSchrijven={magSchrijven} />
              ))}
            </>
          )
        }
      </Gegevens>
    </section>
  );
}

function PlaatsingBegeleiding({ p, domeinen, magSchrijven }: { p: PlaatsingMetBegeleiding; domeinen: Domeinen | null; magSchrijven: boolean }) {
  const [bewerken, zetBewerken] = useState(false);
  const b = p.begeleiding;
  const kopId = `begeleiding-${p.plaatsingId}`;
  return (
    <div className="kaart begeleiding" role="group" aria-labelledby={kopId}>
      <Heading3 id={kopId}>
        {p.adres} — {p.huurconstructieLabel}
      </Heading3>
      <Paragraph>
        Plaatsing vanaf {nlDatum(p.startdatum)}
        {p.einddatum ? ` tot ${nlDatum(p.einddatum)}` : ', lopend'}.{p.vereist && ' Deze huurconstructie vraagt een begeleidingsafspraak.'}
      </Paragraph>
      {p.ontbreekt.length > 0 && (
        <Alert type="warning">
          <Paragraph>
            <strong>Wat ontbreekt:</strong> {p.ontbreekt.join(' ')}
          </Paragraph>
        </Alert>
      )}
      {b && !bewerken && <BegeleidingOverzicht b={b} domeinen={domeinen} magSchrijven={magSchrijven} />}
      {!b && !bewerken && <Paragraph className="leeg">Nog geen begeleiding vastgelegd bij deze plaatsing.</Paragraph>}
      {magSchrijven && !bewerken && domeinen && (
        <ButtonGroup>
          <Button appearance="secondary-action-button" type="button" onClick={() => zetBewerken(true)}>
            {b ? 'Begeleiding wijzigen' : 'Begeleiding vastleggen'}
            <span className="visueel-verborgen"> bij {p.adres}</span>
          </Button>
        </ButtonGroup>
      )}
      {bewerken && domeinen && <BegeleidingFormulier p={p} domeinen={domeinen} sluit={() => zetBewerken(false)} />}
    </div>
  );
}

function BegeleidingOverzicht({ b, domeinen, magSchrijven }: { b: BegeleidingGegevens; domeinen: Domeinen | null; magSchrijven: boolean }) {
  const label = (code: string) => domeinen?.domeinen.find((d) => d.code === code)?.label ?? code;
  const status = (code: string) => domeinen?.statussen.find((s) => s.code === code)?.label ?? code;
  const doelen = b.plan.flatMap((d) => d.doelen.map((doel, i) => ({ sleutel: `${d.domein}-${i}`, domein: label(d.domein), ...doel })));
  return (
    <>
      <DataList>
        <DataListItem>
          <DataListKey>Zorgaanbieder</DataListKey>
          <DataListValue>{b.aanbieder}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Intensiteit</DataListKey>
          <DataListValue>{getal(b.urenPerWeek, b.urenPerWeek % 1 ? 1 : 0)} uur per week</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Periode</DataListKey>
          <DataListValue>
            {nlDatum(b.van)} tot en met {nlDatum(b.tot)}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>Contact voor de corporatie</DataListKey>
          <DataListValue>
            {b.contactpersoon}
            {b.contactTelefoon && `, ${b.contactTelefoon}`}
          </DataListValue>
        </DataListItem>
      </DataList>
      <Tabel
        bijschrift="Plan: doelen per domein"
        kolommen={[
          { kop: 'Domein', cel: (r) => r.domein },
          { kop: 'Doel', cel: (r) => r.omschrijving },
          { kop: 'Status', cel: (r) => status(r.status) },
        ]}
        rijen={doelen}
        sleutel={(r) => r.sleutel}
      />
      <Evaluaties b={b} magSchrijven={magSchrijven} />
    </>
  );
}

function Evaluaties({ b, magSchrijven }: { b: BegeleidingGegevens; magSchrijven: boolean }) {
  const meld = useMeld();
  const [dialoog, vraag] = useBevestiging();
  const [fout, zetFout] = useState<string | null>(null);
  const gehouden = useWijziging((id: string) => api(`/api/evaluaties/${id}/gehouden`, { method: 'POST', body: { datum: vandaagIso() } }), PREFIXEN);
  const markeer = async (e: Evaluatie) => {
    zetFout(null);
    if (!(await vraag({ titel: 'Evaluatie gehouden?', tekst: `De evaluatie van ${nlDatum(e.datum)} wordt vastgelegd als gehouden op ${nlDatum(vandaagIso())}. Er komen dan geen herinneringen meer voor.`, bevestig: 'Vastleggen' }))) return;
    try {
      await gehouden.mutateAsync(e.id);
      meld(`Evaluatie van ${nlDatum(e.datum)} vastgelegd als gehouden.`);
    } catch (x) {
      zetFout((x as Error).message);
    }
  };
  return (
    <>
      <Tabel
        bijschrift="Evaluaties"
        kolommen={[
          { kop: 'Gepland op', cel: (e) => nlDatum(e.datum) },
          { kop: 'Gehouden', cel: (e) => (e.gehoudenOp ? `Ja, op ${nlDatum(e.gehoudenOp)}` : 'Nog niet') },
          ...(magSchrijven
            ? [
                {
                  kop: 'Actie',
                  cel: (e: Evaluatie) =>
                    !e.gehoudenOp && e.datum <= vandaagIso() ? (
                      <Button appearance="secondary-action-button" type="button" onClick={() => void markeer(e)}>
                        Gehouden<span className="visueel-verborgen"> (evaluatie van {nlDatum(e.datum)})</span>
                      </Button>
                    ) : (
                      '—'
                    ),
                },
              ]
            : []),
        ]}
        rijen={b.evaluaties}
        sleutel={(e) => e.id}
      />
      {fout && <Fout>{fout}</Fout>}
      {dialoog}
    </>
  );
}

interface Invoer {
  aanbiederId: string;
  uren: string;
  van: string;
  tot: string;
  contactpersoon: string;
  contactTelefoon: string;
  evaluaties: string[];
  plan: Record<string, Doel[]>;
}

function beginInvoer(p: PlaatsingMetBegeleiding, domeinen: Domeinen): Invoer {
  const b = p.begeleiding;
  const plan = Object.fromEntries(domeinen.domeinen.map((d) => [d.code, b?.plan.find((x) => x.domein === d.code)?.doelen ?? []]));
  return {
    aanbiederId: b?.aanbiederId ?? '',
    uren: b ? String(b.urenPerWeek).replace('.', ',') : '',
    van: b?.van ?? p.startdatum,
    tot: b?.tot ?? '',
    contactpersoon: b?.contactpersoon ?? '',
    contactTelefoon: b?.contactTelefoon ?? '',
    evaluaties: b ? b.evaluaties.filter((e) => !e.gehoudenOp).map((e) => e.datum) : [''],
    plan,
  };
}

function BegeleidingFormulier({ p, domeinen, sluit }: { p: PlaatsingMetBegeleiding; domeinen: Domeinen; sluit: () => void }) {
  const meld = useMeld();
  const [dialoog, vraag] = useBevestiging();
  const [w, zetW] = useState<Invoer>(() => beginInvoer(p, domeinen));
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [algemeen, zetAlgemeen] = useState<string | null>(null);
  const opslaan = useWijziging((body: unknown) => api(`/api/plaatsingen/${p.plaatsingId}/begeleiding`, { method: 'PUT', body }), PREFIXEN);
  const zet = (deel: Partial<Invoer>) => zetW((x) => ({ ...x, ...deel }));
  const zetDoel = (domein: string, i: number, deel: Partial<Doel>) => zetW((x) => ({ ...x, plan: { ...x.plan, [domein]: x.plan[domein]!.map((d, j) => (j === i ? { ...d, ...deel } : d)) } }));
  const domeinVolgorde = domeinen.domeinen.map((d) => d.code);
  // the server's paths name the plan by position among the domains sent: keep that order to map errors back
  const verzonden = domeinVolgorde.filter((d) => w.plan[d]!.some((doel) => doel.omschrijving.trim()));
  const foutDoel = (domein: string, i: number) => {
    const k = verzonden.indexOf(domein);
    return k < 0 ? undefined : (fouten[`plan.${k}.doelen.${i}.omschrijving`] ?? fouten[`plan.${k}.doelen.${i}.status`]);
  };
  const verstuur = async (e: FormEvent) => {
    e.preventDefault();
    zetFouten({});
    zetAlgemeen(null);
    const uren = leesGetal(w.uren);
    const body = {
      aanbiederId: w.aanbiederId || null,
      urenPerWeek: uren ?? w.uren,
      van: w.van,
      tot: w.tot,
      contactpersoon: w.contactpersoon,
      contactTelefoon: w.contactTelefoon.trim() || null,
      evaluaties: w.evaluaties.filter((d) => d.trim()),
      plan: verzonden.map((domein) => ({ domein, doelen: w.plan[domein]!.filter((d) => d.omschrijving.trim()) })),
      versie: p.begeleiding?.versie ?? null,
    };
    if (!(await vraag({ titel: p.begeleiding ? 'Begeleiding wijzigen?' : 'Begeleiding vastleggen?', tekst: `De begeleiding bij ${p.adres} wordt vastgelegd. De woningcorporatie ziet alleen tot wanneer ze geregeld is en de contactpersoon.`, bevestig: 'Vastleggen' }))) return;
    try {
      await opslaan.mutateAsync(body);
      meld(`Begeleiding bij ${p.adres} vastgelegd.`);
      sluit();
    } catch (x) {
      const f = verdeelFout(x);
      zetFouten(f.velden);
      zetAlgemeen(f.algemeen);
    }
  };
  return (
    <>
    <form onSubmit={(e) => void verstuur(e)} noValidate className="formulier-breed">
      <Fieldset>
        <FieldsetLegend>Afspraak</FieldsetLegend>
        <Veld label="Zorgaanbieder" naam="aanbiederId" fout={fouten.aanbiederId} beschrijving="Wie de begeleiding geeft. De woningcorporatie ziet deze naam niet.">
          {(v) => (
            <Select {...v} value={w.aanbiederId} onChange={(e) => zet({ aanbiederId: e.target.value })}>
              <AanbiederOpties leeg="Kies een zorgaanbieder" />
            </Select>
          )}
        </Veld>
        <Veld label="Uren per week" naam="urenPerWeek" fout={fouten.urenPerWeek} beschrijving="Bijvoorbeeld 2,5.">
          {(v) => <Textbox {...v} inputMode="decimal" autoComplete="off" value={w.uren} onChange={(e) => zet({ uren: e.target.value })} />}
        </Veld>
        <Veld label="Begeleiding vanaf" naam="van" fout={fouten.van}>
          {(v) => <DatumInvoer {...v} value={w.van} onChange={(van) => zet({ van })} />}
        </Veld>
        <Veld label="Begeleiding tot en met" naam="tot" fout={fouten.tot} beschrijving="De woningcorporatie ziet: begeleiding geregeld tot deze datum.">
          {(v) => <DatumInvoer {...v} value={w.tot} onChange={(tot) => zet({ tot })} />}
        </Veld>
        <Veld label="Contactpersoon" naam="contactpersoon" fout={fouten.contactpersoon} beschrijving="Wie de corporatie belt. De corporatie ziet deze naam.">
          {(v) => <Textbox {...v} autoComplete="off" value={w.contactpersoon} onChange={(e) => zet({ contactpersoon: e.target.value })} />}
        </Veld>
        <Veld label="Telefoon contactpersoon" naam="contactTelefoon" fout={fouten.contactTelefoon} beschrijving="Optioneel. De corporatie ziet dit nummer.">
          {(v) => <Textbox {...v} inputMode="tel" autoComplete="off" value={w.contactTelefoon} onChange={(e) => zet({ contactTelefoon: e.target.value })} />}
        </Veld>
      </Fieldset>
      <Fieldset>
        <FieldsetLegend>Evaluaties</FieldsetLegend>
        <Paragraph className="beschrijving">
          Zorgaanbieder en toegang krijgen een melding {domeinen.herinneringVoorafDagen} dagen vooraf en op de dag zelf.
        </Paragraph>
        {fouten.evaluaties && <Fout>{fouten.evaluaties}</Fout>}
        {w.evaluaties.map((d, i) => (
          <div key={i} className="begeleiding-regel">
            <Veld label={`Evaluatiedatum ${i + 1}`} naam={`evaluatie-${i}`} fout={fouten[`evaluaties.${i}`]}>
              {(v) => <DatumInvoer {...v} value={d} onChange={(datum) => zet({ evaluaties: w.evaluaties.map((x, j) => (j === i ? datum : x)) })} />}
            </Veld>
            <Button appearance="secondary-action-button" type="button" onClick={() => zet({ evaluaties: w.evaluaties.filter((_, j) => j !== i) })}>
              Verwijderen<span className="visueel-verborgen"> (evaluatiedatum {i + 1})</span>
            </Button>
          </div>
        ))}
        <Button appearance="secondary-action-button" type="button" onClick={() => zet({ evaluaties: [...w.evaluaties, ''] })}>
          Evaluatie toevoegen
        </Button>
      </Fieldset>
      <Fieldset aria-describedby="plan-uitleg">
        <FieldsetLegend>Plan: doelen per domein</FieldsetLegend>
        <Paragraph id="plan-uitleg" className="beschrijving">
          Alleen voor toegang en zorg: de woningcorporatie ziet het plan niet. Laat een domein leeg als er geen doel is.
        </Paragraph>
        {fouten.plan && <Fout>{fouten.plan}</Fout>}
        {domeinen.domeinen.map((dom) => (
          <Fieldset key={dom.code} aria-describedby={`domein-${dom.code}-uitleg`}>
            <FieldsetLegend>{dom.label}</FieldsetLegend>
            <Paragraph id={`domein-${dom.code}-uitleg`} className="beschrijving">
              {dom.uitleg}
            </Paragraph>
            {w.plan[dom.code]!.map((doel, i) => (
              <div key={i} className="begeleiding-regel">
                <Veld label={`Doel ${i + 1} bij ${dom.label}`} naam={`doel-${dom.code}-${i}`} fout={foutDoel(dom.code, i)}>
                  {(v) => <Textbox {...v} autoComplete="off" value={doel.omschrijving} onChange={(e) => zetDoel(dom.code, i, { omschrijving: e.target.value })} />}
                </Veld>
                <Veld label={`Status doel ${i + 1} bij ${dom.label}`} naam={`status-${dom.code}-${i}`}>
                  {(v) => (
                    <Select {...v} value={doel.status} onChange={(e) => zetDoel(dom.code, i, { status: e.target.value as DoelStatus })}>
                      {domeinen.statussen.map((s) => (
                        <SelectOption key={s.code} value={s.code}>
                          {s.label}
                        </SelectOption>
                      ))}
                    </Select>
                  )}
                </Veld>
              </div>
            ))}
            <Button appearance="secondary-action-button" type="button" onClick={() => zetW((x) => ({ ...x, plan: { ...x.plan, [dom.code]: [...x.plan[dom.code]!, { omschrijving: '', status: 'open' }] } }))}>
              Doel toevoegen<span className="visueel-verborgen"> bij {dom.label}</span>
            </Button>
          </Fieldset>
        ))}
      </Fieldset>
      <FormulierVoet knop="Begeleiding vastleggen" bezig={opslaan.isPending} fout={algemeen} onAnnuleer={sluit} />
    </form>
    {/* outside the form: the dialog's buttons must not submit it */}
    {dialoog}
    </>
  );
}

/** The reduced lines ("begeleiding geregeld tot …, contact …") of one page of placements, in one request. */
export function useBegeleidingRegels(plaatsingIds: string[]) {
  const query = plaatsingIds.length ? `/api/begeleidingen/regels?${plaatsingIds.map((id) => `plaatsing=${id}`).join('&')}` : null;
  const { data } = useApi<{ regels: { plaatsingId: string; tekst: string }[] }>(query);
  return new Map((data?.regels ?? []).map((r) => [r.plaatsingId, r.tekst]));
}
