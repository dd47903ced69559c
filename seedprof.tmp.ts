import { openWegwerpDatabase } from './src/db/client.js';
import { DEMO_REGIO, seedRegio } from './src/db/seed.js';
import { Versleuteling } from './src/db/versleuteling.js';
const n = Number(process.argv[2] ?? 4000);
const database = await openWegwerpDatabase(process.argv[3], 'doorstroom_seedprof');
const t0 = performance.now();
let vorige = ''; let tv = t0;
const tijden = new Map<string, number>();
await database.db.transaction((tx) => seedRegio(tx, { ...DEMO_REGIO, aantalClienten: n, aantalWoningen: Math.round(n / 2), peildatum: '2026-11-01', wachtwoordHash: 'x', versleuteling: new Versleuteling(Buffer.alloc(32, 3)) }, (stap) => {
  const nu = performance.now();
  if (stap !== vorige) { vorige = stap; }
  tijden.set(stap, (tijden.get(stap) ?? 0) + (nu - tv)); tv = nu;
}));
tijden.set('rest(na laatste voortgang)', performance.now() - tv);
console.log(n, 'totaal', ((performance.now() - t0) / 1000).toFixed(1), 's');
for (const [k, v] of tijden) console.log(' ', k, (v / 1000).toFixed(2), 's');
await database.close();
