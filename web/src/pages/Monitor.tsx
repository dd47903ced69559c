import { useState, type ReactNode } from 'react';
import { Alert, Button, Heading2, Link, Paragraph, Select } from '@utrecht/component-library-react';
import { api, queryString } from '../api';
import { useApi, useOrganisaties } from '../hooks';
import { BESTEMMING_LABEL, NIVEAU_LABEL } from '../labels';
import { Grafiek } from '../grafiek';
import { getal, nlDatum, procent } from '../format';
import { Pagina } from '../ui/Pagina';
import { Tabel, type Kolom } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { Fout, Laden } from '../ui/Status';
import type { Ik } from '../types';
import type {
  BeschermdThuisRegel as BeschermdThuis,
  BezettingRegel as Bezetting,
  GepubliceerdeWoningRegel as Woning,
  PeriodeRegel as Periode,
  StromenRegel as Stromen,
  TerugkeerRegel as Terugkeer,
  WachttijdRegel as Wachttijd,
} from '../../../src/domain/monitor';
import { BESTEMMINGEN, NIVEAUS } from '../../../src/domain/trajecten';
import { standaardVan, STROOM_LABEL } from '../../../src/domain/monitor';
import { LabelOpties } from '../ui/LabelOpties';
import { DatumInvoer } from '../ui/DatumInvoer';
import { GemeenteOpties } from '../ui/GemeenteOpties';

type Antwoord<T> = { regels: T[] };
type PeriodeSoort = 'maand' | 'kwartaal' | 'jaar';

const PERIODE_LABEL: Record<PeriodeSoort, string> = { maand: 'Maand', kwartaal: 'Kwartaal', jaar: 'Jaar' };
const MAANDEN = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
/** "2026 K3", "sep 2026", "2026": how a period reads in a header and on an axis. */
const periodeNaam = (p: Periode, periode: PeriodeSoort) => {
  const jaar = p.start.slice(0, 4);
  const maand = Number(p.start.slice(5, 7));
  return periode === 'jaar' ? jaar : periode === 'kwartaal' ? `${jaar} K${Math.floor((maand - 1) / 3) + 1}` : `${MAANDEN[maand - 1]} ${jaar}`;
};
const som = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
/** The server gives percentages as 0–100 with one decimal; shown the Dutch way, "50,4%". */
const pct = (n: number | null) => (n == null ? '—' : procent(n / 100));
const geheel = (n: number | null | undefined) => getal(n);
const dagen = (n: number | null | undefined) => getal(n, 1);

function Sectie({ titel, csv, uitleg, children }: { titel: string; csv: string; uitleg?: ReactNode; children: ReactNode }) {
  return (
    <section className="monitor-sectie" aria-label={titel}>
      <div className="sectie-kop">
        <Heading2>{titel}</Heading2>
        <Link className="geen-print" href={csv} download data-leesactie>
          CSV<span className="visueel-verborgen"> van {titel}</span>
        </Link>
        <Link className="geen-print" href={csv.replace('format=csv', 'format=xlsx')} download data-leesactie>
          Excel<span className="visueel-verborgen"> van {titel}</span>
        </Link>
      </div>
      {uitleg && <Paragraph className="uitleg">{uitleg}</Paragraph>}
      {children}
    </section>
  );
}

/** The rows' period as the first column of every period table. */
const periodeKolom = <R extends Periode>(kop: string, periode: PeriodeSoort): Kolom<R> => ({ kop, cel: (r) => periodeNaam(r, periode) });
const getalKolom = <R,>(kop: string, waarde: (r: R) => number | null | undefined, opmaak: (n: number | null | undefined) => string = geheel): Kolom<R> => ({
  kop,
  cel: (r) => opmaak(waarde(r)),
  getal: true,
});

