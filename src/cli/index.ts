#!/usr/bin/env node
import { Command } from 'commander';
import { bouwApp } from '../api/app.js';
import { startPlanner } from '../jobs/planner.js';
import { DEMO_WACHTWOORD } from '../db/seed.js';
import { readFileSync } from 'node:fs';
import { ImportFout, importeer } from '../db/repos/import.js';
import { draaiMatching, legRondeVast } from '../db/repos/matching.js';
import { actorVoorEmail, isLeeg, metVoortgang, openOmgeving, seedDemo, vandaag } from './omgeving.js';
import * as s from '../db/schema.js';
import { asc, eq } from 'drizzle-orm';
import { importeerIndicatoren } from '../db/repos/verdeelmodel.js';
import { schrijfAudit } from '../db/repos/audit.js';
import { DomeinFout, geweigerd, ongeldig } from '../domain/fouten.js';
import { isGeldigeDatum } from '../domain/trajecten.js';
import { voerBewaartermijnenUit } from '../jobs/bewaartermijnen.js';
import { herberekenAlleIntervallen, intervallenOntbreken } from '../db/repos/intervallen.js';

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
    const eersteVanSoort = new Set(['Centrumstad', 'Noorddorp', 'Woonstede Rivierland', 'RIBW Rivierland']);
    const voorbeeld = logins.filter((l) => eersteVanSoort.has(l.organisatie));
    for (const l of voorbeeld) console.log(`  ${l.email.padEnd(52)} ${l.rol.padEnd(20)} ${l.organisatie}`);
    console.log(`  … en ${logins.length - voorbeeld.length} andere (zie README)`);
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
    const { database, versleuteling } = await openOmgeving();
    if (!(await isLeeg(database))) {
      console.error('De database bevat al gegevens; verwijder de datamap (data/) om opnieuw te seeden.');
      process.exitCode = 1;
    } else {
      const r = await seedDemo(database, versleuteling, opts.peildatum);
      console.log(`Demoregio aangemaakt: ${JSON.stringify(r.aantallen)}`);
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
    const { database, versleuteling } = await openOmgeving();
    try {
      const actor = await actorVoorEmail(database.db, opts.gebruiker);
      const lees = (pad?: string) => (pad ? readFileSync(pad, 'utf8') : undefined);
      const r = await metVoortgang((balk) =>
        importeer(database.db, actor, versleuteling, { clienten: lees(opts.clienten), gebeurtenissen: lees(opts.gebeurtenissen) }, (klaar, totaal) => balk.update('cliënten', klaar, totaal)),
      );
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
    const { database } = await openOmgeving();
    try {
      const actor = await actorVoorEmail(database.db, opts.gebruiker);
      if (actor.soort !== 'centrumgemeente' || actor.rol !== 'beheerder') throw geweigerd('Alleen een beheerder van de centrumgemeente mag het verdeelmodel importeren.');
      const r = await metVoortgang((balk) =>
        importeerIndicatoren(database.db, actor.regioId, readFileSync(bestand, 'utf8'), opts.bron, (klaar, totaal) => balk.update('gemeenten', klaar, totaal)),
      );
      await schrijfAudit(database.db, actor, 'importeren', 'verdeelmodel_gemeenten', null, { ...r, bestand, via: 'cli' });
      console.log(`Import geslaagd: ${r.aantal} gemeenten, indicatoren ${r.indicatorCodes.join(', ')}.`);
    } finally {
      await database.close();
    }
  });

program
  .command('monitor-herbereken')
  .description('Bouw traject_intervallen (de basis van de monitor) opnieuw op uit alle gebeurtenissen, in één transactie')
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
    const { database } = await openOmgeving();
    try {
      const actor = await actorVoorEmail(database.db, opts.gebruiker);
      if (actor.soort !== 'centrumgemeente' || actor.rol === 'alleen_lezen' || actor.rol === 'consulent') {
        throw geweigerd('Een matchingronde start een medewerker toegang of beheerder van de centrumgemeente');
      }
      const start = performance.now();
      const { resultaat, pseudoniemen, woningAdres } = await draaiMatching(database.db, actor.regioId, opts.peildatum);
      const ms = Math.round(performance.now() - start);
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

async function herbereken(database: Awaited<ReturnType<typeof openOmgeving>>['database']) {
  const start = performance.now();
  const r = await metVoortgang((balk) => database.db.transaction((tx) => herberekenAlleIntervallen(tx, (klaar, totaal) => balk.update('cliënten', klaar, totaal))));
  console.log(`Monitor herberekend: ${r.intervallen} intervallen van ${r.clienten} cliënten in ${((performance.now() - start) / 1000).toFixed(1)} s.`);
}

try {
  await program.parseAsync();
} catch (e) {
  if (!(e instanceof DomeinFout)) throw e;
  // a refusal, not a crash: what was wrong (for an import every line) without a stack trace, and exit code 1
  console.error(e.message);
  if (e instanceof ImportFout) for (const f of e.fouten) console.error(`  ${f.bestand}.csv regel ${f.regel}: ${f.melding}`);
  process.exitCode = 1;
}
