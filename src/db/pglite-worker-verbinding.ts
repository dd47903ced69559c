import { Duplex } from 'node:stream';
import { Worker } from 'node:worker_threads';

/**
 * The main-thread half of PGlite-in-a-worker (ADR 0011): starts the worker and hands node-postgres a socket-like
 * stream per connection whose bytes travel over the worker's message port instead of TCP. node-postgres then does
 * what it does against a PostgreSQL server (startup, extended query protocol, parsing, transactions on one
 * connection), so both backends share one driver and one code path.
 */
export interface PgliteWorker {
  /** for pg's `stream` option: a new connection to the one PGlite session */
  nieuweVerbinding(): Duplex;
  /** closes PGlite (after its queue) and ends the thread */
  sluit(): Promise<void>;
}

type Uit =
  | { soort: 'klaar' }
  | { soort: 'startfout'; bericht: string }
  | { soort: 'antwoord'; verbinding: number; bytes: Uint8Array }
  | { soort: 'fout'; verbinding: number; bericht: string }
  | { soort: 'gesloten' };

const workerBestand = new URL('./pglite-worker.mjs', import.meta.url);

export async function startPgliteWorker(dataDir: string | undefined, vanDump?: string): Promise<PgliteWorker> {
  // Workers inherit the parent's execArgv; a loader flag such as tsx's is harmless for a plain .mjs file.
  const worker = new Worker(workerBestand, { workerData: { dataDir, vanDump } });
  const verbindingen = new Map<number, WorkerSocket>();
  let volgende = 1;
  let weg: Error | null = null;

  // Like an idle socket, an idle worker must not keep the process alive (a CLI command ends when its work does);
  // while an answer is outstanding it must.
  let openstaand = 0;
  const verwacht = () => {
    if (openstaand++ === 0) worker.ref();
  };
  const ontvangen = () => {
    if (--openstaand === 0) worker.unref();
  };

  let gestopt: () => void = () => {};
  const opGestopt = new Promise<void>((klaar) => (gestopt = klaar));

  verwacht();
  const gestart = new Promise<void>((klaar, mislukt) => {
    worker.on('message', (bericht: Uit) => {
      switch (bericht.soort) {
        case 'klaar':
          ontvangen();
          return klaar();
        case 'startfout':
          ontvangen();
          return mislukt(new Error(`PGlite kon niet starten: ${bericht.bericht}`));
        case 'antwoord':
          ontvangen();
          return verbindingen.get(bericht.verbinding)?.ontvang(bericht.bytes);
        case 'fout':
          ontvangen();
          return verbindingen.get(bericht.verbinding)?.destroy(new Error(`PGlite: ${bericht.bericht}`));
        case 'gesloten':
          return; // the thread ends by itself now (its port is closed); 'exit' follows
      }
    });
    worker.on('error', (fout) => {
      weg = fout as Error;
      mislukt(fout);
      for (const v of verbindingen.values()) v.destroy(fout as Error);
    });
    worker.on('exit', (code) => {
      weg ??= new Error(`PGlite-worker gestopt (code ${code})`);
      mislukt(weg);
      for (const v of verbindingen.values()) v.destroy(weg);
      gestopt();
      // nothing more will answer: release the references taken for answers that will never come
      if (openstaand > 0) {
        openstaand = 0;
        worker.unref();
      }
    });
  });
  await gestart;

  const post = (bericht: object, transfer?: ArrayBuffer[]) => {
    if (weg) throw weg;
    worker.postMessage(bericht, transfer);
  };

  return {
    nieuweVerbinding() {
      const id = volgende++;
      const socket: WorkerSocket = new WorkerSocket({
        stuur: (bytes) => {
          if (weg) return void socket.destroy(weg);
          verwacht();
          post({ soort: 'protocol', verbinding: id, bytes }, [bytes.buffer as ArrayBuffer]);
        },
        einde: () => {
          verbindingen.delete(id);
          if (!weg) post({ soort: 'einde', verbinding: id });
        },
      });
      if (weg) process.nextTick(() => socket.destroy(weg!));
      else verbindingen.set(id, socket);
      return socket;
    },
    async sluit() {
      if (!weg) {
        worker.ref();
        post({ soort: 'sluit' });
        // PGlite closes after the queries before it; should the thread then not end by itself, end it
        const te = setTimeout(() => void worker.terminate(), 10_000);
        await opGestopt;
        clearTimeout(te);
      }
      await opGestopt;
    },
  };
}

/**
 * What pg's Connection needs from a socket: connect/'connect', write, data events, end/close, and a few no-op
 * socket options. Writes made in one tick (pg writes Parse, Bind, Describe, Execute, Sync separately) go to the
 * worker as one batch: one round trip per query instead of five.
 */
class WorkerSocket extends Duplex {
  private wachtrij: Buffer[] = [];
  private gepland = false;
  private beeindigd = false;

  constructor(private readonly kanaal: { stuur(bytes: Uint8Array): void; einde(): void }) {
    super();
  }

  connect() {
    process.nextTick(() => this.emit('connect'));
    return this;
  }
  setNoDelay() {
    return this;
  }
  setKeepAlive() {
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }

  ontvang(bytes: Uint8Array) {
    if (bytes.byteLength > 0 && !this.destroyed) this.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  override _read() {}

  override _write(chunk: Buffer, _enc: BufferEncoding, klaar: (fout?: Error | null) => void) {
    this.wachtrij.push(chunk);
    if (!this.gepland) {
      this.gepland = true;
      setImmediate(() => this.verstuur());
    }
    klaar();
  }

  private verstuur() {
    this.gepland = false;
    if (this.wachtrij.length === 0 || this.beeindigd) return;
    const samen = Buffer.concat(this.wachtrij);
    this.wachtrij = [];
    // a fresh ArrayBuffer of exactly these bytes, so it can be transferred rather than copied
    const bytes = new Uint8Array(samen.byteLength);
    bytes.set(samen);
    this.kanaal.stuur(bytes);
  }

  override _final(klaar: (fout?: Error | null) => void) {
    this.verstuur();
    this.sluitAf();
    this.push(null);
    klaar();
  }

  override _destroy(fout: Error | null, klaar: (fout?: Error | null) => void) {
    this.sluitAf();
    klaar(fout);
  }

  private sluitAf() {
    if (this.beeindigd) return;
    this.beeindigd = true;
    this.kanaal.einde();
  }
}
