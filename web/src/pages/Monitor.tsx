import { useState, type ReactNode } from 'react';
import { api, queryString } from '../api';
import { useApi, useOrganisaties } from '../hooks';
import { BESTEMMING_LABEL, NIVEAU_LABEL } from '../labels';
import { Grafiek } from '../grafiek';
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
import { standaardVan } from '../../../src/domain/monitor';

type Antwoord<T> = { regels: T[] };

const BESTEMMING = BESTEMMING_LABEL;
const PERIODE_LABEL = { maand: 'Maand', kwartaal: 'Kwartaal', jaar: 'Jaar' };
const label = (p: Periode, periode: string) =>
  periode === 'jaar' ? p.start.slice(0, 4) : periode === 'kwartaal' ? `${p.start.slice(0, 4)}-K${Math.floor(Number(p.start.slice(5, 7)) / 3) + 1}` : p.start.slice(0, 7);
const getal = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('nl-NL', { maximumFractionDigits: 1 }));
const som = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

function Sectie({ titel, csv, uitleg, children }: { titel: string; csv: string; uitleg?: ReactNode; children: ReactNode }) {
  return (
    <section className="monitor-sectie">
      <h3>
        {titel}{' '}
        <a className="geen-print" href={csv} download>
          CSV
        </a>{' '}
        <a className="geen-print" href={csv.replace('format=csv', 'format=xlsx')} download>
          Excel
        </a>
      </h3>
      {uitleg && <p className="uitleg">{uitleg}</p>}
      {children}
    </section>
  );
}

