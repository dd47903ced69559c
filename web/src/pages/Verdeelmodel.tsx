import { useEffect, useState } from 'react';
import { api, queryString } from '../api';
import { useApi } from '../hooks';
import { downloadCsv, downloadXlsx, euro, Grafiek } from '../grafiek';
import type { Ik } from '../types';

interface Indicator {
  code: string;
  naam: string;
  gewicht: number;
}
interface Set {
  id: string;
  naam: string;
  indicatoren: Indicator[];
}
interface Gemeenten {
  bron: string | null;
  synthetisch: boolean;
  totaalHistorischCenten: number;
  gemeenten: { gemeenteCode: string; naam: string }[];
}
interface Verdeling {
  totaalCenten: number;
  regels: { gemeenteCode: string; naam: string; aandeel: number; budgetCenten: number; historischCenten: number; verschilCenten: number }[];
}
interface Pad {
  jaren: number;
  allesBereikt: boolean;
  knelpunten: string[];
  gemeenten: { gemeenteCode: string; naam: string; historisch: number; objectief: number; budgetten: number[]; bereikt: boolean }[];
}
interface Vergelijking {
  totaalVerschil: number;
  regels: { gemeenteCode: string; naam: string; budgetA: number; budgetB: number; verschil: number; verschilProcent: number | null }[];
}

