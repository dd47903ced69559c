import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { hash } from '@node-rs/argon2';
import { and, eq, ilike } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../db/client.js';
import * as s from '../db/schema.js';
import { auditWaarden } from '../db/repos/audit.js';
import { DEMO_WACHTWOORD } from '../db/seed.js';
import { isGemeente, ORGANISATIE_SOORTEN, SOORT_LABEL, type OrganisatieSoort } from '../domain/auth.js';
import type { AuditInvoer } from '../db/repos/audit.js';
import type { Herkomst } from '../domain/audit.js';
import { conflict, ongeldig } from '../domain/fouten.js';
import { wachtwoordBezwaar } from '../domain/wachtwoord.js';
import { mfaVerplicht } from '../domain/mfa.js';

/**
 * The way into a production database, which starts without organisations or users: the centrumgemeente (and its
 * region) and its first beheerder are made on the command line, by whoever runs the server. The account gets no second
 * factor here: a beheerder must have one (ADR 0015), so the first login stops after the password and asks to enrol
 * TOTP (scan the QR code, confirm with a code, keep the recovery codes), exactly as for any account without one.
 * Every creation is an audit row: no user's rights were used, so the row names the operator (OS user and machine).
 */

const emailSchema = z.string().trim().toLowerCase().email('E-mailadres: geen geldig e-mailadres').max(200, 'E-mailadres: hoogstens 200 tekens');
const naamSchema = z.string().trim().min(1, 'Naam: vul een naam in').max(200, 'Naam: hoogstens 200 tekens');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function geldig<T>(schema: z.ZodType<T>, waarde: unknown): T {
  const r = schema.safeParse(waarde);
  if (!r.success) throw ongeldig(r.error.issues[0]!.message);
  return r.data;
}

/** An audit row of the command line: organisation and region as context, no user (nobody's rights were used). */
async function auditCli(db: DbOrTx, waar: { organisatieId: string; regioId: string }, herkomst: Herkomst, r: AuditInvoer) {
  await db.insert(s.auditLog).values({ ...auditWaarden({ gebruikerId: '', ...waar, herkomst }, r), gebruikerId: null });
}

export interface OrganisatieInvoer {
  regio: string;
  naam: string;
  soort: string;
  gemeentecode?: string;
  agb?: string;
}

export async function maakOrganisatie(db: Db, invoer: OrganisatieInvoer, herkomst: Herkomst) {
  const regioNaam = geldig(naamSchema, invoer.regio);
  const naam = geldig(naamSchema, invoer.naam);
  if (!(ORGANISATIE_SOORTEN as readonly string[]).includes(invoer.soort)) throw ongeldig(`Soort: '${invoer.soort}' bestaat niet; kies uit ${ORGANISATIE_SOORTEN.join(', ')}`);
  const soort = invoer.soort as OrganisatieSoort;
  const gemeenteCode = invoer.gemeentecode?.trim().toUpperCase() || null;
  if (isGemeente(soort) && !gemeenteCode) throw ongeldig('Gemeentecode: verplicht voor een gemeente (CBS-code, bijv. GM0344)');
  if (gemeenteCode && !/^GM\d{4}$/.test(gemeenteCode)) throw ongeldig(`Gemeentecode: '${invoer.gemeentecode}' is geen CBS-gemeentecode (GM en vier cijfers, bijv. GM0344)`);
  if (gemeenteCode && !isGemeente(soort)) throw ongeldig('Gemeentecode: alleen een gemeente heeft een gemeentecode');
  const agbCode = invoer.agb?.trim() || null;
  if (agbCode && soort !== 'aanbieder') throw ongeldig('AGB-code: alleen een zorgaanbieder heeft een AGB-code');
  if (agbCode && !/^\d{8}$/.test(agbCode)) throw ongeldig(`AGB-code: '${agbCode}' is geen AGB-code (acht cijfers)`);

  return db.transaction(async (tx) => {
    let [regio] = await tx.select().from(s.regios).where(eq(s.regios.naam, regioNaam));
    let regioNieuw = false;
    if (!regio) {
      // a region begins with its centrumgemeente: it holds the regional tasks (toegang, matching, verdeelmodel)
      if (soort !== 'centrumgemeente') throw ongeldig(`Regio '${regioNaam}' bestaat nog niet; maak eerst de centrumgemeente aan (--soort centrumgemeente), die de regio begint`);
      [regio] = await tx.insert(s.regios).values({ naam: regioNaam }).returning();
      regioNieuw = true;
    }
    const bestaande = await tx.select({ naam: s.organisaties.naam, soort: s.organisaties.soort }).from(s.organisaties).where(eq(s.organisaties.regioId, regio!.id));
    if (bestaande.some((o) => o.naam.toLowerCase() === naam.toLowerCase())) throw conflict(`Organisatie '${naam}' bestaat al in regio '${regioNaam}'`);
    const centrum = bestaande.find((o) => o.soort === 'centrumgemeente');
    if (soort === 'centrumgemeente' && centrum) throw conflict(`Regio '${regioNaam}' heeft al een centrumgemeente (${centrum.naam}); een regio heeft er één`);
    const [org] = await tx.insert(s.organisaties).values({ regioId: regio!.id, naam, soort, gemeenteCode, agbCode }).returning();
    const waar = { organisatieId: org!.id, regioId: regio!.id };
    if (regioNieuw) await auditCli(tx, waar, herkomst, { actie: 'aanmaken', entiteit: 'regio', entiteitId: regio!.id, doel: 'beheer', details: { naam: regioNaam } });
    await auditCli(tx, waar, herkomst, { actie: 'aanmaken', entiteit: 'organisatie', entiteitId: org!.id, doel: 'beheer', details: { naam, soort } });
    return { organisatie: org!, regio: regio!, regioNieuw };
  });
}