export function Monitor({ ik }: { ik: Ik }) {
  const orgs = useOrganisaties();
  const corporatie = ik.soort === 'woningcorporatie';
  const vandaag = new Date().toISOString().slice(0, 10);
  const [periode, zetPeriode] = useState<'maand' | 'kwartaal' | 'jaar'>('kwartaal');
  const [van, zetVan] = useState(standaardVan(vandaag));
  const [tot, zetTot] = useState(vandaag);
  const [gemeenteId, zetGemeente] = useState('');
  const qs = queryString({ periode, van, tot, gemeenteId });
  const csv = (sectie: string) => `/api/monitor/${sectie}${queryString({ periode, van, tot, gemeenteId, format: 'csv' })}`;

  const stromen = useApi<Antwoord<Stromen>>(corporatie ? null : `/api/monitor/stromen${qs}`);
  const bezetting = useApi<Antwoord<Bezetting>>(corporatie ? null : `/api/monitor/bezetting${qs}`);
  const wacht = useApi<Antwoord<Wachttijd>>(corporatie ? null : `/api/monitor/wachttijden${qs}`);
  const terug = useApi<Antwoord<Terugkeer> & { peildatum: string }>(corporatie ? null : `/api/monitor/terugkeer${qs}`);
  const bt = useApi<Antwoord<BeschermdThuis>>(corporatie ? null : `/api/monitor/beschermd-thuis${qs}`);
  const woningen = useApi<Antwoord<Woning> & { onderdrukkingsdrempel: number | null }>(`/api/monitor/woningen${qs}`);
  const fout = [stromen, bezetting, wacht, terug, bt, woningen].map((x) => x.fout).find(Boolean);
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
    <section className="monitor">
      <style>{`
        .monitor-sectie { margin: 1.5rem 0; break-inside: avoid; }
        .monitor-sectie h3 a { font-size: 0.8rem; font-weight: normal; margin-left: 0.6rem; }
        .monitor .uitleg { font-size: 0.85rem; color: #4b5563; margin: 0.2rem 0 0.6rem; }
        .monitor td.getal, .monitor th.getal { text-align: right; }
        .alleen-print { display: none; }
        @media print {
          .alleen-print { display: block; }
          .monitor-sectie table { font-size: 0.75rem; }
          .monitor-sectie { break-inside: avoid; page-break-inside: avoid; }
        }
      `}</style>
      <h2>Monitor {ik.regio}</h2>
      <p className="alleen-print">
        {ik.organisatie} · {gemeenteNaam} · {PERIODE_LABEL[periode]} · {van} t/m {tot} · afgedrukt {vandaag}
      </p>
      <p className="geen-print">
        {corporatie
          ? 'Als woningcorporatie ziet u alleen de eigen gereserveerde en gerealiseerde woningen. Aantallen 1–4 worden als "<5" getoond.'
          : 'Geaggregeerde cijfers van de regio, berekend uit de trajectgebeurtenissen; er worden geen cliëntgegevens getoond. Jongeren = 18–24 jaar op de datum van de gebeurtenis (of het einde van de periode).'}
      </p>
      <div className="filters">
        <label>
          Periode
          <select value={periode} onChange={(e) => zetPeriode(e.target.value as typeof periode)}>
            {Object.entries(PERIODE_LABEL).map(([w, l]) => <option key={w} value={w}>{l}</option>)}
          </select>
        </label>
        <label>
          Van
          <input type="date" value={van} onChange={(e) => zetVan(e.target.value)} />
        </label>
        <label>
          Tot en met
          <input type="date" value={tot} onChange={(e) => zetTot(e.target.value)} />
        </label>
        <label>
          Gemeente
          <select value={gemeenteId} onChange={(e) => zetGemeente(e.target.value)}>
            <option value="">hele regio</option>
            {orgs.gemeenten.map((g) => <option key={g.id} value={g.id}>{g.naam}</option>)}
          </select>
        </label>
        <button onClick={afdrukken}>Afdrukken / PDF</button>
      </div>
      {(fout || printFout) && <div className="fout">{fout ?? printFout}</div>}

      {!corporatie && stromen.data && (
        <Sectie titel="In-, door- en uitstroom" csv={csv('stromen')}>
          <Grafiek
            optie={{
              xAxis: { type: 'category', data: stromen.data.regels.map((r) => label(r, periode)) },
              yAxis: { type: 'value' },
              series: (['instroom', 'doorstroom', 'uitstroom', 'terugval'] as const).map((s) => ({ name: s, type: 'bar', data: stromen.data!.regels.map((r) => r.aantallen[s]) })),
            }}
          />
          <table>
            <thead>
              <tr>
                <th>Periode</th><th className="getal">Instroom</th><th className="getal">w.v. 18–24</th><th className="getal">Doorstroom</th><th className="getal">Uitstroom</th><th className="getal">w.v. 18–24</th><th className="getal">Terugval</th><th className="getal">Uitval</th>
                {BESTEMMINGEN.map((b) => <th key={b} className="getal">→ {BESTEMMING[b]}</th>)}
              </tr>
            </thead>
            <tbody>
              {stromen.data.regels.map((r) => (
                <tr key={r.start}>
                  <td>{label(r, periode)}</td>
                  <td className="getal">{r.aantallen.instroom}</td>
                  <td className="getal">{r.jongeren.instroom}</td>
                  <td className="getal">{r.aantallen.doorstroom}</td>
                  <td className="getal">{r.aantallen.uitstroom}</td>
                  <td className="getal">{r.jongeren.uitstroom}</td>
                  <td className="getal">{r.aantallen.terugval}</td>
                  <td className="getal">{r.aantallen.uitval}</td>
                  {BESTEMMINGEN.map((b) => <td key={b} className="getal">{r.uitstroomPerBestemming[b]}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </Sectie>
      )}

      {!corporatie && bezetting.data && (
        <Sectie titel="Bezetting per niveau en wachtlijsten (einde periode)" csv={csv('bezetting')}>
          <Grafiek
            optie={{
              xAxis: { type: 'category', data: bezetting.data.regels.map((r) => label(r, periode)) },
              yAxis: { type: 'value' },
              series: [
                ...NIVEAUS.map((n) => ({ name: NIVEAU_LABEL[n], type: 'bar', stack: 'zorg', data: bezetting.data!.regels.map((r) => r.populatie[n]) })),
                { name: 'Wacht op instroom', type: 'line', data: bezetting.data.regels.map((r) => som(r.wachtInstroom)) },
                { name: 'Wacht op woning', type: 'line', data: bezetting.data.regels.map((r) => r.wachtUitstroom) },
              ],
            }}
          />
          <table>
            <thead>
              <tr>
                <th>Einde periode</th>
                {NIVEAUS.map((n) => <th key={n} className="getal">{NIVEAU_LABEL[n]}</th>)}
                <th className="getal">In zorg 18–24</th><th className="getal">Wacht op instroom</th><th className="getal">w.v. 18–24</th><th className="getal">Wacht op woning</th><th className="getal">w.v. 18–24</th>
              </tr>
            </thead>
            <tbody>
              {bezetting.data.regels.map((r) => (
                <tr key={r.start}>
                  <td>{r.eind}</td>
                  {NIVEAUS.map((n) => <td key={n} className="getal">{r.populatie[n]}</td>)}
                  <td className="getal">{som(r.populatieJongeren)}</td>
                  <td className="getal">{som(r.wachtInstroom)}</td>
                  <td className="getal">{r.wachtInstroomJongeren}</td>
                  <td className="getal">{r.wachtUitstroom}</td>
                  <td className="getal">{r.wachtUitstroomJongeren}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Sectie>
      )}

      {!corporatie && wacht.data && (
        <Sectie titel="Wachttijden (dagen)" csv={csv('wachttijden')} uitleg="Instroom: van indicatie tot instroom. Uitstroom: van uitstroomklaar tot uitstroom. Per periode van de instroom/uitstroom; p90 = 90% wachtte korter.">
          <Grafiek
            optie={{
              xAxis: { type: 'category', data: wacht.data.regels.map((r) => label(r, periode)) },
              yAxis: { type: 'value', name: 'dagen' },
              series: [
                { name: 'Instroom mediaan', type: 'line', data: wacht.data.regels.map((r) => r.instroom.mediaan) },
                { name: 'Instroom p90', type: 'line', lineStyle: { type: 'dashed' }, data: wacht.data.regels.map((r) => r.instroom.p90) },
                { name: 'Uitstroom mediaan', type: 'line', data: wacht.data.regels.map((r) => r.uitstroom.mediaan) },
                { name: 'Uitstroom p90', type: 'line', lineStyle: { type: 'dashed' }, data: wacht.data.regels.map((r) => r.uitstroom.p90) },
              ],
            }}
          />
          <table>
            <thead>
              <tr>
                <th>Periode</th><th className="getal">Instroom n</th><th className="getal">mediaan</th><th className="getal">p90</th><th className="getal">18–24 mediaan</th>
                <th className="getal">Uitstroom n</th><th className="getal">mediaan</th><th className="getal">p90</th><th className="getal">18–24 mediaan</th>
              </tr>
            </thead>
            <tbody>
              {wacht.data.regels.map((r) => (
                <tr key={r.start}>
                  <td>{label(r, periode)}</td>
                  <td className="getal">{r.instroom.aantal}</td><td className="getal">{getal(r.instroom.mediaan)}</td><td className="getal">{getal(r.instroom.p90)}</td><td className="getal">{getal(r.instroomJongeren.mediaan)}</td>
                  <td className="getal">{r.uitstroom.aantal}</td><td className="getal">{getal(r.uitstroom.mediaan)}</td><td className="getal">{getal(r.uitstroom.p90)}</td><td className="getal">{getal(r.uitstroomJongeren.mediaan)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Sectie>
      )}

      {!corporatie && terug.data && (
        <Sectie
          titel="Terugkeer binnen 12 maanden na uitstroom"
          csv={csv('terugkeer')}
          uitleg="Per uitstroomcohort: wie binnen 365 dagen weer in BW/MO kwam (terugval of nieuwe instroom), zoals HUD System Performance Measure 2. Cohorten die nog geen 12 maanden gevolgd zijn, zijn gemarkeerd met *."
        >
          <Grafiek
            hoogte={240}
            optie={{
              xAxis: { type: 'category', data: terug.data.regels.map((r) => label(r, periode) + (r.volledigGevolgd ? '' : '*')) },
              yAxis: { type: 'value', name: '%' },
              series: [
                { name: 'Terugkeer %', type: 'bar', data: terug.data.regels.map((r) => r.percentage) },
                { name: 'Jongeren 18–24 %', type: 'bar', data: terug.data.regels.map((r) => r.percentageJongeren) },
              ],
            }}
          />
          <table>
            <thead>
              <tr><th>Cohort</th><th className="getal">Uitstroom</th><th className="getal">Terug ≤ 12 mnd</th><th className="getal">%</th><th className="getal">Uitstroom 18–24</th><th className="getal">Terug 18–24</th><th className="getal">% 18–24</th><th>Volledig gevolgd</th></tr>
            </thead>
            <tbody>
              {terug.data.regels.map((r) => (
                <tr key={r.start}>
                  <td>{label(r, periode)}</td>
                  <td className="getal">{r.uitstroom}</td><td className="getal">{r.teruggekeerd}</td><td className="getal">{getal(r.percentage)}</td>
                  <td className="getal">{r.uitstroomJongeren}</td><td className="getal">{r.teruggekeerdJongeren}</td><td className="getal">{getal(r.percentageJongeren)}</td>
                  <td>{r.volledigGevolgd ? 'ja' : 'nee *'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Sectie>
      )}

      {woningen.data && (
        <Sectie titel="Woningen: gereserveerd tegenover gerealiseerd" csv={csv('woningen')} uitleg={woningen.data.onderdrukkingsdrempel ? `Gerealiseerde aantallen onder de ${woningen.data.onderdrukkingsdrempel} worden als "<${woningen.data.onderdrukkingsdrempel}" getoond.` : 'Gerealiseerd = plaatsingen die in dat jaar begonnen in een woning van de corporatie in die gemeente.'}>
          <Grafiek
            optie={{
              xAxis: { type: 'category', data: [...new Set(woningen.data.regels.map((r) => `${r.jaar} ${r.corporatie}`))] },
              yAxis: { type: 'value' },
              series: ['gereserveerd', 'gerealiseerd'].map((k) => ({
                name: k,
                type: 'bar',
                data: [...new Set(woningen.data!.regels.map((r) => `${r.jaar} ${r.corporatie}`))].map((sleutel) =>
                  woningen.data!.regels.filter((r) => `${r.jaar} ${r.corporatie}` === sleutel).reduce((a, r) => a + ((k === 'gereserveerd' ? r.gereserveerd : r.gerealiseerd) ?? 0), 0),
                ),
              })),
            }}
          />
          <table>
            <thead>
              <tr><th>Jaar</th><th>Gemeente</th><th>Corporatie</th><th className="getal">Gereserveerd</th><th className="getal">Gerealiseerd</th><th className="getal">%</th></tr>
            </thead>
            <tbody>
              {woningen.data.regels.map((r) => (
                <tr key={`${r.jaar}-${r.gemeente}-${r.corporatie}`}>
                  <td>{r.jaar}</td><td>{r.gemeente}</td><td>{r.corporatie}</td>
                  <td className="getal">{r.gereserveerd}</td>
                  <td className="getal">{r.onderdrukt ? '<5' : r.gerealiseerd}</td>
                  <td className="getal">{r.onderdrukt || !r.gereserveerd ? '—' : getal(((r.gerealiseerd ?? 0) / r.gereserveerd) * 100)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Sectie>
      )}

      {!corporatie && bt.data && (
        <Sectie titel="Beschermd Thuis-plekken per gemeente" csv={csv('beschermd-thuis')}>
          <table>
            <thead>
              <tr><th>Jaar</th><th>Gemeente</th><th className="getal">Plekken</th><th className="getal">Doel</th><th className="getal">% van doel</th></tr>
            </thead>
            <tbody>
              {bt.data.regels.map((r) => (
                <tr key={`${r.jaar}-${r.gemeente}`}>
                  <td>{r.jaar}</td><td>{r.gemeente}</td><td className="getal">{r.plekken}</td><td className="getal">{r.doelPlekken}</td>
                  <td className="getal">{r.doelPlekken ? getal((r.plekken / r.doelPlekken) * 100) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Sectie>
      )}
    </section>
  );
}
