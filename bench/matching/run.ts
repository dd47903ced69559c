/**
 * Benchmark plaatsingsmotor: `npx tsx bench/matching/run.ts [--highs-limiet 120] [--alleen 1k,20k] [--highs-100k]`
 *
 * Per instantie × solver (motor, greedy, HiGHS-exact) een vers kindproces, zodat het geheugen per solver
 * eerlijk te meten is: het kind genereert de regio, meet RSS vóór het oplossen, lost op en meldt
 * `process.resourceUsage().maxRSS` (piek) plus wandklok- en CPU-tijd. De motor-tijd omvat het lezen van de
 * uitleg van elk voorstel (zoals `legRondeVast` doet); uitleg van niet-geplaatsten wordt pas bij lezen berekend.
 * Print één tabel en de doelen als cijfers. Asserteert nooit op tijden.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { genereerRegio } from './genereer.js';

const GROOTTES = [
  { naam: '1k', kandidaten: 1_000, woningen: 300 },
  { naam: '5k', kandidaten: 5_000, woningen: 1_200 },
  { naam: '5k-s10', kandidaten: 5_000, woningen: 1_200, seed: 10 },
  { naam: '10k', kandidaten: 10_000, woningen: 2_500 },
  { naam: '20k', kandidaten: 20_000, woningen: 5_000 },
  { naam: '100k', kandidaten: 100_000, woningen: 25_000 },
  // eigen maxima per afspraak (docs/adr/0033): wijk ⊂ afspraak, dus een zuiver netwerk
  { naam: '20k-afspraken', kandidaten: 20_000, woningen: 5_000, eigenMaxima: true },
  { naam: '100k-afspraken', kandidaten: 100_000, woningen: 25_000, eigenMaxima: true },
];
type Solver = 'motor' | 'greedy' | 'highs';

interface Meting {
  ms: number;
  cpuMs: number;
  objectief: number | null;
  status?: string;
  voorstellen: number;
  schendingen: number;
  rssVoorMB: number;
  rssPiekMB: number;
  bovengrens?: number;
  bewezen?: boolean;
  netwerk?: string;
  uitlegTekens?: number;
}

const args = process.argv.slice(2);
const arg = (naam: string) => {
  const i = args.indexOf(naam);
  return i >= 0 ? args[i + 1] : undefined;
};
const MB = (kb: number) => kb / 1024;

async function kind(naam: string, solver: Solver, highsLimiet: number): Promise<Meting> {
  const g = GROOTTES.find((x) => x.naam === naam)!;
  const { controleerToewijzing, matchGreedy, matchOptimaal } = await import('../../src/domain/matching/index.js');
  const invoer = genereerRegio({ kandidaten: g.kandidaten, woningen: g.woningen, seed: g.seed ?? g.kandidaten, eigenMaxima: g.eigenMaxima });
  let exact: typeof import('../../src/domain/matching/exact-highs.js') | null = null;
  if (solver === 'highs') {
    exact = await import('../../src/domain/matching/exact-highs.js');
    await exact.matchExact(genereerRegio({ kandidaten: 30, woningen: 10, seed: 1 })); // WebAssembly laden, buiten de meting
  } else if (solver === 'motor') matchOptimaal(genereerRegio({ kandidaten: 300, woningen: 100, seed: 1 })); // JIT opwarmen
  const rssVoor = process.resourceUsage().maxRSS;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let m: Omit<Meting, 'ms' | 'cpuMs' | 'rssVoorMB' | 'rssPiekMB'>;
  if (solver === 'motor') {
    const r = matchOptimaal(invoer);
    let tekens = 0;
    for (const v of r.voorstellen) tekens += v.uitleg.tekst.length; // uitleg van elk voorstel, zoals bij vastleggen
    const s = r.statistiek;
    m = {
      objectief: r.objectief,
      voorstellen: r.voorstellen.length,
      uitlegTekens: tekens,
      schendingen: -1,
      bovengrens: s.bovengrens,
      bewezen: s.optimaalBewezen,
      netwerk: `${s.knopen}kn/${s.bogen}b/${s.pivots}piv/${s.lagrangeIteraties}it/${s.vertakKnopen ?? 0}bb`,
      status: JSON.stringify(r.voorstellen.map((v) => [v.kandidaatId, v.woningId])),
    };
  } else if (solver === 'greedy') {
    const r = matchGreedy(invoer);
    m = { objectief: r.objectief, voorstellen: r.voorstellen.length, schendingen: -1, status: JSON.stringify(r.voorstellen.map((v) => [v.kandidaatId, v.woningId])) };
  } else {
    const e = await exact!.matchExact(invoer, { tijdslimiet: highsLimiet });
    m = {
      objectief: e.optimaal ? e.objectief : null,
      voorstellen: e.resultaat?.voorstellen.length ?? 0,
      schendingen: -1,
      status: e.optimaal ? JSON.stringify(e.resultaat!.voorstellen.map((v) => [v.kandidaatId, v.woningId])) : e.status,
    };
  }
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const piek = process.resourceUsage().maxRSS;
  // toelaatbaarheid buiten de meting
  if (m.status?.startsWith('[')) {
    const paren = JSON.parse(m.status) as [string, string][];
    m.schendingen = controleerToewijzing(invoer, paren.map(([kandidaatId, woningId]) => ({ kandidaatId, woningId }))).length;
    m.status = 'ok';
  }
  return { ...m, ms, cpuMs: (c.user + c.system) / 1000, rssVoorMB: MB(rssVoor), rssPiekMB: MB(piek) };
}

function draaiKind(naam: string, solver: Solver, highsLimiet: number): Meting | string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--kind', solver, naam, String(highsLimiet)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: process.env,
  });
  const regel = r.stdout.split('\n').find((l) => l.startsWith('MEETING '));
  if (r.status !== 0 || !regel) return `fout (code ${r.status ?? r.signal}): ${(r.stderr || '').trim().split('\n').slice(-2).join(' ')}`;
  return JSON.parse(regel.slice('MEETING '.length)) as Meting;
}

async function hoofd() {
  const highsLimiet = Number(arg('--highs-limiet') ?? 120);
  const alleen = arg('--alleen')?.split(',');
  const highs100k = args.includes('--highs-100k');
  const groottes = GROOTTES.filter((g) => !alleen || alleen.includes(g.naam));
  console.log(`machine: ${os.cpus()[0]?.model ?? '?'} | cores: ${os.cpus().length} | node ${process.version} | ${os.platform()} ${os.arch()}`);
  console.log(`belasting (1/5/15 min): ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} | HiGHS-limiet ${highsLimiet}s | elk getal uit een vers kindproces per solver × instantie\n`);
  const rijen: Record<string, string>[] = [];
  const doelen: string[] = [];
  let allesExact = true;
  for (const g of groottes) {
    const motor = draaiKind(g.naam, 'motor', highsLimiet);
    const greedy = draaiKind(g.naam, 'greedy', highsLimiet);
    const highsOvergeslagen = g.naam.startsWith('100k') && !highs100k;
    const highs = highsOvergeslagen ? 'overgeslagen (te groot; --highs-100k om toch te draaien)' : draaiKind(g.naam, 'highs', highsLimiet);
    const m = typeof motor === 'string' ? null : motor;
    const gr = typeof greedy === 'string' ? null : greedy;
    const h = typeof highs === 'string' ? null : highs;
    const opt = h?.objectief ?? null;
    // zonder HiGHS-optimum: vergelijk met de bewezen bovengrens van de motor
    const ref = opt ?? m?.bovengrens ?? null;
    const refNaam = opt !== null ? 'HiGHS' : 'bovengrens motor';
    const gap = m && ref !== null && m.objectief !== null ? ref - m.objectief : null;
    if (gap !== 0 || !m?.bewezen) allesExact = false;
    const piek = (x: Meting | null) => (x ? `${x.rssPiekMB.toFixed(0)} (+${(x.rssPiekMB - x.rssVoorMB).toFixed(0)})` : 'n/a');
    rijen.push({
      instantie: `${g.naam} (${g.kandidaten}×${g.woningen})`,
      'motor ms': m ? m.ms.toFixed(0) : String(motor),
      'motor cpu': m ? m.cpuMs.toFixed(0) : '',
      'motor/opt': m && ref ? (m.objectief! / ref).toFixed(7) : 'n/a',
      'greedy/opt': gr && ref ? (gr.objectief! / ref).toFixed(7) : 'n/a',
      opt: ref === null ? 'n/a' : `${ref} (${refNaam})`,
      gap: gap === null ? 'n/a' : String(gap),
      bewezen: m ? String(m.bewezen) : 'n/a',
      'highs ms': h ? h.ms.toFixed(0) : highsOvergeslagen ? 'overgeslagen' : String(highs).slice(0, 60),
      'highs/motor': h && m ? `${(h.ms / m.ms).toFixed(1)}×` : 'n/a',
      'greedy ms': gr ? gr.ms.toFixed(0) : String(greedy),
      'piek MB motor': piek(m),
      'piek MB greedy': piek(gr),
      'piek MB highs': h ? piek(h) : 'n/a',
      schendingen: [m, gr, h].map((x) => (x ? String(x.schendingen) : '-')).join('/'),
      netwerk: m?.netwerk ?? '',
    });
    if (g.naam === '20k' && m && h) doelen.push(`20k: HiGHS/motor = ${(h.ms / m.ms).toFixed(1)}× (doel ≥ 10×; cpu ${(h.cpuMs / m.cpuMs).toFixed(1)}×)`);
    if (g.naam === '100k' && m) doelen.push(`100k: motor ${m.ms.toFixed(0)} ms wandklok, ${m.cpuMs.toFixed(0)} ms cpu (doel < 2000 ms)`);
    if (typeof highs === 'string' && highsOvergeslagen && g.naam === '100k') doelen.push(`100k: HiGHS overgeslagen (te groot/te traag); optimum = bewezen bovengrens van de motor`);
    console.error(`klaar: ${g.naam}`);
  }
  const kolommen = Object.keys(rijen[0] ?? {});
  const breedte = kolommen.map((k) => Math.max(k.length, ...rijen.map((r) => r[k].length)));
  const regel = (cellen: string[]) => '| ' + cellen.map((c, i) => c.padEnd(breedte[i])).join(' | ') + ' |';
  console.log(regel(kolommen));
  console.log('|' + breedte.map((b) => '-'.repeat(b + 2)).join('|') + '|');
  for (const r of rijen) console.log(regel(kolommen.map((k) => r[k])));
  console.log('\npiek MB = maxRSS van het kindproces (tussen haakjes: groei tijdens het oplossen, boven de RSS na genereren en opwarmen)');
  console.log(`doel gap 0 en bewezen op elke instantie: ${allesExact ? 'ja' : 'NEE'}`);
  for (const d of doelen) console.log(`doel ${d}`);
}

if (args[0] === '--kind') {
  const m = await kind(args[2], args[1] as Solver, Number(args[3]));
  console.log(`MEETING ${JSON.stringify(m)}`);
} else await hoofd();
