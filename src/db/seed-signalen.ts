import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx as Db } from './client.js';
import * as s from './schema.js';
import { prng } from '../domain/random.js';
import type { OrganisatieSoort } from '../domain/auth.js';
import {
  nieuweDeadline,
  lokaleTijdTekst,
  OVERGANGEN,
  samenvatting,
  SIGNAAL_SOORT_LABEL,
  STANDAARD_AFSPRAKEN,
  vanLokaleTijd,
  type SignaalActie,
  type SignaalDetails,
  type SignaalSoort,
  type SignaalStatus,
  signaalLink,
} from '../domain/signalen.js';

export interface SeedSignalenOpties {
  regioId: string;
  organisaties: Record<string, { id: string; soort: OrganisatieSoort }>;
  peildatum: string;
  seed: number;
  aantal?: number;
}

const TOELICHTINGEN: Record<SignaalSoort, string[]> = {
  huurachterstand: ['Twee herinneringen onbeantwoord', 'Automatische incasso gestorneerd', 'Betalingsregeling niet nagekomen'],
  overlast: ['Meerdere klachten van buren', 'Melding via wijkagent', 'Portiek vervuild, buren klagen'],
  zorgmijding: ['Bewoner doet niet open bij huisbezoek', 'Afspraken met begeleiding afgezegd'],
  overig: ['Zorgen over verwaarlozing van de woning', 'Onbekenden verblijven in de woning', 'Bewoner lijkt de woning te hebben verlaten'],
};

/**
 * Agreed response times and ~30 signals on existing placements, in every state, with a consistent history:
 * each step lies before the peildatum and the deadlines follow the same domain rules as live signals.
 * Cheap (a handful of inserts) and deterministic apart from generated ids.
 */
