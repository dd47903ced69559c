/** ECharts with only the parts the monitor and verdeelmodel use, so the bundle stays small. */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export function Grafiek({ optie, hoogte = 300 }: { optie: Record<string, unknown>; hoogte?: number }) {
  return <ReactEChartsCore echarts={echarts} option={{ animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { top: 40, left: 50, right: 20, bottom: 30 }, ...optie }} style={{ height: hoogte, width: '100%' }} notMerge />;
}

/** Client-side CSV with the same conventions as the API's ?format=csv: `;`, decimal comma, quoting, BOM. */
export function downloadCsv(bestand: string, kolommen: string[], rijen: (string | number | null | undefined)[][]) {
  const veld = (w: string | number | null | undefined) => {
    if (w === null || w === undefined) return '';
    const t = typeof w === 'number' ? String(w).replace('.', ',') : w;
    return /[;"\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const tekst = `\uFEFF${[kolommen, ...rijen].map((r) => r.map(veld).join(';')).join('\r\n')}\r\n`;
  const url = URL.createObjectURL(new Blob([tekst], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = bestand;
  a.click();
  URL.revokeObjectURL(url);
}

export const euro = (centen: number) => (centen / 100).toLocaleString('nl-NL', { style: 'currency', currency: 'EUR' });
