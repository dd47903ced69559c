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
 * The events of the clients the viewer may see. An event carries its client's regio, so a viewer of the whole regio
 * (the centrumgemeente) reads the events alone, from one index; a narrower viewer is limited by its clients.
 */
function eventZicht(actor: Actor): SQL {
  const z = clientZicht(actor);
  if (z.soort === 'regio') return sql`e.regio_id = ${z.regioId}`;
  return sql`e.regio_id = ${actor.regioId} and e.client_id in (select clienten.id from clienten where ${zicht(actor)})`;
}

/** Days between an event's date and its registration (Dutch calendar day), per registering organisation. */
export async function laatheid(db: DbOrTx, actor: Actor, van: string, tot: string) {
  const klasse = sql.join(
    LAATHEID_KLASSEN.map((k) => sql`count(*) filter (where dagen between ${k.van}::int and ${k.tot}::int)::int as ${sql.raw(`"${k.sleutel}"`)}`),
    sql`, `,
  );
  return rijen<Record<string, number | string | null>>(
    db,
    sql`with e as (
        select greatest(0, ((e.geregistreerd at time zone 'Europe/Amsterdam')::date - e.datum)) as dagen, g.organisatie_id
        from traject_events e
          left join gebruikers g on g.id = e.door_gebruiker_id
        where ${eventZicht(actor)} and e.soort <> 'correctie' and e.datum between ${van}::date and ${tot}::date
      )
      select coalesce(o.naam, 'Onbekend (import of seed)') as organisatie, count(*)::int as totaal, ${klasse},
        round(100.0 * count(*) filter (where dagen = 0) / count(*), 1)::float8 as "opTijdPct"
      from e left join organisaties o on o.id = e.organisatie_id
      group by o.naam order by o.naam nulls last`,
  );
}

export interface ClientVerwijzing {
  id: string;
  pseudoniem: string;
}

/** Missing or unknown fields, each with the first records that have the gap. */
export async function ontbrekend(db: DbOrTx, actor: Actor, limiet = 25) {
  const soorten: { sleutel: string; label: string; waar: SQL }[] = [
    { sleutel: 'bsn', label: 'Geen BSN', waar: sql`clienten.bsn_hash is null and clienten.geanonimiseerd_op is null` },
    { sleutel: 'aanbieder', label: 'Geen zorgaanbieder', waar: sql`clienten.aanbieder_id is null` },
    { sleutel: 'woonwensen', label: 'Geen woonwensen', waar: sql`clienten.woonwensen is null` },
    {
      sleutel: 'bestemming',
      label: 'Uitstroom met bestemming onbekend',
      waar: sql`exists (select 1 from traject_events e where e.client_id = clienten.id and e.soort = 'uitstroom' and (e.bestemming is null or e.bestemming = 'onbekend'))`,
    },
  ];
  // every count in one pass over the visible clients; the examples walk the pseudoniem index and stop at `limiet`
  const [tellingen] = await rijen<Record<string, number>>(
    db,
    sql`select ${sql.join(soorten.map((x) => sql`count(*) filter (where ${x.waar})::int as ${sql.raw(`"${x.sleutel}"`)}`), sql`, `)} from clienten where ${zicht(actor)}`,
  );
  const uit = [];
  for (const x of soorten) {
    const voorbeelden = await rijen<ClientVerwijzing>(db, sql`select clienten.id, clienten.pseudoniem from clienten where ${zicht(actor)} and ${x.waar} order by clienten.pseudoniem limit ${limiet}`);
    uit.push({ sleutel: x.sleutel, label: x.label, aantal: tellingen![x.sleutel]!, clienten: voorbeelden });
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
 * tokens in the blind index (the same name, in any order and case, without decrypting it).
 */
export async function dubbelen(db: DbOrTx, actor: Actor, limiet = 100) {
  // grouping every visible record sorts them all: room in memory instead of a sort on disk (4 MB default)
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '64MB'`);
    return dubbelenIn(tx, actor, limiet);
  });
}

async function dubbelenIn(db: DbOrTx, actor: Actor, limiet: number) {
  // the duplicate keys first (key columns only), then the records of those keys: no list built for every client
  const bsn = await rijen<{ clienten: ClientVerwijzing[] }>(
    db,
    sql`with zichtbaar as (select clienten.id, clienten.pseudoniem, clienten.bsn_hash as sleutel from clienten where ${zicht(actor)} and clienten.bsn_hash is not null),
        dubbel as (select sleutel from zichtbaar group by sleutel having count(*) > 1)
      select json_agg(json_build_object('id', z.id, 'pseudoniem', z.pseudoniem) order by z.pseudoniem) as clienten
      from zichtbaar z join dubbel d on d.sleutel = z.sleutel group by z.sleutel order by min(z.pseudoniem) limit ${limiet}`,
  );
  // naam_sleutel: a hash over the name's token hashes (repos/naamindex), kept with the index in its transaction
  const naam = await rijen<{ clienten: ClientVerwijzing[] }>(
    db,
    sql`with zichtbaar as (
          select clienten.id, clienten.pseudoniem, clienten.geboortedatum, clienten.naam_sleutel from clienten
          where ${zicht(actor)} and clienten.naam_sleutel is not null and clienten.geanonimiseerd_op is null
        ),
        dubbel as (select geboortedatum, naam_sleutel from zichtbaar group by geboortedatum, naam_sleutel having count(*) > 1)
      select json_agg(json_build_object('id', z.id, 'pseudoniem', z.pseudoniem) order by z.pseudoniem) as clienten
      from zichtbaar z join dubbel d on d.geboortedatum = z.geboortedatum and d.naam_sleutel = z.naam_sleutel
      group by z.geboortedatum, z.naam_sleutel order by min(z.pseudoniem) limit ${limiet}`,
  );
  return [...bsn.map((g) => ({ reden: 'Zelfde BSN', clienten: g.clienten })), ...naam.map((g) => ({ reden: 'Zelfde naam en geboortedatum', clienten: g.clienten }))];
}
