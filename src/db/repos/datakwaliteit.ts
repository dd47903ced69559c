import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import * as s from '../schema.js';
import { clientZicht, type Actor } from '../../domain/auth.js';
import { clientFilter } from './clienten.js';
import { LAATHEID_KLASSEN } from '../../domain/datakwaliteit.js';

/**
 * Data quality for beheerders (issue 15): every figure over the clients the viewer may see (clientFilter), every
 * list names records by pseudonym and id so the page links to the dossier. Duplicates are found on keyed hashes
 * (bsn_hash, the blind name index): no name or BSN is decrypted.
 */
async function rijen<T>(db: DbOrTx, q: SQL): Promise<T[]> {
  return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
}

const zicht = (actor: Actor) => clientFilter(actor, s.clienten);

/**
 * Days between an event's date and its registration (Dutch calendar day), per registering organisation (that of the
 * user when registering). The whole regio is read from monitor_laatheid (ADR 0036); a narrower viewer from
 * monitor_laatheid_zicht, the same counts under every organisation that sees the events' client (ADR 0038). Both are
 * kept by triggers in the writing transaction.
 */
export async function laatheid(db: DbOrTx, actor: Actor, van: string, tot: string) {
  const z = clientZicht(actor);
  if (z.soort === 'geen') return [];
  const klasse = sql.join(
    LAATHEID_KLASSEN.map((k) => sql`coalesce(sum(m.aantal) filter (where m.dagen between ${k.van}::int and ${k.tot}::int), 0)::int as ${sql.raw(`"${k.sleutel}"`)}`),
    sql`, `,
  );
  const [tabel, waar] =
    z.soort === 'regio'
      ? [sql`monitor_laatheid`, sql`m.regio_id = ${z.regioId}`]
      : [sql`monitor_laatheid_zicht`, sql`m.regio_id = ${z.regioId} and m.zicht_id = ${z.soort === 'aanbieder' ? z.aanbiederId : z.gemeenteId}`];
  return rijen<Record<string, number | string | null>>(
    db,
    sql`select coalesce(o.naam, 'Onbekend (import of seed)') as organisatie, sum(m.aantal)::int as totaal, ${klasse},
        round(100.0 * coalesce(sum(m.aantal) filter (where m.dagen = 0), 0) / sum(m.aantal), 1)::float8 as "opTijdPct"
      from ${tabel} m left join organisaties o on o.id = m.organisatie_id
      where ${waar} and m.datum between ${van}::date and ${tot}::date and m.aantal <> 0
      group by o.naam having sum(m.aantal) > 0 order by o.naam nulls last`,
  );
}

export interface ClientVerwijzing {
  id: string;
  pseudoniem: string;
}

/**
 * Missing or unknown fields, each with the first records that have the gap. The counts come from client_ontbrekend
 * (kept by triggers, ADR 0038) under the viewer's own key: the regio for the whole regio, else the viewer's
 * organisation; each list from the gap's own partial index (migration 0036), in pseudoniem order.
 */
export async function ontbrekend(db: DbOrTx, actor: Actor, limiet = 25) {
  const soorten: { sleutel: string; label: string; waar: SQL }[] = [
    { sleutel: 'bsn', label: 'Geen BSN', waar: sql`clienten.bsn_hash is null and clienten.geanonimiseerd_op is null` },
    { sleutel: 'aanbieder', label: 'Geen zorgaanbieder', waar: sql`clienten.aanbieder_id is null` },
    { sleutel: 'woonwensen', label: 'Geen woonwensen', waar: sql`clienten.woonwensen is null` },
    {
      sleutel: 'bestemming',
      label: 'Uitstroom met bestemming onbekend',
      waar: sql`clienten.id in (select e.client_id from traject_events e
        where e.regio_id = ${actor.regioId} and e.soort = 'uitstroom' and (e.bestemming is null or e.bestemming = 'onbekend'))`,
    },
  ];
  const z = clientZicht(actor);
  const zichtId = z.soort === 'regio' ? z.regioId : z.soort === 'aanbieder' ? z.aanbiederId : z.soort === 'gemeente' ? z.gemeenteId : null;
  const tellingen = new Map(
    zichtId === null
      ? []
      : (await rijen<{ soort: string; aantal: number }>(db, sql`select soort, aantal from client_ontbrekend where regio_id = ${actor.regioId} and zicht_id = ${zichtId}`)).map((r) => [r.soort, r.aantal]),
  );
  const uit = [];
  for (const x of soorten) {
    const aantal = tellingen.get(x.sleutel) ?? 0;
    // no record with the gap, no list to look for (an aanbieder's "geen zorgaanbieder" would scan that whole index)
    const voorbeelden =
      aantal === 0 ? [] : await rijen<ClientVerwijzing>(db, sql`select clienten.id, clienten.pseudoniem from clienten where ${zicht(actor)} and ${x.waar} order by clienten.pseudoniem limit ${limiet}`);
    uit.push({ sleutel: x.sleutel, label: x.label, aantal, clienten: voorbeelden });
  }
  return uit;
}

