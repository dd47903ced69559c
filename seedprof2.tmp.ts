import { openWegwerpDatabase } from './src/db/client.js';
import { DEMO_REGIO, seedRegio } from './src/db/seed.js';
import { Versleuteling } from './src/db/versleuteling.js';
const n = Number(process.argv[2] ?? 4000);
const database = await openWegwerpDatabase(process.argv[3], 'doorstroom_seedprof');
const t0 = performance.now();
let vorige = ''; let tv = t0;
await database.db.transaction((tx) => seedRegio(tx, { ...DEMO_REGIO, aantalClienten: n, aantalWoningen: Math.round(n / 2), peildatum: '2026-11-01', wachtwoordHash: 'x', versleuteling: new Versleuteling(Buffer.alloc(32, 3)) }, (stap, klaar, totaal) => {
  const nu = performance.now();
  if (stap !== vorige || klaar === totaal) console.log(((nu - t0)/1000).toFixed(2), stap, klaar, totaal, 'sinds vorige', ((nu - tv)/1000).toFixed(2));
  vorige = stap; tv = nu;
}));
console.log('klaar', ((performance.now() - t0) / 1000).toFixed(2));
await database.close();
