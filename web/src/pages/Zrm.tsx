import { useState, type FormEvent } from 'react';
import { Alert, Button, Heading2, Heading3, Paragraph, Select, SelectOption, Textarea, Textbox } from '@utrecht/component-library-react';
import { api } from '../api';
import { useApi, useWijziging } from '../hooks';
import { getal, nlDatum, nlTijdstip } from '../format';
import { Grafiek } from '../grafiek';
import { Tabel, type Kolom } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { DatumInvoer } from '../ui/DatumInvoer';
import { Fout, Gegevens } from '../ui/Status';
import { useBevestiging } from '../ui/Bevestig';
import { useMeld } from '../ui/Melding';
import { verdeelFout, vandaagIso } from './NieuweClient';
import { UITSTROOM_DOMEINEN, ZRM_DOMEIN_LABEL, ZRM_DOMEINEN, ZRM_SCORE_LABEL, ZRM_SCORES, type ZrmBeoordeling as Beoordeling, type ZrmDomein, type ZrmOverzicht as Overzicht } from '../../../src/domain/zrm';
import { FormulierVoet } from '../ui/FormulierVoet';

/** The hint's sentence without its leading yes/no (shown in bold before it), starting with a capital. */
const hintZin = (tekst: string) => {
  const rest = tekst.replace(/^(Ja|Nog niet)[.:] /, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
};

const scoreTekst = (w: number | null) => (w === null ? 'Niet van toepassing / onbekend' : `${w} – ${ZRM_SCORE_LABEL[w as 1]}`);

/**
 * Zelfredzaamheid-Matrix on the dossier (ADR 0032): the latest assessment per domain, the history as a chart with a
 * table, the readiness hint (advice only: uitstroomklaar stays a choice of the toegang) and, for the roles that
 * write, a form. Notes are read only by medewerker toegang and consulent; the server leaves them out for others.
 */
export function Zrm({ clientId, magSchrijven, organisatieId }: { clientId: string; magSchrijven: boolean; organisatieId: string }) {
  const pad = `/api/clienten/${clientId}/zrm`;
  const { data, fout } = useApi<Overzicht>(pad);
  return (
    <section aria-labelledby="kop-zrm" className="dossier-deel">
      <Heading2 id="kop-zrm">Zelfredzaamheid (ZRM)</Heading2>
      <Gegevens data={data} fout={fout}>
        {(d) => <ZrmInhoud d={d} pad={pad} magSchrijven={magSchrijven} organisatieId={organisatieId} />}
      </Gegevens>
      {magSchrijven && <NieuweZrm pad={pad} />}
    </section>
  );
}

function ZrmInhoud({ d, pad, magSchrijven, organisatieId }: { d: Overzicht; pad: string; magSchrijven: boolean; organisatieId: string }) {
  const geldig = d.beoordelingen.filter((b) => !b.ingetrokken);
  const laatste = geldig[0];
  if (!laatste) return <Paragraph className="leeg">Nog geen ZRM-beoordeling vastgelegd.</Paragraph>;
  return (
    <>
      <div className="kaart zrm-hint" role="status">
        <Heading3>Klaar voor uitstroom volgens ZRM?</Heading3>
        <Paragraph>
          <strong>{d.hint?.klaar ? 'Ja' : 'Nog niet'}</strong> (beoordeling van {nlDatum(laatste.datum)}). {hintZin(d.hint?.tekst ?? '')}
        </Paragraph>
        <Paragraph className="zrm-uitleg">Dit is een hint, geen voorwaarde: of iemand uitstroomklaar is, beslist de toegang.</Paragraph>
      </div>
      <Tabel
        bijschrift={`Laatste beoordeling, ${nlDatum(laatste.datum)} door ${laatste.organisatie}`}
        kolommen={laatsteKolommen}
        rijen={ZRM_DOMEINEN.map((domein) => ({ domein, score: laatste.scores[domein] }))}
        sleutel={(r) => r.domein}
        eenheid="domeinen"
      />
      {laatste.toelichting && (
        <Paragraph>
          <strong>Toelichting:</strong> {laatste.toelichting}
        </Paragraph>
      )}
      {geldig.length > 0 && <ZrmGrafiek beoordelingen={geldig} />}
      <Geschiedenis beoordelingen={d.beoordelingen} pad={pad} magIntrekken={magSchrijven} organisatieId={organisatieId} />
    </>
  );
}

const laatsteKolommen: Kolom<{ domein: ZrmDomein; score: number | null }>[] = [
  { kop: 'Domein', cel: (r) => ZRM_DOMEIN_LABEL[r.domein] },
  { kop: 'Score', cel: (r) => scoreTekst(r.score) },
];

/** The mean and the six domains the hint reads, oldest first; the history table below carries the same figures. */
function ZrmGrafiek({ beoordelingen }: { beoordelingen: Beoordeling[] }) {
  const oplopend = [...beoordelingen].reverse();
  const optie = {
    xAxis: { type: 'category', data: oplopend.map((b) => nlDatum(b.datum)) },
    yAxis: { type: 'value', min: 1, max: 5, interval: 1 },
    series: [
      { name: 'Gemiddelde (alle domeinen)', type: 'line', data: oplopend.map((b) => b.gemiddelde), lineStyle: { width: 3 } },
      ...UITSTROOM_DOMEINEN.map((dm) => ({ name: ZRM_DOMEIN_LABEL[dm], type: 'line', lineStyle: { type: 'dashed' }, data: oplopend.map((b) => b.scores[dm]) })),
    ],
  };
  return <Grafiek titel="ZRM-scores door de tijd (1 = acute problematiek, 5 = volledig zelfredzaam)" optie={optie} hoogte={260} />;
}

function Geschiedenis({ beoordelingen, pad, magIntrekken, organisatieId }: { beoordelingen: Beoordeling[]; pad: string; magIntrekken: boolean; organisatieId: string }) {
  const meld = useMeld();
  const [dialoog, vraag] = useBevestiging();
  const [fout, zetFout] = useState<string | null>(null);
  const intrekken = useWijziging(({ id, reden }: { id: string; reden: string }) => api(`/api/zrm/${id}/intrekken`, { method: 'POST', body: { reden } }), [pad]);
  const [teIntrekken, zetTeIntrekken] = useState<Beoordeling | null>(null);
  const [reden, zetReden] = useState('');
  const [redenFout, zetRedenFout] = useState<string | null>(null);
  const trekIn = async (e: FormEvent) => {
    e.preventDefault();
    const b = teIntrekken;
    if (!b) return;
    zetFout(null);
    zetRedenFout(null);
    if (!(await vraag({ titel: 'Beoordeling intrekken?', tekst: `De beoordeling van ${nlDatum(b.datum)} blijft zichtbaar als ingetrokken en telt niet meer mee voor de grafiek en de hint.`, bevestig: 'Intrekken' }))) return;
    try {
      await intrekken.mutateAsync({ id: b.id, reden });
      meld(`Beoordeling van ${nlDatum(b.datum)} ingetrokken.`);
      zetTeIntrekken(null);
      zetReden('');
    } catch (err) {
      const f = verdeelFout(err);
      if (f.velden.reden) zetRedenFout(f.velden.reden);
      else zetFout(f.algemeen);
    }
  };
  const kolommen: Kolom<Beoordeling>[] = [
    { kop: 'Datum', cel: (b) => nlDatum(b.datum) },
    { kop: 'Organisatie', cel: (b) => b.organisatie },
    { kop: 'Gemiddelde', getal: true, cel: (b) => (b.gemiddelde === null ? '—' : getal(b.gemiddelde, 1)) },
    ...UITSTROOM_DOMEINEN.map((dm) => ({ kop: ZRM_DOMEIN_LABEL[dm], getal: true, cel: (b: Beoordeling) => b.scores[dm] ?? '—' })),
    {
      kop: 'Status',
      cel: (b) => (b.ingetrokken ? `Ingetrokken op ${nlTijdstip(b.ingetrokken.op)}${b.ingetrokken.reden ? `: ${b.ingetrokken.reden}` : ''}` : 'Geldig'),
    },
    ...(magIntrekken
      ? [
          {
            kop: <span className="visueel-verborgen">Acties</span>,
            cel: (b: Beoordeling) =>
              !b.ingetrokken && b.organisatieId === organisatieId ? (
                <Button appearance="secondary-action-button" data-actie="zrm-intrekken" onClick={() => (zetTeIntrekken(b), zetReden(''), zetRedenFout(null))} aria-label={`Beoordeling van ${nlDatum(b.datum)} intrekken`}>
                  Intrekken
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <>
      <Tabel bijschrift="Alle ZRM-beoordelingen, nieuwste eerst" kolommen={kolommen} rijen={beoordelingen} sleutel={(b) => b.id} eenheid="beoordelingen" />
      {teIntrekken && (
        <form className="kaart geen-print" onSubmit={(e) => void trekIn(e)} noValidate aria-label="Beoordeling intrekken">
          <Veld label={`Reden van intrekken (beoordeling van ${nlDatum(teIntrekken.datum)})`} naam="reden" fout={redenFout} beschrijving="Bijvoorbeeld: verkeerde cliënt gekozen. Minstens 5 tekens.">
            {(p) => <Textbox {...p} value={reden} onChange={(e) => zetReden(e.target.value)} />}
          </Veld>
          <FormulierVoet knop="Intrekken" bezig={intrekken.isPending} onAnnuleer={() => zetTeIntrekken(null)} />
        </form>
      )}
      {fout && <Fout>{fout}</Fout>}
      {dialoog}
    </>
  );
}

type Keuze = '' | 'nvt' | '1' | '2' | '3' | '4' | '5';
const leegFormulier = () => Object.fromEntries(ZRM_DOMEINEN.map((d) => [d, ''])) as Record<ZrmDomein, Keuze>;

function NieuweZrm({ pad }: { pad: string }) {
  const meld = useMeld();
  const [dialoog, vraag] = useBevestiging();
  const [versie, zetVersie] = useState(0);
  const [datum, zetDatum] = useState(vandaagIso());
  const [keuzes, zetKeuzes] = useState(leegFormulier);
  const [toelichting, zetToelichting] = useState('');
  const [fouten, zetFouten] = useState<Record<string, string>>({});
  const [algemeen, zetAlgemeen] = useState<string | null>(null);
  const vastleggen = useWijziging((body: unknown) => api(pad, { method: 'POST', body }), [pad]);
  const verstuur = async (e: FormEvent) => {
    e.preventDefault();
    zetFouten({});
    zetAlgemeen(null);
    // an unchosen domain is sent as missing: the server names it at its field
    const scores = Object.fromEntries(ZRM_DOMEINEN.flatMap((d) => (keuzes[d] === '' ? [] : [[d, keuzes[d] === 'nvt' ? null : Number(keuzes[d])]])));
    if (!(await vraag({ titel: 'ZRM-beoordeling vastleggen?', tekst: `De beoordeling van ${nlDatum(datum) || datum} wordt vastgelegd namens uw organisatie. Verkeerd ingevoerd? U kunt haar later intrekken met een reden.`, bevestig: 'Vastleggen' }))) return;
    try {
      await vastleggen.mutateAsync({ datum, scores, toelichting: toelichting.trim() || null });
      meld(`ZRM-beoordeling van ${nlDatum(datum)} vastgelegd.`);
      zetKeuzes(leegFormulier());
      zetToelichting('');
      zetVersie((v) => v + 1);
    } catch (err) {
      const f = verdeelFout(err);
      const velden = Object.fromEntries(Object.entries(f.velden).map(([k, v]) => [k.replace(/^scores\./, ''), v]));
      zetFouten(velden);
      zetAlgemeen(velden.scores ?? f.algemeen);
    }
  };
  return (
    <>
      <form key={versie} className="kaart geen-print zrm-formulier" onSubmit={(e) => void verstuur(e)} noValidate aria-label="ZRM-beoordeling vastleggen" data-actie="zrm-vastleggen">
        <Heading3>Nieuwe ZRM-beoordeling</Heading3>
        <Paragraph>Kies per domein een score van 1 (acute problematiek) tot 5 (volledig zelfredzaam). Minstens 10 van de 13 domeinen moeten een score hebben.</Paragraph>
        <div className="velden">
          <Veld label="Datum van de beoordeling" naam="datum" fout={fouten.datum}>
            {(p) => <DatumInvoer {...p} value={datum} onChange={zetDatum} />}
          </Veld>
        </div>
        <div className="velden zrm-scores">
          {ZRM_DOMEINEN.map((d) => (
            <Veld key={d} label={`Score ${ZRM_DOMEIN_LABEL[d]}`} naam={d} fout={fouten[d]}>
              {(p) => (
                <Select {...p} value={keuzes[d]} onChange={(e) => zetKeuzes((k) => ({ ...k, [d]: e.target.value as Keuze }))}>
                  <SelectOption value="">— kies —</SelectOption>
                  {ZRM_SCORES.map((w) => (
                    <SelectOption key={w} value={String(w)}>
                      {scoreTekst(w)}
                    </SelectOption>
                  ))}
                  <SelectOption value="nvt">{scoreTekst(null)}</SelectOption>
                </Select>
              )}
            </Veld>
          ))}
        </div>
        <Veld label="Toelichting" naam="toelichting" fout={fouten.toelichting} beschrijving="Optioneel. Alleen medewerkers toegang en consulenten van gemeente en aanbieder lezen dit; lezers en corporaties niet.">
          {(p) => <Textarea {...p} rows={3} value={toelichting} onChange={(e) => zetToelichting(e.target.value)} />}
        </Veld>
        {algemeen && <Alert type="error">{algemeen}</Alert>}
        <FormulierVoet knop="Beoordeling vastleggen" bezig={vastleggen.isPending} />
      </form>
      {dialoog}
    </>
  );
}