/** Clients in care (in zorg or uitstroomklaar) whose last event lies more than `dagen` days before the peildatum. */
export async function inactief(db: DbOrTx, actor: Actor, peildatum: string, dagen: number, limiet: number, offset: number) {
  const waar = sql`${clientFilter(actor, s.clientStand)} and client_stand.fase in ('in_zorg', 'uitstroomklaar') and client_stand.laatste_datum < ${peildatum}::date - ${dagen}::int`;
  const [telling] = await rijen<{ n: number }>(db, sql`select count(*)::int as n from client_stand where ${waar}`);
  const regels = await rijen<ClientVerwijzing & { fase: string; laatsteDatum: string; dagenStil: number }>(
    db,
    sql`select client_stand.client_id as id, client_stand.pseudoniem, client_stand.fase, client_stand.laatste_datum::text as "laatsteDatum",
        (${peildatum}::date - client_stand.laatste_datum)::int as "dagenStil"
      from client_stand where ${waar}
      order by client_stand.laatste_datum, client_stand.pseudoniem collate "C" limit ${limiet} offset ${offset}`,
  );
  return { totaal: telling!.n, regels };
}

/**
 * Likely duplicates among the visible records: the same BSN hash, or the same birth date and the same set of name
 * tokens in the blind index (the same name, in any order and case, without decrypting it). client_dubbelsleutels
 * (kept by triggers on clienten, ADR 0036) names the keys that two or more records of the regio share; only their
 * records are read, and a group is shown when at least two of them are visible to the viewer.
 */
export async function dubbelen(db: DbOrTx, actor: Actor, limiet = 100) {
  const groepen = (soort: 'bsn' | 'naam', koppel: SQL) =>
    rijen<{ clienten: ClientVerwijzing[] }>(
      db,
      sql`with sleutels as (select d.sleutel from client_dubbelsleutels d where d.regio_id = ${actor.regioId} and d.soort = ${soort} and d.aantal > 1),
          leden as (select s.sleutel, clienten.id, clienten.pseudoniem from sleutels s join clienten on ${koppel} where ${zicht(actor)})
        select json_agg(json_build_object('id', l.id, 'pseudoniem', l.pseudoniem) order by l.pseudoniem) as clienten
        from leden l group by l.sleutel having count(*) > 1 order by min(l.pseudoniem) limit ${limiet}`,
    );
  const bsn = await groepen('bsn', sql`clienten.regio_id = ${actor.regioId} and clienten.bsn_hash = s.sleutel`);
  // naam_sleutel: a hash over the name's token hashes (repos/naamindex), kept with the index in its transaction
  const naam = await groepen(
    'naam',
    sql`clienten.regio_id = ${actor.regioId} and clienten.geboortedatum = left(s.sleutel, 10)::date and clienten.naam_sleutel = substr(s.sleutel, 12)
      and clienten.naam_sleutel is not null and clienten.geanonimiseerd_op is null`,
  );
  return [...bsn.map((g) => ({ reden: 'Zelfde BSN', clienten: g.clienten })), ...naam.map((g) => ({ reden: 'Zelfde naam en geboortedatum', clienten: g.clienten }))];
}