export function Monitor({ ik }: { ik: Ik }) {
  const orgs = useOrganisaties();
  const corporatie = ik.soort === 'woningcorporatie';
  const vandaag = new Date().toISOString().slice(0, 10);
  const [periode, zetPeriode] = useState<PeriodeSoort>('kwartaal');
  const [van, zetVan] = useState(standaardVan(vandaag));
  const [tot, zetTot] = useState(vandaag);
  const [gemeenteId, zetGemeente] = useState('');
  // an impossible period is said at the field and asks nothing of the server
  const datumFout = (d: string, naam: string) => (!/^\d{4}-\d{2}-\d{2}$/.test(d) ? `Vul bij ${naam} een datum in.` : null);
  const fouten = {
    van: datumFout(van, 'Van'),
    tot: datumFout(tot, 'Tot en met') ?? (van && tot && tot < van ? 'Tot en met ligt vóór Van. Kies een latere datum.' : null),
  };
  const geldig = !fouten.van && !fouten.tot;
  const qs = queryString({ periode, van, tot, gemeenteId });
  const csv = (sectie: string) => `/api/monitor/${sectie}${queryString({ periode, van, tot, gemeenteId, format: 'csv' })}`;
  const pad = (sectie: string, voorCorporatie = false) => (!geldig || (corporatie && !voorCorporatie) ? null : `/api/monitor/${sectie}${qs}`);

  const stromen = useApi<Antwoord<Stromen>>(pad('stromen'));
  const bezetting = useApi<Antwoord<Bezetting>>(pad('bezetting'));
  const wacht = useApi<Antwoord<Wachttijd>>(pad('wachttijden'));
  const terug = useApi<Antwoord<Terugkeer> & { peildatum: string }>(pad('terugkeer'));
  const bt = useApi<Antwoord<BeschermdThuis>>(pad('beschermd-thuis'));
  const woningen = useApi<Antwoord<Woning> & { onderdrukkingsdrempel: number | null }>(pad('woningen', true));
  const alle = [stromen, bezetting, wacht, terug, bt, woningen];
  const fout = alle.map((x) => x.fout).find(Boolean);
  const laden = alle.some((x) => x.laden);
  const gemeenteNaam = gemeenteId ? orgs.naam(gemeenteId) : 'hele regio';
  const [printFout, zetPrintFout] = useState<string | null>(null);
  // printing is logged (afdrukken) before the print dialog opens
  const afdrukken = async () => {
    try {
      zetPrintFout(null);
      await api('/api/monitor/afdrukken', { method: 'POST', body: { onderdeel: 'dashboard', periode, van, tot, gemeenteId: gemeenteId || null } });
      window.print();
    } catch (e) {
      zetPrintFout((e as Error).message);
    }
  };

  return (
    <Pagina
      titel={`Monitor ${ik.regio}`}
      acties={
        <Button appearance="secondary-action-button" onClick={() => void afdrukken()} disabled={!geldig} data-leesactie>
          Afdrukken / PDF
        </Button>
      }
    >
      <div className="monitor">
        <Paragraph className="alleen-print" data-testid="print-kop">
          {ik.organisatie} · {gemeenteNaam} · per {PERIODE_LABEL[periode].toLowerCase()} · {nlDatum(van)} t/m {nlDatum(tot)} · afgedrukt op {nlDatum(vandaag)}
        </Paragraph>
        <Paragraph className="geen-print">
          {corporatie
            ? 'Als woningcorporatie ziet u alleen de eigen gereserveerde en gerealiseerde woningen. Aantallen 1–4 worden als "<5" getoond.'
            : 'Geaggregeerde cijfers van de regio, berekend uit de trajectgebeurtenissen; er worden geen cliëntgegevens getoond. Jongeren = 18–24 jaar op de datum van de gebeurtenis (of het einde van de periode).'}
        </Paragraph>
        <div role="search" aria-label="Filters van de monitor" className="filters">
          <Veld label="Periode" naam="periode">
            {(p) => (
              <Select {...p} value={periode} onChange={(e) => zetPeriode(e.target.value as PeriodeSoort)}>
                <LabelOpties labels={PERIODE_LABEL} />
              </Select>
            )}
          </Veld>
          <Veld label="Van" naam="van" fout={fouten.van}>
            {(p) => <DatumInvoer {...p} value={van} onChange={zetVan} />}
          </Veld>
          <Veld label="Tot en met" naam="tot" fout={fouten.tot}>
            {(p) => <DatumInvoer {...p} value={tot} onChange={zetTot} />}
          </Veld>
          {!corporatie && (
            <Veld label="Gemeente" naam="gemeenteId">
              {(p) => (
                <Select {...p} value={gemeenteId} onChange={(e) => zetGemeente(e.target.value)}>
                  <GemeenteOpties alle="Hele regio" />
                </Select>
              )}
            </Veld>
          )}
        </div>
        {(fout || printFout) && <Fout>{fout ?? printFout}</Fout>}
        {laden && <Laden tekst="Cijfers laden…" />}

        {stromen.data && (
          <Sectie titel="In-, door- en uitstroom" csv={csv('stromen')}>
            <Grafiek
              titel={`In-, door- en uitstroom per ${PERIODE_LABEL[periode].toLowerCase()}`}
              optie={{
                xAxis: { type: 'category', data: stromen.data.regels.map((r) => periodeNaam(r, periode)) },
                yAxis: { type: 'value' },
                series: (['instroom', 'doorstroom', 'uitstroom', 'terugval'] as const).map((s) => ({ name: STROOM_LABEL[s], type: 'bar', data: stromen.data!.regels.map((r) => r.aantallen[s]) })),
              }}
            />
            <Tabel<Stromen>
              bijschrift="In-, door- en uitstroom per periode"
              eenheid="perioden"
              sleutel={(r) => r.start}
              rijen={stromen.data.regels}
              kolommen={[
                periodeKolom('Periode', periode),
                getalKolom('Instroom', (r) => r.aantallen.instroom),
                getalKolom('Instroom 18–24', (r) => r.jongeren.instroom),
                getalKolom('Doorstroom', (r) => r.aantallen.doorstroom),
                getalKolom('Uitstroom', (r) => r.aantallen.uitstroom),
                getalKolom('Uitstroom 18–24', (r) => r.jongeren.uitstroom),
                getalKolom('Terugval', (r) => r.aantallen.terugval),
                getalKolom('Uitval', (r) => r.aantallen.uitval),
                ...BESTEMMINGEN.map((b) => getalKolom<Stromen>(`Naar ${BESTEMMING_LABEL[b]}`, (r) => r.uitstroomPerBestemming[b])),
              ]}
            />
          </Sectie>
        )}

        {bezetting.data && (
          <Sectie titel="Bezetting per niveau en wachtlijsten (einde periode)" csv={csv('bezetting')}>
            <Grafiek
              titel="Bezetting per niveau en wachtlijsten"
              optie={{
                xAxis: { type: 'category', data: bezetting.data.regels.map((r) => periodeNaam(r, periode)) },
                yAxis: { type: 'value' },
                series: [
                  ...NIVEAUS.map((n) => ({ name: NIVEAU_LABEL[n], type: 'bar', stack: 'zorg', data: bezetting.data!.regels.map((r) => r.populatie[n]) })),
                  { name: 'Wacht op instroom', type: 'line', data: bezetting.data.regels.map((r) => som(r.wachtInstroom)) },
                  { name: 'Wacht op woning', type: 'line', data: bezetting.data.regels.map((r) => r.wachtUitstroom) },
                ],
              }}
            />
            <Tabel<Bezetting>
              bijschrift="Bezetting en wachtlijsten op de laatste dag van elke periode"
              eenheid="perioden"
              sleutel={(r) => r.start}
              rijen={bezetting.data.regels}
              kolommen={[
                { kop: 'Einde periode', cel: (r) => nlDatum(r.eind) },
                ...NIVEAUS.map((n) => getalKolom<Bezetting>(NIVEAU_LABEL[n], (r) => r.populatie[n])),
                getalKolom('In zorg 18–24', (r) => som(r.populatieJongeren)),
                getalKolom('Wacht op instroom', (r) => som(r.wachtInstroom)),
                getalKolom('Wacht op instroom 18–24', (r) => r.wachtInstroomJongeren),
                getalKolom('Wacht op woning', (r) => r.wachtUitstroom),
                getalKolom('Wacht op woning 18–24', (r) => r.wachtUitstroomJongeren),
              ]}
            />
          </Sectie>
        )}

        {wacht.data && (
          <Sectie
            titel="Wachttijden in dagen"
            csv={csv('wachttijden')}
            uitleg="Instroom: van indicatie tot instroom. Uitstroom: van uitstroomklaar tot uitstroom. Per periode van de instroom of uitstroom; 90e percentiel = 90% wachtte korter."
          >
            <Grafiek
              titel="Wachttijden in dagen (mediaan en 90e percentiel)"
              optie={{
                xAxis: { type: 'category', data: wacht.data.regels.map((r) => periodeNaam(r, periode)) },
                yAxis: { type: 'value', name: 'dagen' },
                series: [
                  { name: 'Instroom mediaan', type: 'line', data: wacht.data.regels.map((r) => r.instroom.mediaan) },
                  { name: 'Instroom 90e percentiel', type: 'line', lineStyle: { type: 'dashed' }, data: wacht.data.regels.map((r) => r.instroom.p90) },
                  { name: 'Uitstroom mediaan', type: 'line', data: wacht.data.regels.map((r) => r.uitstroom.mediaan) },
                  { name: 'Uitstroom 90e percentiel', type: 'line', lineStyle: { type: 'dashed' }, data: wacht.data.regels.map((r) => r.uitstroom.p90) },
                ],
              }}
            />
            <Tabel<Wachttijd>
              bijschrift="Wachttijden in dagen per periode"
              eenheid="perioden"
              sleutel={(r) => r.start}
              rijen={wacht.data.regels}
              kolommen={[
                periodeKolom('Periode', periode),
                getalKolom('Instroom aantal', (r) => r.instroom.aantal),
                getalKolom('Instroom mediaan', (r) => r.instroom.mediaan, dagen),
                getalKolom('Instroom 90e percentiel', (r) => r.instroom.p90, dagen),
                getalKolom('Instroom 18–24 mediaan', (r) => r.instroomJongeren.mediaan, dagen),
                getalKolom('Uitstroom aantal', (r) => r.uitstroom.aantal),
                getalKolom('Uitstroom mediaan', (r) => r.uitstroom.mediaan, dagen),
                getalKolom('Uitstroom 90e percentiel', (r) => r.uitstroom.p90, dagen),
                getalKolom('Uitstroom 18–24 mediaan', (r) => r.uitstroomJongeren.mediaan, dagen),
              ]}
            />
          </Sectie>
        )}

        {terug.data && (
          <Sectie
            titel="Terugkeer binnen 12 maanden na uitstroom"
            csv={csv('terugkeer')}
            uitleg="Per uitstroomcohort: wie binnen 365 dagen weer in Beschermd Wonen of Maatschappelijke Opvang kwam (terugval of nieuwe instroom). Cohorten die nog geen 12 maanden gevolgd zijn, zijn gemarkeerd met *."
          >
            <Grafiek
              titel="Terugkeer binnen 12 maanden (percentage van de uitstroom)"
              hoogte={240}
              optie={{
                xAxis: { type: 'category', data: terug.data.regels.map((r) => periodeNaam(r, periode) + (r.volledigGevolgd ? '' : '*')) },
                yAxis: { type: 'value', axisLabel: { formatter: (v: number) => procent(v / 100, 0) } },
                tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => pct(v) },
                series: [
                  { name: 'Terugkeer', type: 'bar', data: terug.data.regels.map((r) => r.percentage) },
                  { name: 'Terugkeer jongeren 18–24', type: 'bar', data: terug.data.regels.map((r) => r.percentageJongeren) },
                ],
              }}
            />
            <Tabel<Terugkeer>
              bijschrift="Terugkeer per uitstroomcohort"
              eenheid="cohorten"
              sleutel={(r) => r.start}
              rijen={terug.data.regels}
              kolommen={[
                periodeKolom('Cohort', periode),
                getalKolom('Uitstroom', (r) => r.uitstroom),
                getalKolom('Terug binnen 12 maanden', (r) => r.teruggekeerd),
                { kop: 'Percentage terug', cel: (r) => pct(r.percentage), getal: true },
                getalKolom('Uitstroom 18–24', (r) => r.uitstroomJongeren),
                getalKolom('Terug 18–24', (r) => r.teruggekeerdJongeren),
                { kop: 'Percentage terug 18–24', cel: (r) => pct(r.percentageJongeren), getal: true },
                { kop: 'Volledig gevolgd', cel: (r) => (r.volledigGevolgd ? 'ja' : 'nee *') },
              ]}
            />
          </Sectie>
        )}

        {woningen.data && <WoningenSectie data={woningen.data} csv={csv('woningen')} />}

        {bt.data && (
          <Sectie titel="Beschermd Thuis-plekken per gemeente" csv={csv('beschermd-thuis')}>
            <Tabel<BeschermdThuis>
              bijschrift="Beschermd Thuis-plekken tegenover het doel"
              eenheid="regels"
              sleutel={(r) => `${r.jaar}-${r.gemeenteId}`}
              rijen={bt.data.regels}
              kolommen={[
                { kop: 'Jaar', cel: (r) => String(r.jaar) },
                { kop: 'Gemeente', cel: (r) => r.gemeente },
                getalKolom('Plekken', (r) => r.plekken),
                getalKolom('Doel', (r) => r.doelPlekken),
                { kop: 'Percentage van doel', cel: (r) => (r.doelPlekken ? procent(r.plekken / r.doelPlekken) : '—'), getal: true },
              ]}
            />
          </Sectie>
        )}
        {!laden && !fout && geldig && corporatie && woningen.data?.regels.length === 0 && (
          <Alert type="info">
            <Paragraph>Er zijn nog geen reserveringsafspraken met uw corporatie.</Paragraph>
          </Alert>
        )}
      </div>
    </Pagina>
  );
}