export interface BeheerderInvoer {
  /** name or id of the organisation */
  organisatie: string;
  regio?: string;
  email: string;
  naam: string;
  wachtwoord: string;
  productie: boolean;
}

export async function maakBeheerder(db: Db, invoer: BeheerderInvoer, herkomst: Herkomst) {
  const email = geldig(emailSchema, invoer.email);
  const naam = geldig(naamSchema, invoer.naam);
  // start refuses a production database with .demo accounts (their password is public): never make one there
  if (invoer.productie && /\.demo$/i.test(email)) throw ongeldig(`E-mailadres: ${email} is een demo-adres (.demo); in productie (NODE_ENV=production) geen demo-accounts`);
  const bezwaar = wachtwoordBezwaar(invoer.wachtwoord, { email, naam, openbaar: [DEMO_WACHTWOORD] });
  if (bezwaar) throw ongeldig(bezwaar);
  const org = await zoekOrganisatie(db, invoer.organisatie, invoer.regio);
  // argon2id with the library's defaults, as the login verifies (and as the seed hashes)
  const wachtwoordHash = await hash(invoer.wachtwoord);
  const gebruiker = await db.transaction(async (tx) => {
    const [bestaat] = await tx.select({ id: s.gebruikers.id }).from(s.gebruikers).where(eq(s.gebruikers.email, email));
    if (bestaat) throw conflict(`E-mailadres: er is al een account met ${email}`);
    const [nieuw] = await tx.insert(s.gebruikers).values({ organisatieId: org.id, email, naam, rol: 'beheerder', wachtwoordHash }).returning({ id: s.gebruikers.id });
    await auditCli(tx, { organisatieId: org.id, regioId: org.regioId }, herkomst, {
      actie: 'aanmaken',
      entiteit: 'gebruiker',
      entiteitId: nieuw!.id,
      doel: 'beheer',
      details: { rol: 'beheerder', organisatie: org.naam },
    });
    return nieuw!;
  });
  const mfa = mfaVerplicht({ gebruikerId: gebruiker.id, organisatieId: org.id, regioId: org.regioId, soort: org.soort as OrganisatieSoort, rol: 'beheerder' });
  return { gebruikerId: gebruiker.id, email, organisatie: org, mfaBijEersteLogin: mfa };
}

