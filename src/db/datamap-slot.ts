import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { conflict } from '../domain/fouten.js';

/**
 * The embedded database's folder belongs to one process at a time (ADR 0021): PGlite has no lock of its own, so a
 * second process opening the same folder — a backup while the server runs, a second server — would read pages the
 * first is writing (a torn copy) or write beside it (a damaged database). Whoever opens the folder holds a lock
 * file next to it (`<map>.lock`, outside the folder so a backup never carries it): pid, start time, machine and
 * what holds it. A clean stop removes it; a lock whose process is gone (killed, machine restarted) is stale and is
 * taken over.
 */
export interface SlotHouder {
  pid: number;
  /** when the holding process took the lock, ISO 8601 */
  gestart: string;
  host: string;
  /** Linux boot id: a pid from before a restart is not the same process, even if the number is in use again */
  boot: string | null;
  /** what holds it, for the message: "server", "backup", a CLI command */
  wat: string;
}

export interface Slot {
  bestand: string;
  vrijgeven(): void;
}

export const slotBestand = (dataDir: string) => join(dirname(resolve(dataDir)), `${basename(resolve(dataDir))}.lock`);

const bootId = () => {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
};

function leesHouder(bestand: string): SlotHouder | null {
  try {
    const h = JSON.parse(readFileSync(bestand, 'utf8')) as Partial<SlotHouder>;
    return typeof h.pid === 'number' ? { pid: h.pid, gestart: String(h.gestart ?? '?'), host: String(h.host ?? '?'), boot: h.boot ?? null, wat: String(h.wat ?? '?') } : null;
  } catch {
    return null;
  }
}

/** Held by a living process? On another machine (a shared disk) nobody here can tell: then it counts as held. */
function leeft(h: SlotHouder): boolean {
  if (h.host !== hostname()) return true;
  const boot = bootId();
  if (boot && h.boot && boot !== h.boot) return false;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Locks held by this process, released on exit should a close never come (a forced stop after the grace period). */
const eigen = new Map<string, string>();
let opExit = false;

/**
 * Takes the lock on `dataDir` for `wat`, or refuses (409 conflict) naming who holds it and `advies` (what to do).
 * A held lock of this very process is refused too: one folder, one PGlite.
 */
export function neemSlot(dataDir: string, wat: string, advies = 'Twee processen tegelijk op één ingebouwde database kan niet: stop dat proces eerst (Ctrl-C of SIGTERM) en probeer het daarna opnieuw.'): Slot {
  const bestand = slotBestand(dataDir);
  const houder: SlotHouder = { pid: process.pid, gestart: new Date().toISOString(), host: hostname(), boot: bootId(), wat };
  const inhoud = `${JSON.stringify(houder)}\n`;
  mkdirSync(dirname(bestand), { recursive: true });
  for (let poging = 0; poging < 3; poging++) {
    try {
      writeFileSync(bestand, inhoud, { flag: 'wx', mode: 0o600 });
      eigen.set(bestand, inhoud);
      if (!opExit) {
        opExit = true;
        process.on('exit', () => {
          for (const [b, i] of eigen) verwijderAlsVanMij(b, i);
        });
      }
      return {
        bestand,
        vrijgeven: () => {
          if (eigen.get(bestand) !== inhoud) return;
          eigen.delete(bestand);
          verwijderAlsVanMij(bestand, inhoud);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const h = leesHouder(bestand);
    if (h && leeft(h)) {
      const door = h.pid === process.pid && h.host === hostname() ? 'dit proces zelf' : `proces ${h.pid}${h.host !== hostname() ? ` op ${h.host}` : ''}`;
      throw conflict(
        `De ingebouwde database in ${resolve(dataDir)} is in gebruik door ${door} (${h.wat}, sinds ${h.gestart}). ${advies} ` +
          `(Slotbestand: ${bestand}; is dat proces zeker weg, verwijder dan dat bestand.)`,
      );
    }
    // stale (its process is gone) or unreadable (a crash while writing it): remove and try again
    try {
      unlinkSync(bestand);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  throw conflict(`Het slot op de ingebouwde database (${bestand}) wisselt steeds van eigenaar; probeer het opnieuw.`);
}

function verwijderAlsVanMij(bestand: string, inhoud: string) {
  try {
    if (readFileSync(bestand, 'utf8') === inhoud) unlinkSync(bestand);
  } catch {
    // already gone
  }
}
