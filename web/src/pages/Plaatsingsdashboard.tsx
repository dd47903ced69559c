import { useState } from 'react';
import { Heading2, Link, Paragraph, Select, SelectOption } from '@utrecht/component-library-react';
import { queryString } from '../api';
import { useApi } from '../hooks';
import { getal, nlDatum } from '../format';
import type { Ik } from '../types';
import { Grafiek } from '../grafiek';
import { Pagina } from '../ui/Pagina';
import { Gegevens } from '../ui/Status';
import { Tabel } from '../ui/Tabel';
import { Veld } from '../ui/Veld';
import { DatumInvoer } from '../ui/DatumInvoer';

type Aantal = number | null;
interface Dashboard {
  periode: { van: string; tot: string };
  per: 'gemeente' | 'corporatie';
  onderdrukt: boolean;
  doorlooptijden: { groepId: string; groep: string; stap: string; stapLabel: string; binnenWeek: Aantal; weekTotMaand: Aantal; maandTotDrie: Aantal; langer: Aantal; totaal: Aantal }[];
  afwijzingen: { groepId: string; groep: string; partij: string; partijLabel: string; redenCode: string; reden: string; aantal: Aantal }[];
  overzicht: { groepId: string; groep: string; voorgesteld: Aantal; afgewezen: Aantal; herzien: Aantal; verlopen: Aantal; geplaatst: Aantal }[];
  geparkeerd: { groepId: string; groep: string; aantal: number; nuGeparkeerd: number }[] | null;
}

const KLASSEN = [
  { sleutel: 'binnenWeek', kop: '< 1 week' },
  { sleutel: 'weekTotMaand', kop: '1 week – 1 maand' },
  { sleutel: 'maandTotDrie', kop: '1–3 maanden' },
  { sleutel: 'langer', kop: '> 3 maanden' },
] as const;

/** A count as people read it: "<5" where the monitor's rule suppresses it for a corporatie. */
const n = (x: Aantal) => (x === null ? '<5' : getal(x));

/** A table, or the reason it is empty. */
function Lijst<R>({ leeg, ...props }: Parameters<typeof Tabel<R>>[0] & { leeg: string }) {
  return props.rijen.length ? <Tabel {...props} /> : <Paragraph>{leeg}</Paragraph>;
}

const jaarTerug = (vandaag: string) => `${Number(vandaag.slice(0, 4)) - 1}${vandaag.slice(4)}`;

/**
 * The placement dashboard: how long proposals wait per step, who declines and why, what expired and who is parked,
 * per gemeente or corporatie for a period. A corporatie sees its own homes only, with small counts as "<5".
 */
