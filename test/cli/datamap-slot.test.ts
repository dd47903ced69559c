import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { slotBestand } from '../../src/db/datamap-slot.js';

/**
 * The embedded database's folder belongs to one process (ADR 0021): while a server has it open, `backup` and
 * `herstel` refuse with a message naming that server, instead of copying pages it is writing. A clean stop frees the
 * folder; a server that was killed leaves a stale lock that the next command takes over.
 */
const REPO = new URL('../..', import.meta.url).pathname;
const map = mkdtempSync(join(tmpdir(), 'doorstroom-slot-'));
const data = join(map, 'data');
const pglite = join(data, 'pglite');
afterAll(() => rmSync(map, { recursive: true, force: true }));

const omgeving = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, DOORSTROOM_DATA: data, CI: 'true' };
  for (const k of ['DATABASE_URL', 'DATABASE_MIGRATIE_URL', 'DOORSTROOM_SLEUTEL', 'DOORSTROOM_SLEUTEL_BESTAND', 'NODE_ENV', 'DOORSTROOM_DEMO', 'PORT']) delete env[k];
  return env;
};

function doorstroom(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((klaar) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: REPO, env: omgeving(), timeout: 300_000 }, (fout, stdout, stderr) =>
      klaar({ code: fout ? (typeof fout.code === 'number' ? fout.code : -1) : 0, stdout, stderr }),
    );
  });
}

function startServer(): Promise<{ proces: ChildProcess; uitvoer: () => string; einde: Promise<number | null> }> {
  const proces = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'start', '--port', '0'], { cwd: REPO, env: omgeving(), stdio: ['ignore', 'pipe', 'pipe'] });
  let uitvoer = '';
  const einde = new Promise<number | null>((klaar) => proces.on('exit', (code) => klaar(code)));
  return new Promise((klaar, mislukt) => {
    const lees = (stuk: Buffer) => {
      uitvoer += stuk.toString();
      if (/draait op http:\/\/127\.0\.0\.1:\d+/.test(uitvoer)) klaar({ proces, uitvoer: () => uitvoer, einde });
    };
    proces.stdout!.on('data', lees);
    proces.stderr!.on('data', lees);
    void einde.then((code) => mislukt(new Error(`server gestopt met ${code} voor hij luisterde:\n${uitvoer}`)));
  });
}

describe('de datamap van de ingebouwde database hoort bij één proces', () => {
  it('backup en herstel weigeren zolang een server de map open heeft; na stoppen (netjes of hard) werken ze', async () => {
    const slot = slotBestand(pglite);
    const a = await startServer();
    try {
      expect(JSON.parse(readFileSync(slot, 'utf8'))).toMatchObject({ pid: a.proces.pid, wat: 'de server (doorstroom start)' });
      const backup = await doorstroom('backup', '--naar', join(map, 'tijdens.tar.gz'));
      expect(backup.code, backup.stderr).toBe(1);
      expect(backup.stderr).toMatch(new RegExp(`in gebruik door proces ${a.proces.pid} \\(de server \\(doorstroom start\\), sinds \\d{4}-`));
      expect(backup.stderr).toMatch(/Een back-up van de ingebouwde database kan alleen als de server gestopt is/);
      expect(backup.stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(join(map, 'tijdens.tar.gz'))).toBe(false);
      // a second server on the same folder is refused the same way
      const tweede = await doorstroom('start', '--port', '0');
      expect(tweede.code).toBe(1);
      expect(tweede.stderr).toMatch(/in gebruik door proces \d+ \(de server/);
    } finally {
      a.proces.kill('SIGTERM');
    }
    expect(await a.einde).toBe(0);
    expect(existsSync(slot), 'een nette stop ruimt het slot op').toBe(false);

    const na = await doorstroom('backup', '--naar', join(map, 'na.tar.gz'));
    expect(na.code, na.stderr).toBe(0);
    expect(na.stdout).toMatch(/Back-up geschreven/);
    expect(existsSync(slot)).toBe(false);

    // restore: into the folder of a running server it is refused by the lock, before anything else is looked at
    rmSync(pglite, { recursive: true });
    const b = await startServer();
    try {
      const herstel = await doorstroom('herstel', '--van', join(map, 'na.tar.gz'));
      expect(herstel.code).toBe(1);
      expect(herstel.stderr).toMatch(new RegExp(`in gebruik door proces ${b.proces.pid} .*Herstel kan alleen als de server gestopt is`));
    } finally {
      // killed hard: no clean-up, the lock stays behind with a pid that is gone
      b.proces.kill('SIGKILL');
    }
    await b.einde;
    expect(JSON.parse(readFileSync(slot, 'utf8')).pid).toBe(b.proces.pid);
    const naKill = await doorstroom('backup', '--naar', join(map, 'na-kill.tar.gz'));
    expect(naKill.code, naKill.stderr).toBe(0);
    expect(existsSync(slot)).toBe(false);
  }, 900_000);
});