async function zoekOrganisatie(db: Db, naamOfId: string, regio?: string) {
  const velden = { id: s.organisaties.id, naam: s.organisaties.naam, soort: s.organisaties.soort, regioId: s.organisaties.regioId, regio: s.regios.naam };
  const basis = db.select(velden).from(s.organisaties).innerJoin(s.regios, eq(s.regios.id, s.organisaties.regioId));
  const zoek = naamOfId.trim();
  const rijen = UUID.test(zoek)
    ? await basis.where(eq(s.organisaties.id, zoek))
    : await basis.where(regio ? and(ilike(s.organisaties.naam, zoek.replace(/[\\%_]/g, '\\$&')), eq(s.regios.naam, regio.trim())) : ilike(s.organisaties.naam, zoek.replace(/[\\%_]/g, '\\$&')));
  if (rijen.length === 0) {
    const alle = await db.select({ n: s.organisaties.id }).from(s.organisaties).limit(1);
    throw ongeldig(
      alle.length
        ? `Organisatie '${zoek}'${regio ? ` in regio '${regio}'` : ''} bestaat niet (geef de naam of het id)`
        : `Organisatie '${zoek}' bestaat niet: de database heeft nog geen organisaties. Maak eerst de centrumgemeente aan met organisatie-aanmaken.`,
    );
  }
  if (rijen.length > 1) throw ongeldig(`Organisatie '${zoek}' bestaat in meer regio's (${rijen.map((r) => `${r.regio}: ${r.id}`).join(', ')}); geef --regio of het id`);
  return rijen[0]!;
}

export const soortLabel = (soort: string) => SOORT_LABEL[soort as OrganisatieSoort] ?? soort;

/**
 * The password, never on the command line (it would land in the shell history and in `ps`): from
 * DOORSTROOM_WACHTWOORD (scripts, CI), from standard input with --wachtwoord-stdin (first line), or typed twice
 * without echo on a terminal.
 */
export async function leesWachtwoord(opties: { stdin?: boolean; email?: string; naam?: string }): Promise<string> {
  const uitOmgeving = process.env.DOORSTROOM_WACHTWOORD;
  if (opties.stdin) return leesEersteRegel();
  if (uitOmgeving !== undefined) return uitOmgeving;
  if (!process.stdin.isTTY) {
    throw ongeldig('Wachtwoord: geen terminal om het te vragen; zet DOORSTROOM_WACHTWOORD of geef het via standaardinvoer met --wachtwoord-stdin.');
  }
  const eerste = await vraagVerborgen('Wachtwoord (minstens 12 tekens, wordt niet getoond): ');
  const bezwaar = wachtwoordBezwaar(eerste, { email: opties.email, naam: opties.naam, openbaar: [DEMO_WACHTWOORD] });
  if (bezwaar) throw ongeldig(bezwaar);
  const tweede = await vraagVerborgen('Nogmaals ter controle: ');
  if (eerste !== tweede) throw ongeldig('Wachtwoord: de twee invoeren verschillen; er is niets aangemaakt.');
  return eerste;
}

async function leesEersteRegel(): Promise<string> {
  let tekst = '';
  for await (const stuk of process.stdin) {
    tekst += String(stuk);
    if (tekst.includes('\n')) break;
  }
  const regel = tekst.split(/\r?\n/)[0] ?? '';
  if (!regel) throw ongeldig('Wachtwoord: standaardinvoer is leeg (--wachtwoord-stdin leest de eerste regel).');
  return regel;
}

/** A prompt whose answer is not echoed: readline writes through an output that drops everything after the question. */
function vraagVerborgen(vraag: string): Promise<string> {
  let stil = false;
  const uitvoer = new Writable({
    write(stuk, _codering, klaar) {
      if (!stil) process.stdout.write(stuk);
      klaar();
    },
  });
  const rl = createInterface({ input: process.stdin, output: uitvoer, terminal: true });
  return new Promise((klaar, mislukt) => {
    rl.on('SIGINT', () => {
      rl.close();
      process.stdout.write('\n');
      mislukt(ongeldig('Afgebroken; er is niets aangemaakt.'));
    });
    rl.question(vraag, (antwoord) => {
      rl.close();
      process.stdout.write('\n');
      klaar(antwoord);
    });
    stil = true;
  });
}