export function Verdeelmodel({ ik }: { ik: Ik }) {
  const beheerder = ik.soort === 'centrumgemeente' && ik.rol === 'beheerder';
  const gemeenten = useApi<Gemeenten>('/api/verdeelmodel/gemeenten');
  const sets = useApi<Set[]>('/api/verdeelmodel/gewichtensets');
  const [setId, zetSetId] = useState('');
  const [totaalEuro, zetTotaalEuro] = useState('');
  const [jaren, zetJaren] = useState(5);
  const [maxWijziging, zetMaxWijziging] = useState(5);
  const [gewichten, zetGewichten] = useState<Indicator[]>([]);
  const [melding, zetMelding] = useState<string | null>(null);

  const totaalCenten = totaalEuro ? Math.round(Number(totaalEuro.replace(/\./g, '').replace(',', '.')) * 100) : undefined;
  const basis = { setId, totaalCenten: Number.isFinite(totaalCenten) ? totaalCenten : undefined };
  const heeftData = (gemeenten.data?.gemeenten.length ?? 0) > 0;
  const verdeling = useApi<Verdeling>(heeftData ? `/api/verdeelmodel/verdeling${queryString(basis)}` : null);
  const pad = useApi<Pad>(heeftData ? `/api/verdeelmodel/ingroeipad${queryString({ ...basis, jaren, maxWijzigingPerJaar: maxWijziging / 100 })}` : null);
  const gekozen = sets.data?.find((s) => s.id === setId) ?? sets.data?.[0];
  useEffect(() => {
    if (gekozen) zetGewichten(gekozen.indicatoren.map((i) => ({ ...i })));
  }, [gekozen?.id]);
  const gewichtenB = gewichten.filter((g) => g.gewicht > 0).map((g) => `${g.code}:${g.gewicht}`).join(',');
  const vergelijking = useApi<Vergelijking>(heeftData && gewichtenB ? `/api/verdeelmodel/vergelijk${queryString({ setA: setId, gewichtenB, totaalCenten: basis.totaalCenten })}` : null);

  const opslaan = async () => {
    const naam = window.prompt('Naam van de nieuwe gewichtenset');
    if (!naam) return;
    try {
      await api('/api/verdeelmodel/gewichtensets', { method: 'POST', body: { naam, indicatoren: gewichten } });
      zetMelding(`Gewichtenset '${naam}' opgeslagen.`);
      sets.herlaad();
    } catch (e) {
      zetMelding((e as Error).message);
    }
  };
  const importeer = async (bestand: File) => {
    try {
      const r = await api<{ aantal: number }>('/api/verdeelmodel/import', { method: 'POST', body: { csv: await bestand.text(), bron: bestand.name } });
      zetMelding(`${r.aantal} gemeenten geïmporteerd uit ${bestand.name}.`);
      gemeenten.herlaad();
    } catch (e) {
      zetMelding((e as Error).message);
    }
  };

  return (
    <section>
      <h2>Verdeelmodel Beschermd Wonen</h2>
      {gemeenten.data?.synthetisch && (
        <div className="fout" data-testid="synthetisch">
          <strong>Synthetische demodata</strong> — geen echte CBS-cijfers en geen vastgesteld verdeelmodel. Bron: {gemeenten.data.bron}
        </div>
      )}
      {gemeenten.data && !heeftData && <p>Er zijn nog geen indicatoren voor deze regio. {beheerder ? 'Importeer een CSV.' : 'De beheerder van de centrumgemeente kan een CSV importeren.'}</p>}
      {melding && <p className="label" style={{ whiteSpace: 'pre-wrap' }}>{melding}</p>}
      {[gemeenten, sets, verdeling, pad].map((x) => x.fout).filter(Boolean).map((f) => <div key={f} className="fout">{f}</div>)}
      <div className="filters">
        <label>
          Gewichtenset
          <select value={setId} onChange={(e) => zetSetId(e.target.value)}>
            {(sets.data ?? []).map((s, i) => <option key={s.id} value={i === 0 && !setId ? '' : s.id}>{s.naam}</option>)}
          </select>
        </label>
        <label>
          Totaalbudget (€, leeg = historisch totaal)
          <input value={totaalEuro} placeholder={gemeenten.data ? euro(gemeenten.data.totaalHistorischCenten) : ''} onChange={(e) => zetTotaalEuro(e.target.value)} />
        </label>
        <label>
          Ingroeijaren
          <input type="number" min={1} max={30} value={jaren} onChange={(e) => zetJaren(Number(e.target.value))} />
        </label>
        <label>
          Max. wijziging per jaar (%)
          <input type="number" min={0} max={100} step={0.5} value={maxWijziging} onChange={(e) => zetMaxWijziging(Number(e.target.value))} />
        </label>
        {beheerder && (
          <label>
            CSV importeren
            <input type="file" accept=".csv,text/csv" onChange={(e) => e.target.files?.[0] && importeer(e.target.files[0])} />
          </label>
        )}
      </div>

      {verdeling.data && (
        <>
          <h3>Historisch tegenover objectief budget</h3>
          <Grafiek
            optie={{
              xAxis: { type: 'category', data: verdeling.data.regels.map((r) => r.naam) },
              yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `€ ${(v / 1e8).toLocaleString('nl-NL')} mln` } },
              tooltip: { trigger: 'axis', valueFormatter: (v: number) => euro(v) },
              series: [
                { name: 'Historisch', type: 'bar', data: verdeling.data.regels.map((r) => r.historischCenten) },
                { name: 'Objectief', type: 'bar', data: verdeling.data.regels.map((r) => r.budgetCenten) },
              ],
            }}
          />
          <table>
            <thead>
              <tr><th>Code</th><th>Gemeente</th><th>Aandeel</th><th>Historisch</th><th>Objectief</th><th>Verschil</th></tr>
            </thead>
            <tbody>
              {verdeling.data.regels.map((r) => (
                <tr key={r.gemeenteCode}>
                  <td>{r.gemeenteCode}</td><td>{r.naam}</td><td>{(r.aandeel * 100).toFixed(2)}%</td><td>{euro(r.historischCenten)}</td><td>{euro(r.budgetCenten)}</td>
                  <td className={r.verschilCenten < 0 ? 'fout' : 'ok'}>{euro(r.verschilCenten)}</td>
                </tr>
              ))}
              <tr>
                <th colSpan={4}>Totaal (tot op de cent)</th>
                <th>{euro(verdeling.data.regels.reduce((a, r) => a + r.budgetCenten, 0))}</th>
                <th />
              </tr>
            </tbody>
          </table>
          <button
            className="secundair"
            onClick={() =>
              downloadCsv('verdeelmodel-verdeling.csv', ['gemeentecode', 'gemeente', 'aandeel', 'historisch (EUR)', 'objectief (EUR)'], verdeling.data!.regels.map((r) => [r.gemeenteCode, r.naam, r.aandeel, r.historischCenten / 100, r.budgetCenten / 100]))
            }
          >
            CSV
          </button>{' '}
          <button
            className="secundair"
            onClick={() =>
              void downloadXlsx('verdeelmodel-verdeling.xlsx', ['gemeentecode', 'gemeente', 'aandeel', 'historisch (EUR)', 'objectief (EUR)'], verdeling.data!.regels.map((r) => [r.gemeenteCode, r.naam, r.aandeel, r.historischCenten / 100, r.budgetCenten / 100]), [undefined, undefined, undefined, 'euro', 'euro'])
            }
          >
            Excel
          </button>
        </>
      )}

      {pad.data && (
        <>
          <h3>Ingroeipad ({pad.data.jaren} jaar, max. {maxWijziging.toLocaleString('nl-NL')} % per jaar){pad.data.allesBereikt ? '' : ' — niet elke gemeente bereikt haar objectieve budget'}</h3>
          {pad.data.knelpunten.length > 0 && (
            <div className="melding" role="status">
              <p>Waarom het objectief niet in {pad.data.jaren} jaar bereikt wordt:</p>
              <ul>
                {pad.data.knelpunten.map((k) => (
                  <li key={k}>{k}</li>
                ))}
              </ul>
            </div>
          )}
          <Grafiek
            hoogte={340}
            optie={{
              xAxis: { type: 'category', data: ['Historisch', ...Array.from({ length: pad.data.jaren }, (_, i) => `Jaar ${i + 1}`)] },
              yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `€ ${(v / 1e8).toLocaleString('nl-NL')} mln` } },
              tooltip: { trigger: 'axis', valueFormatter: (v: number) => euro(v) },
              series: pad.data.gemeenten.map((g) => ({ name: g.naam, type: 'line', data: [g.historisch, ...g.budgetten] })),
            }}
          />
        </>
      )}

      {gewichten.length > 0 && heeftData && (
        <>
          <h3>What-if: andere gewichten</h3>
          <p>Pas de gewichten aan; de verdeling met deze gewichten wordt vergeleken met de gekozen set ({gekozen?.naam}). Gewichten worden genormaliseerd.</p>
          <div className="filters">
            {gewichten.map((g, i) => (
              <label key={g.code}>
                {g.naam}
                <input
                  type="number"
                  min={0}
                  step={0.05}
                  value={g.gewicht}
                  onChange={(e) => zetGewichten(gewichten.map((x, j) => (j === i ? { ...x, gewicht: Math.max(0, Number(e.target.value)) } : x)))}
                />
              </label>
            ))}
            {beheerder && <button onClick={opslaan}>Opslaan als nieuwe set</button>}
          </div>
          {vergelijking.fout && <div className="fout">{vergelijking.fout}</div>}
          {vergelijking.data && (
            <table>
              <thead>
                <tr><th>Gemeente</th><th>Budget gekozen set</th><th>Budget what-if</th><th>Verschil</th><th>%</th></tr>
              </thead>
              <tbody>
                {vergelijking.data.regels.map((r) => (
                  <tr key={r.gemeenteCode}>
                    <td>{r.naam}</td><td>{euro(r.budgetA)}</td><td>{euro(r.budgetB)}</td><td>{euro(r.verschil)}</td>
                    <td>{r.verschilProcent === null ? '—' : `${r.verschilProcent.toFixed(2)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
