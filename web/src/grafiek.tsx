/** ECharts with only the parts the monitor and verdeelmodel use, so the bundle stays small. */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { csvTekst, type CsvWaarde } from '../../src/domain/csv-export';
import type { XlsxSoort } from '../../src/domain/xlsx-export';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export function Grafiek({ optie, hoogte = 300 }: { optie: Record<string, unknown>; hoogte?: number }) {
  return <ReactEChartsCore echarts={echarts} option={{ animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { top: 40, left: 50, right: 20, bottom: 30 }, ...optie }} style={{ height: hoogte, width: '100%' }} notMerge />;
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
