#!/usr/bin/env node
import { Command } from 'commander';
import { bouwApp } from '../api/app.js';
import { DEMO_WACHTWOORD } from '../db/seed.js';
import { isLeeg, openOmgeving, seedDemo, vandaag } from './omgeving.js';
import * as s from '../db/schema.js';
import { asc, eq } from 'drizzle-orm';

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
    const app = await bouwApp({ db: database.db, versleuteling, vandaag }, { logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
    await app.listen({ port: Number(opts.port), host: opts.host });
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

await program.parseAsync();
