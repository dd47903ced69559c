import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import type { Toestand } from '../../domain/trajecten.js';

/**
 * Writes the state columns of client_stand: for every id the given fold of its events, BEGIN_TOESTAND's values
 * for an id without events. Called by repos/intervallen for every client whose intervals it rewrites, so the
 * current state is kept in the same transaction, in the same places (event, import, seed, rebuild) as the
 * intervals. The client's own columns come from clienten in the same statement, so a row that was somehow
 * missing is created whole.
 */
export async function schrijfStand(db: DbOrTx, clientIds: readonly string[], toestanden: ReadonlyMap<string, Toestand>): Promise<void> {
  if (clientIds.length === 0) return;
  const regels = [...toestanden].map(([clientId, t]) => ({
    client_id: clientId,
    fase: t.fase,
    niveau: t.niveau,
    urgentie: t.urgentie,
    sinds: t.sinds,
    laatste_datum: t.laatsteDatum,
    bestemming: t.bestemming,
    laatste_uitstroom: t.laatsteUitstroom,
  }));
  const ids = sql`array[${sql.join(clientIds.map((id) => sql`${id}`), sql`, `)}]::uuid[]`;
  // keys in a fixed order, so concurrent writers lock rows in the same order
  await db.execute(sql`insert into client_stand as st (client_id, regio_id, pseudoniem, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, geboortedatum,
      fase, niveau, urgentie, sinds, laatste_datum, bestemming, laatste_uitstroom)
    select c.id, c.regio_id, c.pseudoniem, c.herkomstgemeente_id, c.huidige_gemeente_id, c.aanbieder_id, c.doelgroep, c.geboortedatum,
      coalesce(x.fase, 'geen'), x.niveau, coalesce(x.urgentie, 0), x.sinds, x.laatste_datum, x.bestemming, x.laatste_uitstroom
    from clienten c
      left join jsonb_to_recordset(${JSON.stringify(regels)}::jsonb) as x(client_id uuid, fase text, niveau text, urgentie int, sinds date,
        laatste_datum date, bestemming text, laatste_uitstroom date) on x.client_id = c.id
    where c.id = any(${ids})
    order by c.id
    on conflict (client_id) do update set regio_id = excluded.regio_id, pseudoniem = excluded.pseudoniem,
      herkomstgemeente_id = excluded.herkomstgemeente_id, huidige_gemeente_id = excluded.huidige_gemeente_id,
      aanbieder_id = excluded.aanbieder_id, doelgroep = excluded.doelgroep, geboortedatum = excluded.geboortedatum,
      fase = excluded.fase, niveau = excluded.niveau, urgentie = excluded.urgentie, sinds = excluded.sinds,
      laatste_datum = excluded.laatste_datum, bestemming = excluded.bestemming, laatste_uitstroom = excluded.laatste_uitstroom`);
}
