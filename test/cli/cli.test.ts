import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { PGlite } from '@electric-sql/pglite';
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
  return doorstroomMet({}, ...args);
}

function doorstroomMet(extra: NodeJS.ProcessEnv, ...args: string[]): Promise<Uitvoer> {
  const env: NodeJS.ProcessEnv = { ...process.env, DOORSTROOM_DATA: data, CI: 'true', ...extra };
  delete env.DATABASE_URL;
  for (const k of ['DOORSTROOM_SLEUTEL', 'DOORSTROOM_SLEUTEL_BESTAND', 'NODE_ENV']) if (!(k in extra)) delete env[k];
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
    expect(geweigerd.stderr).toMatch(/clienten\.csv, regel 3, kolom [A-Z]+ \(geboortedatum\): geboortedatum/);
    expect(geweigerd.stderr).toMatch(/clienten\.csv, regel 4, kolom [A-Z]+ \(doelgroep\): doelgroep/);
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

  it('import-iwmo: de voorbeeldberichten landen één keer; een fout bericht noemt element en reden en legt niets vast', async () => {
    const berichten = ['wmo301-toewijzing-bw.xml', 'wmo301-toewijzing-opvang.xml', 'wmo305-start-bw.xml', 'wmo307-stop-bw.xml'].map((f) => join(REPO, 'demo/import/iwmo', f));
    const lezer = await doorstroom('import-iwmo', ...berichten, '--gebruiker', 'lezer@centrumstad.demo');
    expect(lezer.code).toBe(1);
    expect(lezer.stderr).toMatch(/^Importeren: geen toegang voor rol/);

    const fout = join(data, 'wmo305-fout.xml');
    writeFileSync(fout, readFileSync(berichten[2]!, 'utf8').replace('<wmo305:Begindatum>2026-09-20</wmo305:Begindatum>', ''));
    const fouteImport = await doorstroom('import-iwmo', berichten[0]!, fout, '--gebruiker', 'toegang@centrumstad.demo');
    expect(fouteImport.code).toBe(1);
    expect(fouteImport.stderr.trim().split('\n')).toEqual([
      'iWmo-import geweigerd: 1 fout(en); er is niets opgeslagen',
      '  wmo305-fout.xml Bericht/Client/StartProducten/StartProduct[1]/Begindatum: element ontbreekt',
    ]);
    geenStacktrace(fouteImport);

    const goed = await doorstroom('import-iwmo', ...berichten, '--gebruiker', 'toegang@centrumstad.demo');
    expect(goed.code, goed.stderr).toBe(0);
    expect(goed.stdout).toMatch(/iWmo-import geslaagd: 4 berichten verwerkt \(0 al eerder\), 2 nieuwe cliënten, 2 toewijzingen, 8 gebeurtenissen \(0 al aanwezig\)/);
    expect(goed.stdout).toMatch(/overgeslagen: wmo301-toewijzing-bw.xml Bericht\/Client\/ToegewezenProducten\/ToegewezenProduct\[2\]: product 01\/01A11 is geen beschermd wonen of opvang/);
    const opnieuw = await doorstroom('import-iwmo', ...berichten, '--gebruiker', 'toegang@centrumstad.demo');
    expect(opnieuw.stdout).toMatch(/0 berichten verwerkt \(4 al eerder\), 0 nieuwe cliënten, 0 toewijzingen, 0 gebeurtenissen/);
  }, 300_000);

  it('import --xlsx en verdeelmodel-import van een .xlsx: hetzelfde als de CSV-bestanden, fouten met blad, rij en kolom', async () => {
    const werkboek = join(REPO, 'demo/import/toegang.xlsx');
    const beide = await doorstroom('import', '--xlsx', werkboek, '--clienten', join(REPO, 'demo/import/clienten.csv'), '--gebruiker', 'toegang@centrumstad.demo');
    expect(beide.code).toBe(1);
    expect(beide.stderr.trim()).toBe('Kies CSV (--clienten/--gebeurtenissen) of Excel (--xlsx), niet beide.');
    // the same export as the CSV samples (imported above, or now): a second time adds nothing
    const eerste = await doorstroom('import', '--xlsx', werkboek, '--gebruiker', 'toegang@centrumstad.demo');
    expect(eerste.code, eerste.stderr).toBe(0);
    const xlsx = await doorstroom('import', '--xlsx', werkboek, '--gebruiker', 'toegang@centrumstad.demo');
    expect(xlsx.code, xlsx.stderr).toBe(0);
    expect(xlsx.stdout).toMatch(/Import geslaagd: 0 nieuwe cliënten \(4 al bekend\), 0 gebeurtenissen \(13 al aanwezig\)/);
    const indicatoren = await doorstroom('verdeelmodel-import', join(REPO, 'demo/verdeelmodel/indicatoren-synthetisch.xlsx'), '--gebruiker', 'beheer@centrumstad.demo');
    expect(indicatoren.code, indicatoren.stderr).toBe(0);
    expect(indicatoren.stdout).toMatch(/Import geslaagd: 8 gemeenten, indicatoren inwoners, /);
    const kapot = join(data, 'kapot.xlsx');
    writeFileSync(kapot, 'geen werkboek');
    const fout = await doorstroom('import', '--xlsx', kapot, '--gebruiker', 'toegang@centrumstad.demo');
    expect([fout.code, fout.stderr.trim()]).toEqual([1, 'Het bestand is geen leesbaar Excel-werkboek (.xlsx)']);
  }, 300_000);

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

  it('import volgt dezelfde rolregel als de API: een lezer en een consulent van een aanbieder importeren niets', async () => {
    const kop = readFileSync(join(REPO, 'demo/import/clienten.csv'), 'utf8').split(/\r?\n/).find((r) => r.startsWith('extern_id'))!;
    const bestand = join(data, 'clienten-rol.csv');
    writeFileSync(bestand, [kop, 'TG-ROL-1;Rolf Regel;;01-01-1990;Centrumstad;;ggz;'].join('\n'));
    for (const [gebruiker, rol] of [
      ['lezer@centrumstad.demo', 'Alleen lezen'],
      ['consulent@ribw-rivierland.demo', 'Consulent'],
    ] as const) {
      const u = await doorstroom('import', '--gebruiker', gebruiker, '--clienten', bestand);
      expect(u.code, gebruiker).toBe(1);
      expect(u.stderr.trim()).toBe(`Importeren: geen toegang voor rol ${rol}.`);
      expect(u.stdout).not.toMatch(/geslaagd/);
    }
    // nothing landed: the medewerker toegang imports it as new
    const toegang = await doorstroom('import', '--gebruiker', 'toegang@centrumstad.demo', '--clienten', bestand);
    expect(toegang.code).toBe(0);
    expect(toegang.stdout).toContain('Import geslaagd: 1 nieuwe cliënten (0 al bekend)');
  }, 240_000);

  it('een import zonder bestanden, een ontbrekend bestand, een foute peildatum of een te korte sleutel: één regel, exitcode 1', async () => {
    const gevallen: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['import', '--gebruiker', 'toegang@centrumstad.demo'], {}, /^Niets te importeren: geef --clienten en\/of --gebeurtenissen/],
      [['import', '--gebruiker', 'toegang@centrumstad.demo', '--clienten', join(data, 'bestaat-niet.csv')], {}, /^Bestand .*bestaat-niet\.csv bestaat niet\.$/],
      [['verdeelmodel-import', join(data, 'weg.csv'), '--gebruiker', 'beheer@centrumstad.demo'], {}, /^Bestand .*weg\.csv bestaat niet\.$/],
      [['match', '--dry-run', '--gebruiker', 'toegang@centrumstad.demo', '--peildatum', '2026-13-45'], {}, /^--peildatum '2026-13-45' is geen geldige datum/],
      [['seed', '--peildatum', 'gisteren'], {}, /^--peildatum 'gisteren' is geen geldige datum/],
      [['monitor-herbereken'], { DOORSTROOM_SLEUTEL: Buffer.alloc(16, 1).toString('base64') }, /^DOORSTROOM_SLEUTEL is geen geldige sleutel: verwacht base64 van 32 bytes/],
    ];
    for (const [args, env, melding] of gevallen) {
      const u = await doorstroomMet(env, ...args);
      expect(u.code, args.join(' ')).toBe(1);
      expect(u.stderr.trim().split('\n'), `${args.join(' ')}: ${u.stderr}`).toHaveLength(1);
      expect(u.stderr.trim(), args.join(' ')).toMatch(melding);
      expect(u.stdout, args.join(' ')).not.toMatch(/geslaagd/);
    }
  }, 300_000);

  it('monitor-herbereken bouwt de intervallen opnieuw op', async () => {
    const u = await doorstroom('monitor-herbereken');
    expect(u.code).toBe(0);
    expect(u.stdout).toMatch(/Monitor herberekend: \d+ intervallen van \d+ cliënten/);
  });

  it('audit-controleer: de keten is intact; na een wijziging buiten de triggers om meldt hij de eerste gebroken regel met exitcode 1', async () => {
    const goed = await doorstroom('audit-controleer');
    expect(goed.code, goed.stderr).toBe(0);
    expect(goed.stdout).toMatch(/Auditketen intact: \d+ regels gecontroleerd/);

    // the CLI's own rows name the operator and the user on whose behalf it acted
    const pglite = new PGlite(join(data, 'pglite'));
    try {
      const proef = await pglite.query<{ uitvoerder: string; user_agent: string; doel: string }>(
        `select uitvoerder, user_agent, doel from audit_log where entiteit = 'matching_proefdraai' order by id desc limit 1`,
      );
      expect(proef.rows[0]).toMatchObject({ uitvoerder: `${userInfo().username}@${hostname()}`, user_agent: 'cli', doel: 'plaatsing_matching' });
      // a superuser changes one row past the append-only trigger
      const doel = (await pglite.query<{ id: number; volgnr: number }>('select id, volgnr from audit_log order by volgnr limit 1 offset 2')).rows[0]!;
      await pglite.exec(`ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET entiteit_id = 'verdoezeld' WHERE id = ${doel.id}; ALTER TABLE audit_log ENABLE TRIGGER USER;`);
      await pglite.close();
      const fout = await doorstroom('audit-controleer');
      expect(fout.code).toBe(1);
      expect(fout.stderr).toContain(`Auditketen VERBROKEN bij regel ${doel.volgnr} (id ${doel.id}`);
      geenStacktrace(fout);
    } finally {
      if (!pglite.closed) await pglite.close();
    }
  });

  it('bewaartermijnen: een proefdraai toont wat zou verdwijnen en wijzigt niets; daarna gebeurt het één keer', async () => {
    const fout = await doorstroom('bewaartermijnen', '--dry-run', '--peildatum', '2045-13-01');
    expect(fout.code).toBe(1);
    expect(fout.stderr).toMatch(/Peildatum '2045-13-01' is geen geldige datum/);
    geenStacktrace(fout);
    // one block per region (the national body's own region has no dossiers): the sum over all of them
    const som = (u: Uitvoer, patroon: RegExp) => [...u.stdout.matchAll(patroon)].reduce((a, m) => a + Number(m[1]), 0);
    const telling = (u: Uitvoer) => som(u, /dossiers te anonimiseren: (\d+)/g);
    const proef = await doorstroom('bewaartermijnen', '--dry-run', '--peildatum', '2045-06-01');
    expect(proef.code).toBe(0);
    expect(proef.stdout).toContain('Proefdraai: niets gewijzigd.');
    expect(telling(proef)).toBeGreaterThan(0);
    const echt = await doorstroom('bewaartermijnen', '--peildatum', '2045-06-01');
    expect(echt.code).toBe(0);
    expect(som(echt, /vernietigd: (\d+) dossiers/g)).toBe(telling(proef));
    expect(telling(await doorstroom('bewaartermijnen', '--dry-run', '--peildatum', '2045-06-01'))).toBe(0);
  }, 300_000);

  // after this test the data folder is encrypted with a key the other commands do not have: keep it (and the
  // production refusals) last
  it('sleutel-roteer: daarna leest alleen de nieuwe sleutel de database', async () => {
    const buiten = mkdtempSync(join(tmpdir(), 'doorstroom-sleutel-'));
    try {
      const nieuw = join(buiten, 'nieuwe-sleutel');
      writeFileSync(nieuw, randomBytes(32).toString('base64'));
      const kort = join(buiten, 'korte-sleutel');
      writeFileSync(kort, randomBytes(16).toString('base64'));
      const fout = await doorstroom('sleutel-roteer', '--nieuwe-sleutel-bestand', kort);
      expect(fout.code).toBe(1);
      expect(fout.stderr.trim()).toMatch(/^Sleutelbestand .* is geen geldige sleutel: verwacht base64 van 32 bytes/);

      const u = await doorstroom('sleutel-roteer', '--nieuwe-sleutel-bestand', nieuw);
      expect(u.stderr).not.toMatch(/Error/);
      expect(u.code).toBe(0);
      expect(u.stdout).toMatch(/Sleutel geroteerd .*: \d+ waarden opnieuw versleuteld \(clienten \d+, gebruiker_mfa \d+, zrm_beoordelingen \d+, begeleidingen \d+\); hashes herberekend: clienten.bsn_hash \d+/);
      // the old (development) key no longer fits: a one-line refusal, not a crash on the first dossier
      const oud = await doorstroom('match', '--dry-run', '--gebruiker', 'toegang@centrumstad.demo');
      expect(oud.code).toBe(1);
      expect(oud.stderr.trim()).toMatch(/^De sleutel past niet bij de gegevens in de database/);
      geenStacktrace(oud);
      const metNieuw = await doorstroomMet({ DOORSTROOM_SLEUTEL_BESTAND: nieuw }, 'match', '--dry-run', '--gebruiker', 'toegang@centrumstad.demo');
      expect(metNieuw.code).toBe(0);
    } finally {
      rmSync(buiten, { recursive: true, force: true });
    }
  }, 240_000);

  it('productie: zonder sleutel van buiten de datamap, of met een ongeldige sleutel, weigert hij te starten (één regel)', async () => {
    const geen = await doorstroomMet({ NODE_ENV: 'production' }, 'start', '--port', '0');
    expect(geen.code).toBe(1);
    expect(geen.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^In productie \(NODE_ENV=production\) komt de sleutel uit DOORSTROOM_SLEUTEL/)]);
    const inDatamap = join(data, 'sleutel');
    writeFileSync(inDatamap, randomBytes(32).toString('base64'));
    const binnen = await doorstroomMet({ NODE_ENV: 'production', DOORSTROOM_SLEUTEL_BESTAND: inDatamap }, 'start', '--port', '0');
    expect(binnen.code).toBe(1);
    expect(binnen.stderr.trim()).toMatch(/^Sleutelbestand .* staat in de datamap/);
    const ongeldig = await doorstroomMet({ NODE_ENV: 'production', DOORSTROOM_SLEUTEL: 'te-kort' }, 'start', '--port', '0');
    expect(ongeldig.code).toBe(1);
    expect(ongeldig.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^DOORSTROOM_SLEUTEL is geen geldige sleutel/)]);
    for (const u of [geen, binnen, ongeldig]) geenStacktrace(u);
  }, 180_000);
});