export async function seedSignalen(db: Db, o: SeedSignalenOpties) {
  const r = prng((o.seed ^ 0x5167_ac1d) >>> 0);
  await db.insert(s.procesafspraken).values(Object.values(STANDAARD_AFSPRAKEN).map((a) => ({ regioId: o.regioId, ...a })));

  const plaatsingen = await db
    .select({
      id: s.plaatsingen.id,
      aanbiederId: s.plaatsingen.aanbiederId,
      clientId: s.plaatsingen.clientId,
      corporatieId: s.woningen.corporatieId,
      gemeenteId: s.woningen.gemeenteId,
      pseudoniem: s.clienten.pseudoniem,
      adres: s.woningen.adres,
    })
    .from(s.plaatsingen)
    .innerJoin(s.woningen, eq(s.woningen.id, s.plaatsingen.woningId))
    .innerJoin(s.clienten, eq(s.clienten.id, s.plaatsingen.clientId))
    .where(and(eq(s.plaatsingen.regioId, o.regioId), isNotNull(s.plaatsingen.aanbiederId)))
    .orderBy(asc(s.clienten.pseudoniem), asc(s.plaatsingen.startdatum));
  if (!plaatsingen.length) return { signalen: 0, schulden: 0 };

  const orgIds = Object.values(o.organisaties).map((x) => x.id);
  const gebruikers = await db
    .select({ id: s.gebruikers.id, organisatieId: s.gebruikers.organisatieId, rol: s.gebruikers.rol })
    .from(s.gebruikers)
    .where(inArray(s.gebruikers.organisatieId, orgIds))
    .orderBy(asc(s.gebruikers.email));
  const medewerker = (org: string) =>
    (gebruikers.find((g) => g.organisatieId === org && (g.rol === 'consulent' || g.rol === 'medewerker_toegang')) ?? gebruikers.find((g) => g.organisatieId === org))?.id ?? null;
  const centrumId = Object.values(o.organisaties).find((x) => x.soort === 'centrumgemeente')!.id;

  // "now" for the history: the start of the peildatum in local time, so nothing lies in the future
  const [jaar, maand, dag] = o.peildatum.split('-').map(Number) as [number, number, number];
  const nu = vanLokaleTijd({ jaar, maand, dag, uur: 0, minuut: 0, seconde: 0, milli: 0 });
  const uur = 3_600_000;
  const terug = (uren: number) => new Date(nu.getTime() - uren * uur);

  const signaalRijen: (typeof s.signalen.$inferInsert)[] = [];
  const stapRijen: (typeof s.signaalStappen.$inferInsert)[] = [];
  const meldingRijen: (typeof s.meldingen.$inferInsert)[] = [];
  const aantal = o.aantal ?? Math.min(30, Math.max(4, plaatsingen.length));
  let teLaat = 0;

  for (let i = 0; i < aantal; i++) {
    const p = plaatsingen[(i * 7 + r.int(0, 3)) % plaatsingen.length]!;
    const soort: SignaalSoort = r.weighted([['huurachterstand', 10], ['overlast', 10], ['zorgmijding', 5], ['overig', 3]] as const);
    const toelichting = r.pick(TOELICHTINGEN[soort]);
    const details: SignaalDetails =
      soort === 'huurachterstand'
        ? { soort, bedragCenten: r.int(2, 9) * r.int(400, 700) * 100, maanden: r.int(2, 5), toelichting }
        : soort === 'overlast'
          ? { soort, categorie: r.weighted([['geluid', 5], ['vervuiling', 3], ['agressie', 1], ['overig', 1]] as const), toelichting }
          : soort === 'zorgmijding'
            ? { soort, toelichting }
            : { soort, toelichting };
    const melder = r.weighted([[p.corporatieId, 7], [p.gemeenteId, 2], [centrumId, 1]] as const);
    const afspraak = STANDAARD_AFSPRAKEN[soort];
    const doel: SignaalStatus = r.weighted([['gemeld', 5], ['opgepakt', 5], ['in_behandeling', 7], ['opgelost', 8], ['geescaleerd', 5]] as const);

    // the life of the signal as (actie, hours before now); times increase along the list
    const dagen = afspraak.oplosDagen * 24;
    let start: number;
    const acties: [SignaalActie, number][] = [];
    switch (doel) {
      case 'gemeld':
        // the first two open reports are already late: the scheduler escalates them on its first run
        start = teLaat < 2 ? afspraak.reactieUren + r.int(1, 12) : r.int(1, afspraak.reactieUren - 1);
        if (teLaat < 2) teLaat++;
        break;
      case 'opgepakt':
      case 'in_behandeling': {
        const opgepakt = r.int(2, dagen - 24);
        start = opgepakt + r.int(1, afspraak.reactieUren - 1);
        acties.push(['oppakken', opgepakt]);
        if (doel === 'in_behandeling') acties.push(['behandelen', opgepakt - 1]);
        break;
      }
      case 'opgelost': {
        const opgepakt = dagen + r.int(24, 40 * 24);
        start = opgepakt + r.int(1, afspraak.reactieUren - 1);
        acties.push(['oppakken', opgepakt], ['behandelen', opgepakt - r.int(1, 12)], ['oplossen', opgepakt - r.int(48, dagen - 24)]);
        break;
      }
      default: {
        if (r.chance(0.5)) {
          start = afspraak.reactieUren + r.int(24, 20 * 24);
          acties.push(['escaleren', start - afspraak.reactieUren - 0.05]);
        } else {
          const opgepakt = dagen + r.int(24, 20 * 24);
          start = opgepakt + r.int(1, afspraak.reactieUren - 1);
          acties.push(['oppakken', opgepakt], ['behandelen', opgepakt - 2], ['escaleren', opgepakt - dagen - 0.05]);
        }
      }
    }

    const id = crypto.randomUUID();
    const aangemaakt = terug(start);
    let status: SignaalStatus = 'gemeld';
    let deadline = nieuweDeadline(null, 'gemeld', aangemaakt, afspraak)!;
    stapRijen.push({ signaalId: id, status, tijdstip: aangemaakt, doorGebruikerId: medewerker(melder), toelichting });
    for (const [actie, urenTerug] of acties) {
      let moment = terug(urenTerug);
      // an automatic escalation happens just after the deadline passed, as the scheduler would have done it
      if (actie === 'escaleren') moment = new Date(deadline.getTime() + 60_000);
      const naar = OVERGANGEN[actie].naar;
      const verstreken = deadline;
      deadline = nieuweDeadline(status, naar, moment, afspraak) ?? deadline;
      stapRijen.push({
        signaalId: id,
        status: naar,
        tijdstip: moment,
        doorGebruikerId: actie === 'escaleren' ? null : medewerker(p.aanbiederId!),
        toelichting: actie === 'escaleren' ? `Automatisch geëscaleerd: ${status === 'gemeld' ? 'reactietermijn' : 'oplostermijn'} verstreken op ${lokaleTijdTekst(verstreken)}` : null,
      });
      status = naar;
    }
    const versie = acties.length + 1;
    signaalRijen.push({ id, regioId: o.regioId, plaatsingId: p.id, melderOrganisatieId: melder, aanbiederId: p.aanbiederId!, soort, details, status, deadline, versie, aangemaakt });
    // inbox items as the live flow would have left them, with the same keys, so nothing is sent twice later
    const ontvanger = status === 'geescaleerd' ? centrumId : status === 'gemeld' ? p.aanbiederId! : null;
    if (ontvanger) {
      meldingRijen.push({
        organisatieId: ontvanger,
        titel: status === 'gemeld' ? `Nieuw signaal: ${SIGNAAL_SOORT_LABEL[soort].toLowerCase()}` : 'Signaal geëscaleerd: termijn verstreken',
        tekst: `${samenvatting(details)} bij ${p.pseudoniem}, ${p.adres}.`,
        link: signaalLink(id),
        sleutel: `signaal:${id}:v${versie}:${ontvanger}`,
        aangemaakt: stapRijen.at(-1)!.tijdstip as Date,
      });
    }
  }
  await db.insert(s.signalen).values(signaalRijen);
  await db.insert(s.signaalStappen).values(stapRijen);
  if (meldingRijen.length) await db.insert(s.meldingen).values(meldingRijen);

  // old debts for some placed tenants: most have an arrangement, a few are still open
  const schuldRijen: (typeof s.schuldregelingen.$inferInsert)[] = [];
  for (let i = 0; i < Math.min(12, plaatsingen.length); i++) {
    const p = plaatsingen[(i * 5 + 3) % plaatsingen.length]!;
    schuldRijen.push({
      regioId: o.regioId,
      clientId: p.clientId,
      schuldeiser: r.pick(['Eerdere verhuurder', 'Zorgverzekeraar', 'Energieleverancier', 'CJIB', 'Belastingdienst Toeslagen']),
      bedragCenten: r.int(150, 4500) * 100,
      regeling: r.pick(['Minnelijke schuldregeling via gemeente', 'Betalingsregeling € 50 per maand', 'Budgetbeheer door aanbieder', 'WSNP aangevraagd']),
      status: r.weighted([['regeling_getroffen', 6], ['afgelost', 2], ['open', 3]] as const),
    });
  }
  if (schuldRijen.length) await db.insert(s.schuldregelingen).values(schuldRijen);
  return { signalen: signaalRijen.length, schulden: schuldRijen.length };
}