export function Plaatsingsdashboard({ ik }: { ik: Ik }) {
  const vandaag = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
  const [van, zetVan] = useState(jaarTerug(vandaag));
  const [tot, zetTot] = useState(vandaag);
  const corporatie = ik.soort === 'woningcorporatie';
  const [per, zetPer] = useState<'gemeente' | 'corporatie'>(corporatie ? 'corporatie' : 'gemeente');
  const geldig = /^\d{4}-\d\d-\d\d$/.test(van) && /^\d{4}-\d\d-\d\d$/.test(tot);
  const qs = queryString({ van, tot, per });
  const d = useApi<Dashboard>(geldig ? `/api/matching/dashboard${qs}` : null);
  const groepKop = per === 'gemeente' ? 'Gemeente' : 'Corporatie';
  const csv = (onderdeel: string, titel: string) => (
    <Link href={`/api/matching/dashboard${queryString({ van, tot, per, format: 'csv', onderdeel })}`} download data-leesactie className="geen-print">
      CSV<span className="visueel-verborgen"> van {titel}</span>
    </Link>
  );
  return (
    <Pagina titel="Plaatsingsdashboard">
      <div role="search" aria-label="Filters van het dashboard" className="filters geen-print">
        <Veld label="Van" naam="van">
          {(p) => <DatumInvoer {...p} value={van} onChange={zetVan} />}
        </Veld>
        <Veld label="Tot en met" naam="tot">
          {(p) => <DatumInvoer {...p} value={tot} onChange={zetTot} />}
        </Veld>
        <Veld label="Per" naam="per">
          {(p) => (
            <Select {...p} value={per} onChange={(e) => zetPer(e.target.value as 'gemeente' | 'corporatie')}>
              <SelectOption value="gemeente">Gemeente van de woning</SelectOption>
              <SelectOption value="corporatie">Corporatie</SelectOption>
            </Select>
          )}
        </Veld>
      </div>
      <Paragraph className="uitleg">
        Geteld uit de geschiedenis van elk voorstel: elke stap met wie, wanneer en waarom. De doorlooptijd is de tijd die een voorstel in een stap
        wachtte tot de volgende stap (akkoord, afwijzing, verlopen of sleuteloverdracht).
        {corporatie && ' U ziet alleen voorstellen op uw eigen woningen; aantallen van 1 tot 4 staan er als "<5".'}
      </Paragraph>
      <Gegevens data={d.data} fout={d.fout}>
        {(dash) => {
          const perStap = new Map<string, Record<string, number>>();
          for (const r of dash.doorlooptijden) {
            const t = perStap.get(r.stapLabel) ?? {};
            for (const k of KLASSEN) t[k.sleutel] = (t[k.sleutel] ?? 0) + (r[k.sleutel] ?? 0);
            perStap.set(r.stapLabel, t);
          }
          const stappen = [...perStap.keys()];
          return (
            <>
              <section aria-labelledby="kop-overzicht">
                <Heading2 id="kop-overzicht">Voorstellen {nlDatum(dash.periode.van)} tot en met {nlDatum(dash.periode.tot)}</Heading2>
                <Paragraph>{csv('overzicht', 'het overzicht')}</Paragraph>
                <Lijst
                  bijschrift={`Voorstellen per ${per === 'gemeente' ? 'gemeente' : 'corporatie'}`}
                  eenheid="rijen"
                  rijen={dash.overzicht}
                  sleutel={(r) => r.groepId}
                  leeg="Geen voorstellen in deze periode."
                  kolommen={[
                    { kop: groepKop, cel: (r) => r.groep },
                    { kop: 'Voorgesteld', cel: (r) => n(r.voorgesteld), getal: true },
                    { kop: 'Afgewezen', cel: (r) => n(r.afgewezen), getal: true },
                    { kop: 'Afwijzing herzien', cel: (r) => n(r.herzien), getal: true },
                    { kop: 'Verlopen', cel: (r) => n(r.verlopen), getal: true },
                    { kop: 'Sleutel overgedragen', cel: (r) => n(r.geplaatst), getal: true },
                  ]}
                />
              </section>
              <section aria-labelledby="kop-doorloop">
                <Heading2 id="kop-doorloop">Tijd tussen de stappen</Heading2>
                {stappen.length > 0 && (
                  <Grafiek
                    titel="Doorlooptijd per stap (aantal stappen)"
                    hoogte={260}
                    optie={{
                      xAxis: { type: 'category', data: stappen },
                      yAxis: { type: 'value', minInterval: 1 },
                      series: KLASSEN.map((k) => ({ name: k.kop, type: 'bar', stack: 'duur', data: stappen.map((st) => perStap.get(st)![k.sleutel] ?? 0) })),
                    }}
                  />
                )}
                {dash.onderdrukt && stappen.length > 0 && <Paragraph className="klein">In de grafiek tellen onderdrukte aantallen (&lt;5) als 0.</Paragraph>}
                <Paragraph>{csv('doorlooptijden', 'de doorlooptijden')}</Paragraph>
                <Lijst
                  bijschrift="Doorlooptijd per stap"
                  eenheid="rijen"
                  rijen={dash.doorlooptijden}
                  sleutel={(r) => `${r.groepId}|${r.stap}`}
                  leeg="Geen stappen in deze periode."
                  kolommen={[
                    { kop: groepKop, cel: (r) => r.groep },
                    { kop: 'Stap', cel: (r) => r.stapLabel },
                    ...KLASSEN.map((k) => ({ kop: k.kop, cel: (r: Dashboard['doorlooptijden'][number]) => n(r[k.sleutel]), getal: true })),
                    { kop: 'Totaal', cel: (r) => n(r.totaal), getal: true },
                  ]}
                />
              </section>
              <section aria-labelledby="kop-afwijzingen">
                <Heading2 id="kop-afwijzingen">Afwijzingen per partij en reden</Heading2>
                <Paragraph>{csv('afwijzingen', 'de afwijzingen')}</Paragraph>
                <Lijst
                  bijschrift="Afwijzingen per partij en reden"
                  eenheid="rijen"
                  rijen={dash.afwijzingen}
                  sleutel={(r) => `${r.groepId}|${r.partij}|${r.redenCode}`}
                  leeg="Geen afwijzingen in deze periode."
                  kolommen={[
                    { kop: groepKop, cel: (r) => r.groep },
                    { kop: 'Partij', cel: (r) => r.partijLabel },
                    { kop: 'Reden', cel: (r) => r.reden },
                    { kop: 'Aantal', cel: (r) => n(r.aantal), getal: true },
                  ]}
                />
              </section>
              {dash.geparkeerd && (
                <section aria-labelledby="kop-geparkeerd-dash">
                  <Heading2 id="kop-geparkeerd-dash">Geparkeerde cliënten per herkomstgemeente</Heading2>
                  <Paragraph>{csv('geparkeerd', 'de geparkeerde cliënten')}</Paragraph>
                  <Lijst
                    bijschrift="Geparkeerde cliënten"
                    eenheid="rijen"
                    rijen={dash.geparkeerd}
                    sleutel={(r) => r.groepId}
                    leeg="Niemand was geparkeerd in deze periode."
                    kolommen={[
                      { kop: 'Herkomstgemeente', cel: (r) => r.groep },
                      { kop: 'Geparkeerd in de periode', cel: (r) => getal(r.aantal), getal: true },
                      { kop: 'Geparkeerd aan het eind', cel: (r) => getal(r.nuGeparkeerd), getal: true },
                    ]}
                  />
                </section>
              )}
            </>
          );
        }}
      </Gegevens>
    </Pagina>
  );
}
