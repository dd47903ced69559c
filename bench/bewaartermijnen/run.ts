/**
 * Trust benchmark: a seeded demo region (BENCH_CLIENTEN clients, default 4000) in PGlite, then
 * - the candidate list of a corporatie with the grondslag predicate (median of BENCH_HERHALINGEN),
 * - the retention plan (what `bewaartermijnen --dry-run` computes) with the clock 20 years on,
 * - carrying it out (every dossier its own transaction with its audit row).
 * Prints figures and the machine; asserts nothing.
 *
 *   npx tsx bench/bewaartermijnen/run.ts
 *   BENCH_CLIENTEN=1000 npx tsx bench/bewaartermijnen/run.ts
 */
import os from 'node:os';
import { openDatabase } from '../../src/db/client.js';
import { DEMO_REGIO, seedRegio } from '../../src/db/seed.js';
import { Versleuteling } from '../../src/db/versleuteling.js';
import { kandidaten } from '../../src/db/repos/woningen.js';
import { maakPlan, voerPlanUit } from '../../src/db/repos/bewaartermijnen.js';

const PEIL = '2026-11-01';
const AANTAL = Number(process.env.BENCH_CLIENTEN ?? 4000);
const HERHALINGEN = Number(process.env.BENCH_HERHALINGEN ?? 5);

const mediaan = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function meet<T>(f: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const r = await f();
  return [performance.now() - start, r];
}

console.log(`Machine: ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`);
const database = await openDatabase();
const [seedMs, regio] = await meet(() =>
  seedRegio(database.db, { ...DEMO_REGIO, aantalClienten: AANTAL, aantalWoningen: Math.round(AANTAL / 2), peildatum: PEIL, wachtwoordHash: 'bench', versleuteling: new Versleuteling(Buffer.alloc(32, 3)) }),
);
console.log(`PGlite, ${AANTAL} cliënten, ${regio.aantallen.events} gebeurtenissen (seed ${(seedMs / 1000).toFixed(1)} s)`);
const corporatie = { gebruikerId: '00000000-0000-4000-8000-000000000009', organisatieId: regio.organisaties['Woonstede Rivierland']!.id, regioId: regio.regioId, soort: 'woningcorporatie' as const, rol: 'consulent' as const };
const tijden: number[] = [];
let aantal = 0;
for (let i = 0; i < HERHALINGEN; i++) {
  const [ms, lijst] = await meet(() => kandidaten(database.db, corporatie, PEIL, { limiet: 50, offset: 0 }));
  tijden.push(ms);
  aantal = lijst.totaal;
}
console.log(`kandidaten met grondslagpredicaat: ${aantal} kandidaten, mediaan ${mediaan(tijden).toFixed(0)} ms, max ${Math.max(...tijden).toFixed(0)} ms`);
const planTijden: number[] = [];
let plan = await maakPlan(database.db, regio.regioId, '2046-11-01');
for (let i = 0; i < HERHALINGEN; i++) {
  const [ms, p] = await meet(() => maakPlan(database.db, regio.regioId, '2046-11-01'));
  planTijden.push(ms);
  plan = p;
}
console.log(`bewaartermijnen --dry-run (peildatum 2046-11-01): ${plan.dossiers.length} dossiers, mediaan ${mediaan(planTijden).toFixed(0)} ms`);
const [uitMs, uit] = await meet(() => voerPlanUit(database.db, plan));
console.log(`uitvoeren: ${uit.dossiers} dossiers geanonimiseerd, ${uit.signalen} signalen verwijderd in ${(uitMs / 1000).toFixed(1)} s (${(uitMs / Math.max(1, uit.dossiers)).toFixed(1)} ms per dossier)`);
await database.close();