function WoningenSectie({ data, csv }: { data: Antwoord<Woning> & { onderdrukkingsdrempel: number | null }; csv: string }) {
  const drempel = data.onderdrukkingsdrempel;
  const klein = drempel ? `<${drempel}` : '<5';
  const sleutels = [...new Set(data.regels.map((r) => `${r.jaar} ${r.corporatie}`))];
  const totaal = (sleutel: string, k: 'gereserveerd' | 'gerealiseerd') =>
    data.regels.filter((r) => `${r.jaar} ${r.corporatie}` === sleutel).reduce((a, r) => a + ((k === 'gereserveerd' ? r.gereserveerd : r.gerealiseerd) ?? 0), 0);
  return (
    <Sectie
      titel="Woningen: gereserveerd tegenover gerealiseerd"
      csv={csv}
      uitleg={
        drempel
          ? `Gerealiseerde aantallen onder de ${drempel} worden als "${klein}" getoond.`
          : 'Gerealiseerd = plaatsingen die in dat jaar begonnen in een woning van de corporatie in die gemeente.'
      }
    >
      <Grafiek
        titel="Gereserveerde en gerealiseerde woningen per jaar en corporatie"
        hoogte={Math.max(160, sleutels.length * 44 + 40)}
        optie={{
          // horizontal bars: the long labels (year and corporation) stay whole and level, on screen and on paper
          yAxis: { type: 'category', data: sleutels, inverse: true, axisLabel: { interval: 0 } },
          xAxis: { type: 'value' },
          series: [
            { name: 'Gereserveerd', type: 'bar', data: sleutels.map((k) => totaal(k, 'gereserveerd')) },
            // suppressed counts are not drawn as a number at all
            ...(drempel ? [] : [{ name: 'Gerealiseerd', type: 'bar', data: sleutels.map((k) => totaal(k, 'gerealiseerd')) }]),
          ],
        }}
      />
      <Tabel<Woning>
        bijschrift="Gereserveerde en gerealiseerde woningen"
        eenheid="afspraken"
        sleutel={(r) => `${r.jaar}-${r.gemeenteId}-${r.corporatieId}`}
        rijen={data.regels}
        kolommen={[
          { kop: 'Jaar', cel: (r) => String(r.jaar) },
          { kop: 'Gemeente', cel: (r) => r.gemeente },
          { kop: 'Corporatie', cel: (r) => r.corporatie },
          getalKolom('Gereserveerd', (r) => r.gereserveerd),
          { kop: 'Gerealiseerd', cel: (r) => (r.onderdrukt ? klein : getal(r.gerealiseerd)), getal: true },
          { kop: 'Percentage gerealiseerd', cel: (r) => (r.onderdrukt || !r.gereserveerd ? '—' : procent((r.gerealiseerd ?? 0) / r.gereserveerd)), getal: true },
        ]}
      />
    </Sectie>
  );
}
