import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The command line as a user runs it: a separate process with its own embedded database in a throw-away data
 * folder. Refusals must read as a message with exit code 1, never as a stack trace.
 */
const REPO = new URL('../..', import.meta.url).pathname;
const data = mkdtempSync(join(tmpdir(), 'doorstroom-cli-'));

interface Uitvoer {
  code: number;
  stdout: string;
  stderr: string;
}

function doorstroom(...args: string[]): Promise<Uitvoer> {
  const env: NodeJS.ProcessEnv = { ...process.env, DOORSTROOM_DATA: data, CI: 'true' };
  delete env.DATABASE_URL;
  return new Promise((klaar) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { cwd: REPO, env, timeout: 120_000 }, (fout, stdout, stderr) => {
      klaar({ code: fout ? (typeof fout.code === 'number' ? fout.code : -1) : 0, stdout, stderr });
    });
  });
}

const geenStacktrace = (u: Uitvoer) => expect(u.stderr).not.toMatch(/^\s+at /m);
const dataRegels = (pad: string) =>
  readFileSync(join(REPO, pad), 'utf8')
    .split(/\r?\n/)
    .filter((r) => r.trim() && !r.startsWith('#'))
    .slice(1);

describe('doorstroom (opdrachtregel)', () => {
  beforeAll(async () => {
    const seed = await doorstroom('seed', '--peildatum', '2026-11-01');
    expect(seed.stderr).not.toMatch(/Error/);
    expect(seed.code).toBe(0);
    expect(seed.stdout).toMatch(/Demoregio aangemaakt: .*"clienten":800/);
  });
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it('seed weigert een database die al gegevens bevat', async () => {
    const u = await doorstroom('seed');
    expect(u.code).toBe(1);
    expect(u.stderr).toMatch(/bevat al gegevens/);
  });

  it('import: een fout bestand geeft elke foute regel en legt niets vast; daarna landt de export precies één keer', async () => {
    const clienten = dataRegels('demo/import/clienten.csv');
    const kop = readFileSync(join(REPO, 'demo/import/clienten.csv'), 'utf8').split(/\r?\n/).find((r) => r.startsWith('extern_id'))!;
    const fout = join(data, 'clienten-fout.csv');
    // a valid row first: it must not land when the file as a whole is refused
    writeFileSync(fout, [kop, clienten[0]!, 'TG-FOUT-1;Anna Fout;;31-02-1990;Centrumstad;;ggz;', 'TG-FOUT-2;Bert Fout;;01-01-1990;Centrumstad;;astrologie;'].join('\n'));
    const geweigerd = await doorstroom('import', '--gebruiker', 'toegang@centrumstad.demo', '--clienten', fout);
    expect(geweigerd.code).toBe(1);
    expect(geweigerd.stderr).toMatch(/Import geweigerd: 2 fout\(en\)/);
    expect(geweigerd.stderr).toMatch(/clienten\.csv regel 3: geboortedatum/);
    expect(geweigerd.stderr).toMatch(/clienten\.csv regel 4: doelgroep/);
    geenStacktrace(geweigerd);

    const bestanden = ['--clienten', join(REPO, 'demo/import/clienten.csv'), '--gebeurtenissen', join(REPO, 'demo/import/gebeurtenissen.csv')];
    const eerste = await doorstroom('import', '--gebruiker', 'toegang@centrumstad.demo', ...bestanden);
    expect(eerste.code).toBe(0);
    expect(eerste.stdout).toContain(`Import geslaagd: ${clienten.length} nieuwe cliënten (0 al bekend), ${dataRegels('demo/import/gebeurtenissen.csv').length} gebeurtenissen (0 al aanwezig)`);
    const tweede = await doorstroom('import', '--gebruiker', 'toegang@centrumstad.demo', ...bestanden);
    expect(tweede.code).toBe(0);
    expect(tweede.stdout).toContain(`Import geslaagd: 0 nieuwe cliënten (${clienten.length} al bekend), 0 gebeurtenissen`);
  });

  it('een onbekende gebruiker is een melding, geen crash', async () => {
    const u = await doorstroom('import', '--gebruiker', 'niemand@nergens.demo', '--clienten', join(REPO, 'demo/import/clienten.csv'));
    expect(u.code).toBe(1);
    expect(u.stderr).toMatch(/Gebruiker niemand@nergens\.demo bestaat niet/);
    geenStacktrace(u);
  });

  it('verdeelmodel-import: alleen de beheerder van de centrumgemeente; een fout CSV noemt de foute regel', async () => {
    const csv = join(REPO, 'demo/verdeelmodel/indicatoren-synthetisch.csv');
    const lezer = await doorstroom('verdeelmodel-import', csv, '--gebruiker', 'lezer@centrumstad.demo');
    expect(lezer.code).toBe(1);
    expect(lezer.stderr).toMatch(/Alleen een beheerder van de centrumgemeente/);
    geenStacktrace(lezer);

    const fout = join(data, 'indicatoren-fout.csv');
    writeFileSync(fout, 'gemeente_code;gemeente_naam;inwoners\nGM0001;Ergens;12000\n');
    const fouteCsv = await doorstroom('verdeelmodel-import', fout, '--gebruiker', 'beheer@centrumstad.demo');
    expect(fouteCsv.code).toBe(1);
    expect(fouteCsv.stderr).toMatch(/regel 1: .*historisch_budget/);
    geenStacktrace(fouteCsv);

    const goed = await doorstroom('verdeelmodel-import', csv, '--gebruiker', 'beheer@centrumstad.demo');
    expect(goed.code).toBe(0);
    expect(goed.stdout).toMatch(/Import geslaagd: \d+ gemeenten, indicatoren /);
  });

  it('match: een proefdraai legt niets vast; een consulent mag geen ronde starten', async () => {
    const consulent = await doorstroom('match', '--dry-run', '--gebruiker', 'consulent@centrumstad.demo');
    expect(consulent.code).toBe(1);
    expect(consulent.stderr).toMatch(/Een matchingronde start een medewerker toegang of beheerder/);
    geenStacktrace(consulent);

    const proef = await doorstroom('match', '--dry-run', '--gebruiker', 'toegang@centrumstad.demo', '--peildatum', '2026-11-01');
    expect(proef.code).toBe(0);
    expect(proef.stdout).toMatch(/\d+ uitstroomklare kandidaten, \d+ beschikbare woningen/);
    expect(proef.stdout).toContain('Proefdraai: niets vastgelegd.');
  });

  it('monitor-herbereken bouwt de intervallen opnieuw op', async () => {
    const u = await doorstroom('monitor-herbereken');
    expect(u.code).toBe(0);
    expect(u.stdout).toMatch(/Monitor herberekend: \d+ intervallen van \d+ cliënten/);
  });

  it('bewaartermijnen: een proefdraai toont wat zou verdwijnen en wijzigt niets; daarna gebeurt het één keer', async () => {
    const fout = await doorstroom('bewaartermijnen', '--dry-run', '--peildatum', '2045-13-01');
    expect(fout.code).toBe(1);
    expect(fout.stderr).toMatch(/Peildatum '2045-13-01' is geen geldige datum/);
    geenStacktrace(fout);
    const telling = (u: Uitvoer) => Number(/dossiers te anonimiseren: (\d+)/.exec(u.stdout)![1]);
    const proef = await doorstroom('bewaartermijnen', '--dry-run', '--peildatum', '2045-06-01');
    expect(proef.code).toBe(0);
    expect(proef.stdout).toContain('Proefdraai: niets gewijzigd.');
    expect(telling(proef)).toBeGreaterThan(0);
    const echt = await doorstroom('bewaartermijnen', '--peildatum', '2045-06-01');
    expect(echt.code).toBe(0);
    expect(echt.stdout).toMatch(new RegExp(`vernietigd: ${telling(proef)} dossiers`));
    expect(telling(await doorstroom('bewaartermijnen', '--dry-run', '--peildatum', '2045-06-01'))).toBe(0);
  }, 300_000);
});
