#!/usr/bin/env node
import { Command } from 'commander';
import { bouwApp } from '../api/app.js';
import { startPlanner } from '../jobs/planner.js';
import { DEMO_LANDELIJK, DEMO_REGIOS_EXTRA, DEMO_TOTP_GEHEIM, DEMO_WACHTWOORD } from '../db/seed.js';
import { geheimInGroepen, otpauthUri, totpCode } from '../domain/mfa.js';
import { existsSync, readFileSync } from 'node:fs';
import { roteerSleutel } from '../db/repos/sleutelrotatie.js';
import { leesSleutel, SleutelFout, Versleuteling } from '../db/versleuteling.js';
import { ImportFout, importeer } from '../db/repos/import.js';
import { draaiMatching, legRondeVast } from '../db/repos/matching.js';
import { actorVoorEmail, isLeeg, leesBestand, metVoortgang, openOmgeving, seedDemo, vandaag } from './omgeving.js';
import * as s from '../db/schema.js';
import { asc, eq } from 'drizzle-orm';
import { importeerIndicatoren } from '../db/repos/verdeelmodel.js';
import { controleerKeten, schrijfAudit } from '../db/repos/audit.js';
import { DomeinFout, geweigerd, ongeldig } from '../domain/fouten.js';
import { REGELS, toegangsBezwaar, type Toegang } from '../domain/toegang.js';
import { isGeldigeDatum } from '../domain/datums.js';
import type { Actor } from '../domain/auth.js';
import { veiligeFout } from '../api/logboek.js';
import { voerBewaartermijnenUit } from '../jobs/bewaartermijnen.js';
import { herberekenAlleIntervallen, intervallenOntbreken } from '../db/repos/intervallen.js';
import { naamIndexOntbreekt, vulOntbrekendeNaamIndex } from '../db/repos/naamindex.js';

const program = new Command().name('doorstroom').description('Doorstroom: in-, door- en uitstroom BW/MO');

