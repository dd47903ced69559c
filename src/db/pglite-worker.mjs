// PGlite in a worker thread (ADR 0002). PGlite runs PostgreSQL compiled to WebAssembly synchronously: a query that
// takes seconds would hold the server's event loop for seconds. Here it holds only this thread.
//
// The main thread speaks the PostgreSQL wire protocol (node-postgres over a MessagePort stream, see
// pglite-worker-verbinding.ts); this side hands each batch of protocol bytes to PGlite and sends the answer back.
// Plain JavaScript on purpose: a worker file is loaded by Node itself, outside tsx's and vitest's transforms.
//
// Messages in:  { soort: 'protocol', verbinding, bytes }   protocol bytes of one connection, in order
//               { soort: 'einde', verbinding }             that connection closed (end or destroy)
//               { soort: 'sluit' }                         close PGlite and exit
// Messages out: { soort: 'klaar' } | { soort: 'startfout', bericht }
//               { soort: 'antwoord', verbinding, bytes } | { soort: 'fout', verbinding, bericht }
//               { soort: 'gesloten' }
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const poort = parentPort;
let pglite;
try {
  const vanDump = workerData?.vanDump;
  // a dump (openDatabase's vanDump) replaces the empty cluster a new in-memory PGlite would create
  pglite = vanDump ? new PGlite({ loadDataDir: new Blob([readFileSync(vanDump)]) }) : new PGlite(workerData?.dataDir ?? undefined);
  await pglite.waitReady;
} catch (fout) {
  poort.postMessage({ soort: 'startfout', bericht: String(fout?.message ?? fout) });
  poort.close();
}

/**
 * PGlite is one backend session shared by every connection the main thread opens, one after another (its pool has
 * one connection). A connection that went away inside a transaction (destroyed after an error or a timeout) must
 * not leave that transaction open for the next one.
 */
async function rolTerugAlsNodig() {
  if (pglite.isInTransaction()) await pglite.exec('ROLLBACK');
}

/**
 * A new connection expects a fresh session, as from a server: no prepared statements of the previous one (the
 * client would prepare them again under the same names), no role or settings it left behind.
 */
let verbindingen = 0;
async function nieuweSessie() {
  await rolTerugAlsNodig();
  if (verbindingen++ > 0) await pglite.exec('DISCARD ALL');
}

// One queue: PGlite runs one protocol exchange at a time, in the order the main thread sent them.
let rij = Promise.resolve();
const achterElkaar = (werk) => {
  rij = rij.then(werk, werk);
  return rij;
};

if (pglite) {
  poort.on('message', (bericht) => {
    if (bericht.soort === 'protocol') {
      achterElkaar(async () => {
        const { verbinding, bytes } = bericht;
        try {
          // a startup packet opens a new connection
          if (bytes[0] === 0) await nieuweSessie();
          const antwoord = await pglite.execProtocolRaw(bytes);
          // PGlite may answer with a view on its own receive buffer: copy before transferring the memory away
          const kopie = antwoord.slice();
          poort.postMessage({ soort: 'antwoord', verbinding, bytes: kopie }, [kopie.buffer]);
        } catch (fout) {
          poort.postMessage({ soort: 'fout', verbinding, bericht: String(fout?.message ?? fout) });
        }
      });
    } else if (bericht.soort === 'einde') {
      achterElkaar(() => rolTerugAlsNodig().catch(() => {}));
    } else if (bericht.soort === 'sluit') {
      achterElkaar(async () => {
        try {
          await pglite.close();
        } finally {
          poort.postMessage({ soort: 'gesloten' });
          poort.close();
        }
      });
    }
  });
  poort.postMessage({ soort: 'klaar' });
}
