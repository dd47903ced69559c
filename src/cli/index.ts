#!/usr/bin/env node
import { Command } from 'commander';
import { bouwApp, webAppGebouwd } from '../api/app.js';
import { startPlanner } from '../jobs/planner.js';
import { startVerzegeling } from '../jobs/verzegelen.js';
import { DEMO_LANDELIJK, DEMO_REGIOS_EXTRA, DEMO_TOTP_GEHEIM, DEMO_WACHTWOORD } from '../db/seed.js';
import { geheimInGroepen, otpauthUri, totpCode } from '../domain/mfa.js';
import { existsSync, readFileSync } from 'node:fs';
import { roteerSleutel } from '../db/repos/sleutelrotatie.js';
import { leesSleutel, SleutelFout, Versleuteling } from '../db/versleuteling.js';
import { ImportFout, importeer, importeerXlsx, importFoutTekst } from '../db/repos/import.js';
import { importeerIwmo } from '../db/repos/iwmo.js';
import { IwmoFouten } from '../domain/iwmo.js';
import { basename } from 'node:path';
import { draaiMatching, legRondeVast } from '../db/repos/matching.js';
import { geefTermijnen } from '../db/repos/voorstellen.js';
import { backupPglite, backupPostgres, herstelPglite, herstelPostgres } from '../db/backup.js';
import { join } from 'node:path';
import { leesWachtwoord, maakBeheerder, maakOrganisatie, soortLabel } from './beheer.js';
import { actorVoorEmail, cliHerkomst, dataMap, isLeeg, leesBestand, metVoortgang, openOmgeving, seedDemo, vandaag } from './omgeving.js';
import * as s from '../db/schema.js';
import { asc, count, eq, like } from 'drizzle-orm';
import { importeerIndicatoren, importeerIndicatorenXlsx } from '../db/repos/verdeelmodel.js';
import { controleerKeten, schrijfAudit, verzegelAudit } from '../db/repos/audit.js';
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
  .description('Start de server (migraties eerst); met --demo vult hij een lege ingebouwde database met de demoregio')
  .option('-p, --port <port>', 'poort (0 = een vrije poort)', process.env.PORT ?? '3000')
  .option('--host <host>', 'adres', process.env.HOST ?? '127.0.0.1')
  .option('--demo', 'vul een lege ingebouwde database (PGlite) met de demoregio en toon de demo-logins (ook: DOORSTROOM_DEMO=1)')
  .action(async (opts: { port: string; host: string; demo?: boolean }) => {
    const productie = process.env.NODE_ENV === 'production';
    const demo = opts.demo || process.env.DOORSTROOM_DEMO === '1';
    if (demo && productie) throw ongeldig('In productie (NODE_ENV=production) start de server niet met --demo of DOORSTROOM_DEMO=1: de demoregio heeft een openbaar wachtwoord.');
    const { database, versleuteling } = await openOmgeving('de server (doorstroom start)');
    try {
      if (await isLeeg(database)) {
        if (demo && database.soort === 'pglite') {
          console.log('Lege database: demoregio wordt aangemaakt…');
          await seedDemo(database, versleuteling);
        } else if (demo) {
          console.log('Lege PostgreSQL-database: --demo vult alleen de ingebouwde database; de demoregio hier komt er alleen met "doorstroom seed".');
        } else {
          console.log('Lege database, zonder demogegevens (die komen er alleen met --demo of "doorstroom seed").');
        }
      }
      if (productie) await weigerDemoAccounts(database);
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
    } catch (e) {
      await database.close();
      throw e;
    }
    const app = await bouwApp({ db: database.db, versleuteling, vandaag }, { logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
    // PGlite has no autovacuum: the planner refreshes its statistics hourly (opening the database did so once)
    const planner = startPlanner(database.db, { log: app.log, analyseerElkeMs: database.soort === 'pglite' ? 3600_000 : undefined });
    const verzegeling = startVerzegeling(database.db, { log: app.log });
    // registered before listening: a signal that arrives while the port opens still closes everything
    stopBijSignaal(async () => {
      await app.close(); // stops accepting, answers 503 to new requests, waits for those in flight
      await planner.stop(); // waits for a round in progress
      await verzegeling.stop(); // chains the audit rows of the last requests
      await database.close();
    });
    await app.listen({ port: Number(opts.port), host: opts.host });
    const adres = app.server.address();
    const poort = typeof adres === 'object' && adres ? adres.port : opts.port;
    console.log(`\nDoorstroom draait op http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${poort}  (API-docs: /docs; gezondheid: /api/health, gereed: /api/ready)`);
    console.log(`Database: ${database.soort}${productie ? ', productie' : ''}. Stoppen: Ctrl-C of SIGTERM (lopende aanvragen worden afgemaakt).`);
    if (!webAppGebouwd()) console.warn('LET OP: de web-app is niet gebouwd (dist/web ontbreekt); / toont alleen die melding. Bouw hem met: npm run build');
    if (demo && database.soort === 'pglite') await toonDemoLogins(database);
  });

/**
 * SIGTERM (orchestrator, systemd, npm forwarding its own) and SIGINT (Ctrl-C, sent to the whole process group) both
 * drain and stop, once: a second signal during the drain does not start another. A drain that hangs ends the
 * process after a grace period rather than never.
 */
function stopBijSignaal(stop: () => Promise<void>) {
  let bezig = false;
  const opSignaal = (signaal: NodeJS.Signals) => {
    if (bezig) return;
    bezig = true;
    console.log(`${signaal}: Doorstroom stopt…`);
    setTimeout(() => {
      console.error('Stoppen duurde langer dan 20 s; het proces wordt beëindigd.');
      process.exit(1);
    }, 20_000).unref();
    stop().then(
      () => process.exit(0),
      (fout: unknown) => {
        console.error(`Fout bij het stoppen: ${String((fout as Error)?.message ?? fout)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', opSignaal);
  process.on('SIGTERM', opSignaal);
}

/** Production never runs with the demo accounts: their password and MFA secret are published in the README. */
async function weigerDemoAccounts(database: Awaited<ReturnType<typeof openOmgeving>>['database']) {
  const [rij] = await database.db.select({ n: count() }).from(s.gebruikers).where(like(s.gebruikers.email, '%.demo'));
  if (rij && rij.n > 0) {
    throw ongeldig(
      `In productie (NODE_ENV=production) start de server niet met demo-accounts in de database: ${rij.n} gebruikers met een adres op .demo, met het openbare demowachtwoord. Gebruik een database zonder demoregio.`,
    );
  }
}

async function toonDemoLogins(database: Awaited<ReturnType<typeof openOmgeving>>['database']) {
  const logins = await database.db
    .select({ email: s.gebruikers.email, rol: s.gebruikers.rol, organisatie: s.organisaties.naam })
    .from(s.gebruikers)
    .innerJoin(s.organisaties, eq(s.organisaties.id, s.gebruikers.organisatieId))
    .orderBy(asc(s.organisaties.soort), asc(s.organisaties.naam));
  if (!logins.length) return;
  console.log(`Demo-logins (wachtwoord: ${DEMO_WACHTWOORD}):`);
  // one organisation of each kind, with its users: enough to see every view
  const eersteVanSoort = new Set(['Centrumstad', 'Noorddorp', 'Woonstede Rivierland', 'RIBW Rivierland', DEMO_LANDELIJK.organisatie]);
  const voorbeeld = logins.filter((l) => eersteVanSoort.has(l.organisatie));
  for (const l of voorbeeld) console.log(`  ${l.email.padEnd(52)} ${l.rol.padEnd(20)} ${l.organisatie}`);
  console.log(`  … en ${logins.length - voorbeeld.length} andere (zie README)`);
  console.log(`Tweestapsverificatie: beheerders en wie cliëntdossiers ziet vullen na het wachtwoord een code in. Alle demo-accounts`);
  console.log(`delen het openbare demo-geheim ${geheimInGroepen(DEMO_TOTP_GEHEIM)} (zet het in een authenticator-app:`);
  console.log(`${otpauthUri(DEMO_TOTP_GEHEIM, 'demo')} ), of vraag de huidige code op met: npm run doorstroom -- demo-code`);
}

program
  .command('organisatie-aanmaken')
  .description('Maak een organisatie aan; de eerste van een nieuwe regio is haar centrumgemeente (een productiedatabase begint leeg, zie README Productie)')
  .requiredOption('--regio <naam>', 'de regio (bestaat die nog niet, dan maakt de centrumgemeente haar aan)')
  .requiredOption('--naam <naam>', 'naam van de organisatie')
  .option('--soort <soort>', 'centrumgemeente, regiogemeente, woningcorporatie of aanbieder', 'centrumgemeente')
  .option('--gemeentecode <code>', 'CBS-gemeentecode (GM0344), verplicht voor een gemeente')
  .option('--agb <code>', 'AGB-code van een zorgaanbieder (acht cijfers, voor de iWmo-import)')
  .action(async (opts: { regio: string; naam: string; soort: string; gemeentecode?: string; agb?: string }) => {
    const { database } = await openOmgeving();
    try {
      const r = await maakOrganisatie(database.db, opts, cliHerkomst());
      console.log(`${r.regioNieuw ? `Regio '${r.regio.naam}' aangemaakt. ` : ''}${soortLabel(r.organisatie.soort)} '${r.organisatie.naam}' aangemaakt (id ${r.organisatie.id}).`);
      console.log(`Volgende stap: de eerste beheerder, met beheerder-aanmaken --organisatie "${r.organisatie.naam}" --email … --naam ….`);
    } finally {
      await database.close();
    }
  });

program
  .command('beheerder-aanmaken')
  .description('Maak een beheerder aan (de eerste van een productiedatabase); het wachtwoord komt nooit op de opdrachtregel, tweestapsverificatie stelt hij in bij de eerste login')
  .requiredOption('--organisatie <naam of id>', 'de organisatie van de beheerder')
  .option('--regio <naam>', 'de regio, als dezelfde organisatienaam in meer regio\'s voorkomt')
  .requiredOption('--email <e-mail>', 'e-mailadres (de inlognaam)')
  .requiredOption('--naam <naam>', 'naam van de persoon')
  .option('--wachtwoord-stdin', 'lees het wachtwoord van de eerste regel van standaardinvoer (anders DOORSTROOM_WACHTWOORD, anders gevraagd zonder echo)')
  .action(async (opts: { organisatie: string; regio?: string; email: string; naam: string; wachtwoordStdin?: boolean }) => {
    const wachtwoord = await leesWachtwoord({ stdin: opts.wachtwoordStdin, email: opts.email, naam: opts.naam });
    const { database } = await openOmgeving();
    try {
      const r = await maakBeheerder(database.db, { ...opts, wachtwoord, productie: process.env.NODE_ENV === 'production' }, cliHerkomst());
      console.log(`Beheerder ${r.email} aangemaakt bij ${soortLabel(r.organisatie.soort)} '${r.organisatie.naam}' (id ${r.gebruikerId}).`);
      if (r.mfaBijEersteLogin) console.log('Bij de eerste login vraagt Doorstroom na het wachtwoord om tweestapsverificatie in te stellen (QR-code in een authenticator-app, daarna de herstelcodes bewaren).');
    } finally {
      await database.close();
    }
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
  .description('Importeer een export van de regionale toegang (CSV of Excel, zie README); alles of niets')
  .requiredOption('--gebruiker <email>', 'namens wie (rechten en auditlog van deze gebruiker)')
  .option('--clienten <bestand>', 'clienten.csv')
  .option('--gebeurtenissen <bestand>', 'gebeurtenissen.csv')
  .option('--xlsx <bestand>', 'Excel-werkboek met de bladen clienten en/of gebeurtenissen (in plaats van de CSV-bestanden)')
  .action(async (opts: { gebruiker: string; clienten?: string; gebeurtenissen?: string; xlsx?: string }) => {
    if (!opts.clienten && !opts.gebeurtenissen && !opts.xlsx) throw ongeldig('Niets te importeren: geef --clienten en/of --gebeurtenissen met een CSV-bestand, of --xlsx met een Excel-werkboek.');
    if (opts.xlsx && (opts.clienten || opts.gebeurtenissen)) throw ongeldig('Kies CSV (--clienten/--gebeurtenissen) of Excel (--xlsx), niet beide.');
    const werkboek = opts.xlsx ? leesBestand(opts.xlsx, 'binair') : null;
    const bestanden = { clienten: opts.clienten && leesBestand(opts.clienten), gebeurtenissen: opts.gebeurtenissen && leesBestand(opts.gebeurtenissen) };
    const { database, versleuteling } = await openOmgeving();
    try {
      const actor = await actorVoorEmail(database.db, opts.gebruiker);
      vereisToegang(actor, REGELS.importeren, 'Importeren');
      const r = await metVoortgang((balk) => {
        const stap = (klaar: number, totaal: number) => balk.update('cliënten', klaar, totaal);
        return werkboek ? importeerXlsx(database.db, actor, versleuteling, werkboek, stap) : importeer(database.db, actor, versleuteling, bestanden, stap);
      });
      console.log(`Import geslaagd: ${r.clientenNieuw} nieuwe cliënten (${r.clientenBestaand} al bekend), ${r.gebeurtenissenNieuw} gebeurtenissen (${r.gebeurtenissenAlAanwezig} al aanwezig).`);
    } finally {
      await database.close();
    }
  });

program
  .command('import-iwmo <bestanden...>')
  .description('Importeer iWmo-berichten (XML: WMO301 toewijzing, WMO305 start zorg, WMO307 stop zorg; zie README); alles of niets')
  .requiredOption('--gebruiker <email>', 'namens wie (rechten en auditlog van deze gebruiker)')
  .action(async (paden: string[], opts: { gebruiker: string }) => {
    const bestanden = paden.map((pad) => ({ naam: basename(pad), xml: leesBestand(pad) }));
    const { database, versleuteling } = await openOmgeving();
    try {
      const actor = await actorVoorEmail(database.db, opts.gebruiker);
      vereisToegang(actor, REGELS.importeren, 'Importeren');
      const r = await metVoortgang((balk) => importeerIwmo(database.db, actor, versleuteling, bestanden, (klaar, totaal) => balk.update('berichten', klaar, totaal)));
      console.log(
        `iWmo-import geslaagd: ${r.berichten - r.berichtenAlVerwerkt} berichten verwerkt (${r.berichtenAlVerwerkt} al eerder), ${r.clientenNieuw} nieuwe cliënten, ` +
          `${r.toewijzingen} toewijzingen, ${r.gebeurtenissenNieuw} gebeurtenissen (${r.gebeurtenissenAlAanwezig} al aanwezig).`,
      );
      for (const o of r.overgeslagen) console.log(`  overgeslagen: ${o.bestand} ${o.pad}: ${o.reden}`);
    } finally {
      await database.close();
    }
  });

program
  .command('verdeelmodel-import <bestand>')
  .description('Importeer indicatoren en historisch budget voor het verdeelmodel (CSV of .xlsx, zie README); vervangt de gemeenten van de regio, alles of niets')
  .requiredOption('--gebruiker <email>', 'beheerder van de centrumgemeente namens wie (regio en auditlog)')
  .option('--bron <tekst>', 'bronvermelding bij de cijfers', 'CSV-import via de opdrachtregel')
  .action(async (bestand: string, opts: { gebruiker: string; bron: string }) => {
    const excel = /\.xlsx$/i.test(bestand);
    const inhoud = excel ? leesBestand(bestand, 'binair') : leesBestand(bestand);
    const { database } = await openOmgeving();
    try {
      const actor = await actorVoorEmail(database.db, opts.gebruiker);
      vereisToegang(actor, REGELS.verdeelmodelBeheren, 'Alleen een beheerder van de centrumgemeente mag het verdeelmodel importeren');
      const r = await metVoortgang((balk) => {
        const stap = (klaar: number, totaal: number) => balk.update('gemeenten', klaar, totaal);
        return typeof inhoud === 'string' ? importeerIndicatoren(database.db, actor.regioId, inhoud, opts.bron, stap) : importeerIndicatorenXlsx(database.db, actor.regioId, inhoud, opts.bron, stap);
      });
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
        await geefTermijnen(database.db);
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
      // the rows of the last second (or of CLI runs without a server) first join the chain
      const verzegeld = await verzegelAudit(database.db);
      if (verzegeld) console.log(`${verzegeld} nieuwe auditregel(s) aan de keten toegevoegd.`);
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
  .command('backup')
  .description('Back-up van de hele database naar één bestand: de ingebouwde datamap (server gestopt) of PostgreSQL via pg_dump; de sleutel zit er niet in')
  .requiredOption('--naar <bestand>', 'nieuw bestand (wordt nooit overschreven)')
  .action(async (opts: { naar: string }) => {
    const url = process.env.DATABASE_MIGRATIE_URL ?? process.env.DATABASE_URL;
    const start = performance.now();
    const r = url ? await backupPostgres(url, opts.naar) : await backupPglite(join(dataMap(), 'pglite'), opts.naar);
    console.log(`Back-up geschreven: ${r.bestand} (${(r.bytes / 1024 / 1024).toFixed(1)} MB, ${url ? 'PostgreSQL, pg_dump-formaat custom' : 'ingebouwde database'}) in ${((performance.now() - start) / 1000).toFixed(1)} s.`);
    console.log('Bewaar de sleutel (DOORSTROOM_SLEUTEL of het sleutelbestand) apart: zonder die sleutel zijn namen, BSN en notities in de back-up onleesbaar.');
  });

program
  .command('herstel')
  .description('Zet een back-up terug in een lege database (lege datamap of lege PostgreSQL-database), controleert daarna sleutel en auditketen')
  .requiredOption('--van <bestand>', 'het back-upbestand')
  .action(async (opts: { van: string }) => {
    const url = process.env.DATABASE_MIGRATIE_URL ?? process.env.DATABASE_URL;
    if (url) await herstelPostgres(opts.van, url);
    else await herstelPglite(opts.van, join(dataMap(), 'pglite'));
    // opening migrates a backup of an older version and checks that the key reads the data
    const { database } = await openOmgeving();
    try {
      const [clienten] = await database.db.select({ n: count() }).from(s.clienten);
      const keten = await controleerKeten(database.db);
      if (keten.breuk) throw ongeldig(`Hersteld, maar de auditketen is verbroken bij regel ${keten.breuk.volgnr}: ${keten.breuk.reden}.`);
      console.log(`Hersteld uit ${opts.van}: ${clienten?.n ?? 0} cliënten; sleutel past; auditketen intact (${keten.aantal} regels).`);
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
    if (e instanceof ImportFout) for (const f of e.fouten) console.error(`  ${importFoutTekst(f)}`);
    if (e instanceof IwmoFouten) for (const f of e.fouten) console.error(`  ${f.bestand} ${f.pad}: ${f.melding}`);
  } else {
    // anything else: one line without values a message might carry (SQL parameters), the stack only on request
    const f = veiligeFout(e);
    console.error(`Onverwachte fout (${String(f.type)}${f.code ? ` ${String(f.code)}` : ''}): ${String(f.message ?? '')}`);
    if (process.env.DOORSTROOM_DEBUG) console.error(e);
  }
  process.exitCode = 1;
}
