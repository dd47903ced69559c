/** ECharts with only the parts the monitor and verdeelmodel use, so the bundle stays small. */
import { useEffect, useId, useRef } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { csvTekst, type CsvWaarde } from '../../src/domain/csv-export';
import type { XlsxSoort } from '../../src/domain/xlsx-export';

import { getal } from './format';

// SVG, not canvas: its text (axes) stays text in a printed PDF, and its viewBox lets print CSS scale a chart to the
// width of an A4 page instead of cutting it off on the right
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, SVGRenderer]);

/** Colours of the series, in order; the HTML legend uses the same list. Distinguishable and ≥ 3:1 on white. */
const KLEUREN = ['#154273', '#d4531a', '#2a7d4f', '#8e3a9d', '#b8860b', '#0b7fab', '#a4243b', '#5a6b7d', '#4d7c0f', '#c2410c'];

interface Reeks {
  name: string;
  type: string;
  lineStyle?: { type?: string };
}

type As = Record<string, unknown> & { type?: string; axisLabel?: Record<string, unknown> };
/** Value axes speak Dutch ("1.250", not "1,250") unless the caller formats them itself. */
const nlAs = (as: unknown): unknown => {
  if (Array.isArray(as)) return as.map(nlAs);
  const a = as as As | undefined;
  if (!a || a.type !== 'value' || a.axisLabel?.formatter) return a;
  return { ...a, axisLabel: { ...a.axisLabel, formatter: (v: number) => getal(v, 2) } };
};

/**
 * A chart with its title and a legend in HTML (the series' Dutch labels, wrapping on a narrow screen and on paper,
 * real text in a PDF). The drawing itself is hidden from screen readers: the table under every chart has its figures.
 */
export function Grafiek({ optie, hoogte = 300, titel }: { optie: Record<string, unknown>; hoogte?: number; titel: string }) {
  const id = useId();
  const tekening = useRef<HTMLDivElement>(null);
  // ECharts draws its SVG without a viewBox, so print CSS that narrows the SVG to the paper would crop its right and
  // bottom instead of scaling it (printing lays out again without running the chart's resize). Every redraw patches
  // the SVG's attributes and drops a viewBox again, so one is set whenever the drawing or its size changes.
  useEffect(() => {
    const doos = tekening.current;
    if (!doos) return;
    const metViewBox = () => {
      const svg = doos.querySelector('svg');
      const [b, h] = [svg?.getAttribute('width'), svg?.getAttribute('height')];
      if (svg && b && h && svg.getAttribute('viewBox') !== `0 0 ${b} ${h}`) svg.setAttribute('viewBox', `0 0 ${b} ${h}`);
    };
    metViewBox();
    const waarnemer = new MutationObserver(metViewBox);
    waarnemer.observe(doos, { subtree: true, childList: true, attributes: true, attributeFilter: ['width', 'height', 'viewBox'] });
    return () => waarnemer.disconnect();
  }, []);
  const reeksen = ((optie.series as Reeks[] | undefined) ?? []).filter((r) => r.name);
  const volledig = {
    animation: false,
    color: KLEUREN,
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v == null ? '—' : getal(v, 1)) },
    grid: { top: 16, left: 8, right: 16, bottom: 8, containLabel: true },
    ...optie,
    xAxis: nlAs(optie.xAxis),
    yAxis: nlAs(optie.yAxis),
  };
  return (
    <figure className="grafiek" aria-labelledby={`${id}-titel`}>
      <figcaption id={`${id}-titel`} className="grafiek-titel">
        {titel}
      </figcaption>
      <ul className="legenda" aria-label={`Legenda bij ${titel}`}>
        {reeksen.map((r, i) => (
          <li key={r.name}>
            <span
              aria-hidden="true"
              className={`legenda-teken ${r.type === 'line' ? 'lijn' : 'staaf'}${r.lineStyle?.type === 'dashed' ? ' gestreept' : ''}`}
              style={{ color: KLEUREN[i % KLEUREN.length] }}
            />
            {r.name}
          </li>
        ))}
      </ul>
      <div aria-hidden="true" className="grafiek-tekening" ref={tekening}>
        <ReactEChartsCore echarts={echarts} option={volledig} opts={{ renderer: 'svg' }} style={{ height: hoogte, width: '100%' }} notMerge />
      </div>
    </figure>
  );
}

/** Client-side CSV: the server's writer (one module for both), so conventions and formula-safety are the same. */
export function downloadCsv(bestand: string, kolommen: string[], rijen: CsvWaarde[][]) {
  const tekst = csvTekst(kolommen, rijen);
  const url = URL.createObjectURL(new Blob([tekst], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = bestand;
  a.click();
  URL.revokeObjectURL(url);
}

/** Client-side Excel (.xlsx): the server's writer too (formula-safe, Dutch number formats); loaded only when asked. */
export async function downloadXlsx(bestand: string, kolommen: string[], rijen: CsvWaarde[][], soorten: (XlsxSoort | undefined)[] = []) {
  const { xlsxTabel, XLSX_MIME } = await import('../../src/domain/xlsx-export');
  const bytes = await xlsxTabel(bestand.replace(/\.xlsx$/, ''), kolommen, rijen, soorten);
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: XLSX_MIME }));
  const a = document.createElement('a');
  a.href = url;
  a.download = bestand;
  a.click();
  URL.revokeObjectURL(url);
}

export const euro = (centen: number) => (centen / 100).toLocaleString('nl-NL', { style: 'currency', currency: 'EUR' });
