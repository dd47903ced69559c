/**
 * Benchmark plaatsingsmotor: `npx tsx bench/matching/run.ts [--highs-limiet 60] [--alleen 1k,5k]`
 * Genereert deterministische regio's, draait motor, greedy en HiGHS-exact (met tijdslimiet) en print één
 * tabel. Asserteert nooit op tijden.
 */
import os from 'node:os';
import { matchExact } from '../../src/domain/matching/exact-highs.js';
import { controleerToewijzing, matchGreedy, matchOptimaal } from '../../src/domain/matching/index.js';
import { genereerRegio } from './genereer.js';

const args = process.argv.slice(2);
const arg = (naam: string) => {
  const i = args.indexOf(naam);
  return i >= 0 ? args[i + 1] : undefined;
};
const highsLimiet = Number(arg('--highs-limiet') ?? 60);
const alleen = arg('--alleen')?.split(',');

const groottes = [
  { naam: '1k', kandidaten: 1_000, woningen: 300 },
  { naam: '5k', kandidaten: 5_000, woningen: 1_200 },
  { naam: '10k', kandidaten: 10_000, woningen: 2_500 },
  { naam: '20k', kandidaten: 20_000, woningen: 5_000 },
].filter((g) => !alleen || alleen.includes(g.naam));

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)}MB`;
console.log(`machine: ${os.cpus()[0]?.model ?? '?'} | cores: ${os.cpus().length} | node ${process.version} | ${os.platform()} ${os.arch()}`);
console.log(`HiGHS-limiet: ${highsLimiet}s per instantie\n`);

interface Rij {
  [k: string]: string;
}
const rijen: Rij[] = [];
for (const g of groottes) {
  const invoer = genereerRegio({ kandidaten: g.kandidaten, woningen: g.woningen, seed: g.kandidaten });
  // opwarmen (JIT) op een kleine instantie, buiten de meting
  matchOptimaal(genereerRegio({ kandidaten: 300, woningen: 100, seed: 1 }));
  (globalThis as { gc?: () => void }).gc?.();
  const heapVoor = process.memoryUsage().heapUsed;
  let t = performance.now();
  const motor = matchOptimaal(invoer);
  const tMotor = performance.now() - t;
  const heapNa = process.memoryUsage().heapUsed;
  const rssPiek = process.resourceUsage().maxRSS * 1024;
  t = performance.now();
  const greedy = matchGreedy(invoer);
  const tGreedy = performance.now() - t;
  t = performance.now();
  let exact: Awaited<ReturnType<typeof matchExact>> | null = null;
  try {
    exact = await matchExact(invoer, { tijdslimiet: highsLimiet });
  } catch (e) {
    console.error(`HiGHS faalde op ${g.naam}: ${(e as Error).message}`);
  }
  const tExact = performance.now() - t;
  const opt = exact?.optimaal ? exact.objectief! : null;
  const fouten = controleerToewijzing(invoer, motor.voorstellen).length + controleerToewijzing(invoer, greedy.voorstellen).length;
  rijen.push({
    instantie: `${g.naam} (${g.kandidaten}×${g.woningen})`,
    'motor ms': tMotor.toFixed(0),
    'heap Δ': mb(Math.max(0, heapNa - heapVoor)),
    'rss piek': mb(rssPiek),
    'motor obj': String(motor.objectief),
    'motor #': String(motor.voorstellen.length),
    'motor UB': String(motor.statistiek.bovengrens),
    'greedy ms': tGreedy.toFixed(0),
    'greedy obj': String(greedy.objectief),
    'greedy #': String(greedy.voorstellen.length),
    'highs ms': tExact.toFixed(0),
    'highs obj': opt === null ? `n/a (${exact?.status ?? 'fout'})` : String(opt),
    'motor/opt': opt === null ? 'n/a' : (motor.objectief / opt).toFixed(6),
    'greedy/opt': opt === null ? 'n/a' : (greedy.objectief / opt).toFixed(6),
    'motor/UB': (motor.objectief / motor.statistiek.bovengrens!).toFixed(6),
    schendingen: String(fouten),
    netwerk: `${motor.statistiek.knopen}kn/${motor.statistiek.bogen}b/${motor.statistiek.pivots}piv/${motor.statistiek.lagrangeIteraties}it`,
  });
  console.log(`klaar: ${g.naam}`);
}
console.log();
const kolommen = Object.keys(rijen[0] ?? {});
const breedte = kolommen.map((k) => Math.max(k.length, ...rijen.map((r) => r[k].length)));
const regel = (cellen: string[]) => '| ' + cellen.map((c, i) => c.padEnd(breedte[i])).join(' | ') + ' |';
console.log(regel(kolommen));
console.log('|' + breedte.map((b) => '-'.repeat(b + 2)).join('|') + '|');
for (const r of rijen) console.log(regel(kolommen.map((k) => r[k])));