program
  .command('start')
  .description('Start de server; vult een lege database met de demoregio')
  .option('-p, --port <port>', 'poort', process.env.PORT ?? '3000')
  .option('--host <host>', 'adres', process.env.HOST ?? '127.0.0.1')
  .action(async (opts: { port: string; host: string }) => {
    const { database, versleuteling } = await openOmgeving();
    if (await isLeeg(database)) {
      console.log('Lege database: demoregio wordt aangemaakt…');
      await seedDemo(database, versleuteling);
    }
    if (await intervallenOntbreken(database.db)) {
      // a database from before migration 0003: the monitor reads traject_intervallen, so build it once
      console.log('Monitor: intervallen worden eenmalig opgebouwd uit de gebeurtenissen…');
      await herbereken(database);
    }
    if (await naamIndexOntbreekt(database.db)) {
      // a database from before migration 0010: the SQL migration cannot reach the key, so the names are indexed here
      console.log('Zoeken op naam: de naamindex wordt eenmalig opgebouwd…');
      const n = await metVoortgang((balk) => database.db.transaction((tx) => vulOntbrekendeNaamIndex(tx, versleuteling, (klaar, totaal) => balk.update('namen', klaar, totaal))));
      console.log(`Naamindex opgebouwd voor ${n} cliënten.`);
    }
    const app = await bouwApp({ db: database.db, versleuteling, vandaag }, { logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
    await app.listen({ port: Number(opts.port), host: opts.host });
    const planner = startPlanner(database.db, { log: app.log });
    const logins = await database.db
      .select({ email: s.gebruikers.email, rol: s.gebruikers.rol, organisatie: s.organisaties.naam })
      .from(s.gebruikers)
      .innerJoin(s.organisaties, eq(s.organisaties.id, s.gebruikers.organisatieId))
      .orderBy(asc(s.organisaties.soort), asc(s.organisaties.naam));
    console.log(`\nDoorstroom draait op http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${opts.port}  (API-docs: /docs)`);
    console.log(`Database: ${database.soort}. Demo-logins (wachtwoord: ${DEMO_WACHTWOORD}):`);
    // one organisation of each kind, with its users: enough to see every view
    const eersteVanSoort = new Set(['Centrumstad', 'Noorddorp', 'Woonstede Rivierland', 'RIBW Rivierland', DEMO_LANDELIJK.organisatie]);
    const voorbeeld = logins.filter((l) => eersteVanSoort.has(l.organisatie));
    for (const l of voorbeeld) console.log(`  ${l.email.padEnd(52)} ${l.rol.padEnd(20)} ${l.organisatie}`);
    console.log(`  … en ${logins.length - voorbeeld.length} andere (zie README)`);
    console.log(`Tweestapsverificatie: beheerders en wie cliëntdossiers ziet vullen na het wachtwoord een code in. Alle demo-accounts`);
    console.log(`delen het openbare demo-geheim ${geheimInGroepen(DEMO_TOTP_GEHEIM)} (zet het in een authenticator-app:`);
    console.log(`${otpauthUri(DEMO_TOTP_GEHEIM, 'demo')} ), of vraag de huidige code op met: npm run doorstroom -- demo-code`);
    const stop = async () => {
      await planner.stop();
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

program
  .command('seed')
  .description('Maak de demoregio aan (deterministisch) in een lege database')
  .option('--peildatum <datum>', 'referentiedatum van de historie', vandaag())
  .action(async (opts: { peildatum: string }) => {
    vereisDatum('--peildatum', opts.peildatum);
    const { database, versleuteling } = await openOmgeving();
    if (!(await isLeeg(database))) {
      console.error('De database bevat al gegevens; verwijder de datamap (data/) om opnieuw te seeden.');
      process.exitCode = 1;
    } else {
      const r = await seedDemo(database, versleuteling, opts.peildatum);
      console.log(`Demoregio aangemaakt: ${JSON.stringify(r.aantallen)}`);
      for (const [i, a] of r.andere.entries()) console.log(`Regio ${DEMO_REGIOS_EXTRA[i]!.regioNaam} aangemaakt: ${JSON.stringify(a.aantallen)}`);
      console.log(`Landelijke organisatie ${DEMO_LANDELIJK.organisatie} aangemaakt.`);
    }
    await database.close();
  });

program
  .command('import')
  .description('Importeer een export van de regionale toegang (CSV, zie README); alles of niets')
  .requiredOption('--gebruiker <email>', 'namens wie (rechten en auditlog van deze gebruiker)')
  .option('--clienten <bestand>', 'clienten.csv')
  .option('--gebeurtenissen <bestand>', 'gebeurtenissen.csv')
  .action(async (opts: { gebruiker: string; clienten?: string; gebeurtenissen?: string }) => {
    if (!opts.clienten && !opts.gebeurtenissen) throw ongeldig('Niets te importeren: geef --clienten en/of --gebeurtenissen met een CSV-bestand.');
    const bestanden = { clienten: opts.clienten && leesBestand(opts.clienten), gebeurtenissen: opts.gebeurtenissen && leesBestand(opts.gebeurtenissen) };
    const { database, versleuteling } = await openOmgeving();
    try {
      const actor = await actorVoorEmail(database.db, opts.gebruiker);
      vereisToegang(actor, REGELS.importeren, 'Importeren');
      const r = await metVoortgang((balk) => importeer(database.db, actor, versleuteling, bestanden, (klaar, totaal) => balk.update('cliënten', klaar, totaal)));
      console.log(`Import geslaagd: ${r.clientenNieuw} nieuwe cliënten (${r.clientenBestaand} al bekend), ${r.gebeurtenissenNieuw} gebeurtenissen (${r.gebeurtenissenAlAanwezig} al aanwezig).`);
    } finally {
      await database.close();
    }
  });

program
  .command('verdeelmodel-import <bestand>')
  .description('Importeer indicatoren en historisch budget voor het verdeelmodel (CSV, zie README); vervangt de gemeenten van de regio, alles of niets')
  .requiredOption('--gebruiker <email>', 'beheerder van de centrumgemeente namens wie (regio en auditlog)')
  .option('--bron <tekst>', 'bronvermelding bij de cijfers', 'CSV-import via de opdrachtregel')
  .action(async (bestand: string, opts: { gebruiker: string; bron: string }) => {
    const csv = leesBestand(bestand);
    const { database } = await openOmgeving();
    try {
      const actor = await actorVoorEmail(database.db, opts.gebruiker);
      vereisToegang(actor, REGELS.verdeelmodelBeheren, 'Alleen een beheerder van de centrumgemeente mag het verdeelmodel importeren');
      const r = await metVoortgang((balk) => importeerIndicatoren(database.db, actor.regioId, csv, opts.bron, (klaar, totaal) => balk.update('gemeenten', klaar, totaal)));
      await schrijfAudit(database.db, actor, { actie: 'importeren', entiteit: 'verdeelmodel_gemeenten', doel: 'monitor_beleid', details: { ...r, bestand } });
      console.log(`Import geslaagd: ${r.aantal} gemeenten, indicatoren ${r.indicatorCodes.join(', ')}.`);
    } finally {
      await database.close();
    }
  });

program
  .command('monitor-herbereken')
  .description('Bouw traject_intervallen (de basis van de monitor) en client_stand (de actuele stand per cliënt) opnieuw op uit alle gebeurtenissen, in één transactie')
  .action(async () => {
    const { database } = await openOmgeving();
    try {
      await herbereken(database);
    } finally {
      await database.close();
    }
  });

program
  .command('bewaartermijnen')
  .description('Vernietig of anonimiseer wat over zijn bewaartermijn is (zoals de planner dagelijks doet); elke vernietiging in het auditlog')
  .option('--dry-run', 'alleen tonen wat zou verdwijnen, niets wijzigen')
  .option('--peildatum <datum>', 'de dag waarop de termijnen worden beoordeeld (JJJJ-MM-DD)', vandaag())
  .action(async (opts: { dryRun?: boolean; peildatum: string }) => {
    if (!isGeldigeDatum(opts.peildatum)) throw ongeldig(`Peildatum '${opts.peildatum}' is geen geldige datum (JJJJ-MM-DD)`);
    const { database } = await openOmgeving();
    try {
      // noon UTC is the same calendar day in the Netherlands
      const r = await voerBewaartermijnenUit(database.db, new Date(`${opts.peildatum}T12:00:00Z`), { dryRun: opts.dryRun });
      for (const plan of r.plannen) {
        const gedaan = r.uitgevoerd.find((u) => u.regioId === plan.regioId);
        console.log(`${plan.regio} (peildatum ${plan.vandaag}):`);
        console.log(`  dossiers te anonimiseren: ${plan.dossiers.length}${plan.dossiers.length ? ` (${plan.dossiers.map((d) => `${d.pseudoniem} einde ${d.einde}`).join(', ')})` : ''}`);
        console.log(`  schulden van lopende dossiers: ${plan.schulden.reduce((n, x) => n + x.aantal, 0)}; opgeloste signalen: ${plan.signalen.length}`);
        console.log(`  auditregels vóór ${plan.auditRegels.voor}: ${plan.auditRegels.aantal}; sessies vóór ${plan.sessies.voor}: ${plan.sessies.aantal}; meldingen vóór ${plan.meldingen.voor}: ${plan.meldingen.aantal}`);
        if (gedaan) console.log(`  vernietigd: ${gedaan.dossiers} dossiers, ${gedaan.schulden} schulden, ${gedaan.signalen} signalen, ${gedaan.auditRegels} auditregels, ${gedaan.sessies} sessies, ${gedaan.meldingen} meldingen`);
      }
      console.log(opts.dryRun ? 'Proefdraai: niets gewijzigd.' : 'Klaar; elke vernietiging staat in het auditlog (actie vernietigen).');
    } finally {
      await database.close();
    }
  });

program
  .command('match')
  .description('Matchingronde voor de regio van de gebruiker: optimale voorstellen met uitleg')
  .requiredOption('--gebruiker <email>', 'medewerker of beheerder van de centrumgemeente')
  .option('--dry-run', 'alleen tonen, niets vastleggen')
  .option('--peildatum <datum>', 'datum voor wachttijden en beschikbaarheid', vandaag())
  .option('--uitleg', 'toon de volledige uitleg per voorstel')
  .action(async (opts: { gebruiker: string; dryRun?: boolean; peildatum: string; uitleg?: boolean }) => {
    vereisDatum('--peildatum', opts.peildatum);
    const { database } = await openOmgeving();
    try {
      const actor = await actorVoorEmail(database.db, opts.gebruiker);
      vereisToegang(actor, REGELS.matchingronde, 'Een matchingronde start een medewerker toegang of beheerder van de centrumgemeente');
      const start = performance.now();
      const { resultaat, pseudoniemen, woningAdres } = await draaiMatching(database.db, actor.regioId, opts.peildatum);
      const ms = Math.round(performance.now() - start);
      // the printed proposals are client data: logged before anything is shown
      await schrijfAudit(database.db, actor, {
        actie: 'lezen',
        entiteit: 'matching_proefdraai',
        doel: 'plaatsing_matching',
        pseudoniemen: [...resultaat.voorstellen.map((v) => v.kandidaatId), ...resultaat.nietGeplaatst.map((n) => n.kandidaatId)].map((id) => pseudoniemen.get(id)).filter((p): p is string => !!p),
        details: { voorstellen: resultaat.voorstellen.length, peildatum: opts.peildatum },
      });
      const st = resultaat.statistiek;
      console.log(`${st.kandidaten} uitstroomklare kandidaten, ${st.woningen} beschikbare woningen (${st.bruikbareWoningen} binnen een reserveringsafspraak); ${st.geplaatst} voorstellen; objectief ${resultaat.objectief} (${st.methode}, ${ms} ms)`);
      for (const v of resultaat.voorstellen) {
        console.log(`  ${pseudoniemen.get(v.kandidaatId)}  →  ${woningAdres.get(v.woningId)}  (score ${Math.round(v.score)}, wacht ${v.uitleg.wachtdagen} d, urgentie ${v.uitleg.urgentie})`);
        if (opts.uitleg) console.log(`      ${v.uitleg.tekst}`);
      }
      const redenen = new Map<string, number>();
      for (const n of resultaat.nietGeplaatst) redenen.set(n.reden, (redenen.get(n.reden) ?? 0) + 1);
      if (redenen.size) console.log(`Niet geplaatst: ${[...redenen].map(([r, n]) => `${n}× ${r}`).join(', ')}`);
      if (!opts.dryRun) {
        const { rondeId } = await legRondeVast(database.db, actor, opts.peildatum);
        console.log(`Ronde ${rondeId} vastgelegd; woningen gereserveerd, partijen kunnen akkoord geven in de app.`);
      } else console.log('Proefdraai: niets vastgelegd.');
    } finally {
      await database.close();
    }
  });

program
  .command('audit-controleer')
  .description('Controleer de hashketen van het auditlog: elke regel volgt uit de vorige; meldt de eerste breuk (exitcode 1)')
  .action(async () => {
    const { database } = await openOmgeving();
    try {
      const start = performance.now();
      const uitslag = await metVoortgang((balk) => controleerKeten(database.db, (klaar, totaal) => balk.update('auditregels', klaar, totaal)));
      const s = ((performance.now() - start) / 1000).toFixed(1);
      if (uitslag.breuk) {
        const b = uitslag.breuk;
        console.error(`Auditketen VERBROKEN bij regel ${b.volgnr} (id ${b.id}${b.tijdstip ? `, ${b.tijdstip.toISOString()}` : ''}): ${b.reden}.`);
        console.error(`${uitslag.aantal} regels daarvoor zijn in orde${uitslag.kop ? ` (laatste goede: regel ${uitslag.kop.volgnr}, hash ${uitslag.kop.hash})` : ''}.`);
        process.exitCode = 1;
      } else {
        console.log(`Auditketen intact: ${uitslag.aantal} regels gecontroleerd in ${s} s.`);
        if (uitslag.kop) console.log(`Kop van de keten: regel ${uitslag.kop.volgnr}, hash ${uitslag.kop.hash} (bewaar deze buiten de database om een herschreven keten te herkennen).`);
      }
    } finally {
      await database.close();
    }
  });

program
  .command('demo-code')
  .description('Toon de huidige tweestapscode van de demo-accounts (het openbare demo-geheim, zie README)')
  .action(() => {
    const nu = new Date();
    const over = 30 - (Math.floor(nu.getTime() / 1000) % 30);
    console.log(`${totpCode(DEMO_TOTP_GEHEIM, nu)}  (nog ${over} s geldig; elke code werkt één keer per account)`);
  });

program
  .command('sleutel-roteer')
  .description('Versleutel alle versleutelde kolommen opnieuw met een nieuwe sleutel en herbereken de sleutel-hashes (BSN), in één transactie')
  .requiredOption('--nieuwe-sleutel-bestand <bestand>', 'bestand met de nieuwe sleutel (base64 van 32 bytes), buiten de datamap')
  .action(async (opts: { nieuweSleutelBestand: string }) => {
    if (!existsSync(opts.nieuweSleutelBestand)) throw new SleutelFout(`Sleutelbestand ${opts.nieuweSleutelBestand} bestaat niet.`);
    const nieuw = new Versleuteling(leesSleutel(readFileSync(opts.nieuweSleutelBestand, 'utf8'), `Sleutelbestand ${opts.nieuweSleutelBestand}`));
    const { database, versleuteling: oud } = await openOmgeving();
    try {
      if (nieuw.zoekHash('controle') === oud.zoekHash('controle')) throw new SleutelFout('De nieuwe sleutel is gelijk aan de huidige; er is niets gewijzigd.');
      const start = performance.now();
      const r = await metVoortgang((balk) => database.db.transaction((tx) => roteerSleutel(tx, oud, nieuw, balk.update)));
      const tabellen = Object.entries(r.perTabel).map(([t, n]) => `${t} ${n}`).join(', ');
      const hashes = Object.entries(r.hashes).map(([h, n]) => `${h} ${n}`).join(', ');
      console.log(`Sleutel geroteerd in ${((performance.now() - start) / 1000).toFixed(1)} s: ${r.waarden} waarden opnieuw versleuteld (${tabellen}); hashes herberekend: ${hashes}.`);
      console.log(`Zet nu DOORSTROOM_SLEUTEL_BESTAND=${opts.nieuweSleutelBestand} (of DOORSTROOM_SLEUTEL op de nieuwe waarde) en vernietig de oude sleutel; met de oude sleutel start de server niet meer correct.`);
    } finally {
      await database.close();
    }
  });

async function herbereken(database: Awaited<ReturnType<typeof openOmgeving>>['database']) {
  const start = performance.now();
  const r = await metVoortgang((balk) => database.db.transaction((tx) => herberekenAlleIntervallen(tx, (klaar, totaal) => balk.update('cliënten', klaar, totaal))));
  console.log(`Monitor herberekend: ${r.intervallen} intervallen van ${r.clienten} cliënten in ${((performance.now() - start) / 1000).toFixed(1)} s.`);
}

/** The API's rule for the same action (domain/toegang), so the CLI cannot do more than the app. */
function vereisToegang(actor: Actor, regel: Toegang, wat: string) {
  const bezwaar = toegangsBezwaar(regel, actor, true);
  if (bezwaar) throw geweigerd(`${wat}: ${bezwaar.charAt(0).toLowerCase()}${bezwaar.slice(1)}.`);
}

function vereisDatum(optie: string, waarde: string) {
  if (!isGeldigeDatum(waarde)) throw ongeldig(`${optie} '${waarde}' is geen geldige datum (JJJJ-MM-DD, vanaf 1900).`);
}

try {
  await program.parseAsync();
} catch (e) {
  // a refusal, not a crash: what was wrong (for an import every line) without a stack trace, and exit code 1
  if (e instanceof DomeinFout) {
    console.error(e.message);
    if (e instanceof ImportFout) for (const f of e.fouten) console.error(`  ${f.bestand}.csv regel ${f.regel}: ${f.melding}`);
  } else {
    // anything else: one line without values a message might carry (SQL parameters), the stack only on request
    const f = veiligeFout(e);
    console.error(`Onverwachte fout (${String(f.type)}${f.code ? ` ${String(f.code)}` : ''}): ${String(f.message ?? '')}`);
    if (process.env.DOORSTROOM_DEBUG) console.error(e);
  }
  process.exitCode = 1;
}
