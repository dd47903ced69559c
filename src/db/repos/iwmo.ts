import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { naImport } from './import.js';
import * as s from '../schema.js';
import type { Versleuteling } from '../versleuteling.js';
import { magClientZien, type Actor } from '../../domain/auth.js';
import {
  doelgroepVoorCategorie,
  gebeurtenissenVoorStart,
  gebeurtenissenVoorStop,
  gebeurtenissenVoorToewijzing,
  inVolgorde,
  IwmoFouten,
  leesIwmoBericht,
  niveauVoorProduct,
  REDEN_BEEINDIGING,
  type IwmoBericht,
  type IwmoFout,
  type IwmoResultaat,
} from '../../domain/iwmo.js';
import { pasToe, TrajectFout, type Niveau, type Toestand, type TrajectEvent } from '../../domain/trajecten.js';
import { vandaagInNederland } from '../../domain/datums.js';
import { schrijfAudit } from './audit.js';
import { eventRij, nieuwPseudoniem, toestandVan } from './clienten.js';
import { herberekenIntervallen } from './intervallen.js';
import { schrijfNaamIndex } from './naamindex.js';

export interface IwmoBestand {
  naam: string;
  xml: string;
}

export type IwmoVoortgang = (klaar: number, totaal: number) => void;

type ClientRij = typeof s.clienten.$inferSelect;
type ToewijzingRij = typeof s.iwmoToewijzingen.$inferSelect;

interface ClientStaat {
  client: ClientRij;
  toestand: Toestand;
  alAanwezig: Set<string>;
  /** an error made the rest of this client's messages meaningless */
  kapot: boolean;
}

/**
 * Imports iWmo messages (WMO301/305/307), all or nothing: one error anywhere and nothing is stored. The client is
 * matched on the BSN through the keyed hash (`bsn_hash`) within the actor's regio; a WMO301 for an unknown BSN
 * creates the client. Re-importing a message changes nothing (kept in `iwmo_berichten` with its hash), and an event
 * already recorded (same soort and datum) is not recorded twice, as in the CSV import.
 */
export async function importeerIwmo(db: DbOrTx, actor: Actor, v: Versleuteling, bestanden: IwmoBestand[], voortgang?: IwmoVoortgang): Promise<IwmoResultaat> {
  const vandaag = vandaagInNederland();
  const fouten: IwmoFout[] = [];
  const gelezen: IwmoBericht[] = [];
  for (const b of bestanden) {
    const r = leesIwmoBericht(b.naam, b.xml, vandaag);
    fouten.push(...r.fouten);
    if (r.bericht) gelezen.push(r.bericht);
  }
  if (fouten.length) throw new IwmoFouten(fouten);

  return naImport(db, await db.transaction(async (tx) => {
    const resultaat: IwmoResultaat = { berichten: gelezen.length, berichtenAlVerwerkt: 0, clientenNieuw: 0, toewijzingen: 0, gebeurtenissenNieuw: 0, gebeurtenissenAlAanwezig: 0, overgeslagen: [] };
    const orgs = await tx.select().from(s.organisaties).where(eq(s.organisaties.regioId, actor.regioId));
    const gemeenteVan = (code: string) => orgs.find((o) => (o.soort === 'centrumgemeente' || o.soort === 'regiogemeente') && o.gemeenteCode === `GM${code}`);
    const aanbiederVan = (agb: string) => orgs.find((o) => o.soort === 'aanbieder' && o.agbCode === agb);

    // clients by BSN (keyed hash), in one query
    const hashes = [...new Set(gelezen.map((b) => v.zoekHash(b.client.bsn)))];
    const perHash = new Map<string, ClientRij[]>();
    for (let i = 0; i < hashes.length; i += 2000) {
      const rijen = await tx.select().from(s.clienten).where(and(eq(s.clienten.regioId, actor.regioId), inArray(s.clienten.bsnHash, hashes.slice(i, i + 2000))));
      for (const c of rijen) perHash.set(c.bsnHash!, [...(perHash.get(c.bsnHash!) ?? []), c]);
    }
    const staten = new Map<string, ClientStaat>();
    async function staatVan(client: ClientRij): Promise<ClientStaat> {
      const bekend = staten.get(client.id);
      if (bekend) return bekend;
      const vorige = await tx.select().from(s.trajectEvents).where(eq(s.trajectEvents.clientId, client.id)).orderBy(asc(s.trajectEvents.datum), asc(s.trajectEvents.id));
      const staat = { client, toestand: toestandVan(vorige), alAanwezig: new Set(vorige.map((e) => `${e.soort}|${e.datum}`)), kapot: false };
      staten.set(client.id, staat);
      return staat;
    }

    const toewijzingen = new Map<string, ToewijzingRij>();
    const sleutel = (gemeente: string, nummer: string) => `${gemeente}|${nummer}`;
    async function toewijzingVan(gemeente: string, nummer: string): Promise<ToewijzingRij | undefined> {
      const k = sleutel(gemeente, nummer);
      if (!toewijzingen.has(k)) {
        const [rij] = await tx
          .select()
          .from(s.iwmoToewijzingen)
          .where(and(eq(s.iwmoToewijzingen.regioId, actor.regioId), eq(s.iwmoToewijzingen.gemeenteCode, gemeente), eq(s.iwmoToewijzingen.toewijzingNummer, nummer)));
        if (rij) toewijzingen.set(k, rij);
      }
      return toewijzingen.get(k);
    }
    /** toewijzingen of one client as they stand in this import (database plus what this import changed) */
    async function toewijzingenVanClient(clientId: string): Promise<ToewijzingRij[]> {
      const uitDb = await tx.select().from(s.iwmoToewijzingen).where(eq(s.iwmoToewijzingen.clientId, clientId));
      for (const r of uitDb) if (!toewijzingen.has(sleutel(r.gemeenteCode, r.toewijzingNummer))) toewijzingen.set(sleutel(r.gemeenteCode, r.toewijzingNummer), r);
      return [...toewijzingen.values()].filter((t) => t.clientId === clientId);
    }
    const gewijzigdeToewijzingen = new Set<string>();
    const nieuweEvents: (typeof s.trajectEvents.$inferInsert)[] = [];
    const geraakt = new Set<string>();

    /** applies events to a client, as the CSV import: already recorded ones are skipped, a refused one is an error */
    function pasEventsToe(staat: ClientStaat, events: TrajectEvent[], bestand: string, pad: string, toelichting: string, aanbiederId: string | null) {
      for (const e of events) {
        if (staat.alAanwezig.has(`${e.soort}|${e.datum}`)) {
          resultaat.gebeurtenissenAlAanwezig++;
          continue;
        }
        try {
          staat.toestand = pasToe(staat.toestand, e);
        } catch (err) {
          if (!(err instanceof TrajectFout)) throw err;
          fouten.push({ bestand, pad, melding: `${staat.client.pseudoniem}: ${err.message}` });
          staat.kapot = true;
          return;
        }
        staat.alAanwezig.add(`${e.soort}|${e.datum}`);
        resultaat.gebeurtenissenNieuw++;
        geraakt.add(staat.client.id);
        nieuweEvents.push(eventRij(staat.client, { ...e, toelichting, aanbiederId: aanbiederId ?? undefined }, actor));
      }
    }

    const gezien = new Map<string, string>();
    const teBewaren: (typeof s.iwmoBerichten.$inferInsert)[] = [];
    let klaar = 0;
    for (const b of inVolgorde(gelezen)) {
      voortgang?.(++klaar, gelezen.length);
      const h = b.header;
      const fout = (pad: string, melding: string) => fouten.push({ bestand: b.bestand, pad, melding });
      const id = `${h.berichtcode}|${h.afzender}|${h.identificatie}`;
      const dubbel = gezien.get(id);
      if (dubbel !== undefined) {
        if (dubbel !== b.hash) fout('Bericht/Header/BerichtIdentificatie/Identificatie', `bericht ${h.identificatie} van ${h.afzender} staat twee keer in deze import, met verschillende inhoud`);
        else resultaat.berichtenAlVerwerkt++;
        continue;
      }
      gezien.set(id, b.hash);
      const [eerder] = await tx
        .select()
        .from(s.iwmoBerichten)
        .where(and(eq(s.iwmoBerichten.regioId, actor.regioId), eq(s.iwmoBerichten.berichtcode, h.berichtcode), eq(s.iwmoBerichten.afzender, h.afzender), eq(s.iwmoBerichten.identificatie, h.identificatie)));
      if (eerder) {
        if (eerder.inhoudHash !== b.hash) fout('Bericht/Header/BerichtIdentificatie/Identificatie', `bericht ${h.identificatie} van ${h.afzender} is al eerder verwerkt met een andere inhoud; een wijziging komt als nieuw bericht`);
        else resultaat.berichtenAlVerwerkt++;
        continue;
      }
      teBewaren.push({ regioId: actor.regioId, berichtcode: h.berichtcode, afzender: h.afzender, identificatie: h.identificatie, dagtekening: h.dagtekening, inhoudHash: b.hash, verwerktDoor: actor.gebruikerId });

      const gemeentePad = b.soort === 'WMO301' ? 'Bericht/Header/Afzender' : 'Bericht/Header/Ontvanger';
      const gemeente = gemeenteVan(h.gemeente);
      if (!gemeente) {
        fout(gemeentePad, `gemeente ${h.gemeente} (GM${h.gemeente}) hoort niet bij deze regio`);
        continue;
      }
      const aanbieder = aanbiederVan(h.agb);
      const aanbiederId = aanbieder?.id ?? (actor.soort === 'aanbieder' ? actor.organisatieId : null);

      const kandidaten = perHash.get(v.zoekHash(b.client.bsn)) ?? [];
      if (kandidaten.length > 1) {
        fout('Bericht/Client/Bsn', `dit BSN hoort bij ${kandidaten.length} cliënten in de regio (${kandidaten.map((c) => c.pseudoniem).join(', ')}); voeg ze eerst samen`);
        continue;
      }
      let client = kandidaten[0];
      if (client && !magClientZien(actor, client)) {
        fout('Bericht/Client/Bsn', 'cliënt valt buiten het zicht van uw organisatie');
        continue;
      }

      if (b.soort === 'WMO301') {
        const relevant = b.producten.map((p) => ({ p, n: niveauVoorProduct(p.categorie, p.code) }));
        for (const { p, n } of relevant) if ('overslaan' in n) resultaat.overgeslagen.push({ bestand: b.bestand, pad: p.pad, reden: n.overslaan });
        const metNiveau = relevant.filter((x): x is { p: (typeof x)['p']; n: { niveau: Niveau } } => 'niveau' in x.n);
        if (metNiveau.length === 0) continue;
        if (!client) {
          const sleutels = { regioId: actor.regioId, herkomstgemeenteId: gemeente.id, huidigeGemeenteId: gemeente.id, aanbiederId };
          if (!magClientZien(actor, sleutels)) {
            fout(gemeentePad, 'een nieuwe cliënt van deze gemeente valt buiten het zicht van uw organisatie');
            continue;
          }
          const [nieuw] = await tx
            .insert(s.clienten)
            .values({
              ...sleutels,
              pseudoniem: nieuwPseudoniem(),
              naamVersleuteld: v.versleutel(b.client.naam),
              bsnVersleuteld: v.versleutel(b.client.bsn),
              bsnHash: v.zoekHash(b.client.bsn),
              geboortedatum: b.client.geboortedatum,
              doelgroep: doelgroepVoorCategorie(metNiveau[0]!.p.categorie),
            })
            .returning();
          client = nieuw!;
          await schrijfNaamIndex(tx, [{ clientId: client.id, naam: b.client.naam }], v);
          perHash.set(client.bsnHash!, [client]);
          resultaat.clientenNieuw++;
          geraakt.add(client.id);
        }
        const staat = await staatVan(client);
        for (const { p, n } of metNiveau) {
          if (staat.kapot) break;
          const bestaand = await toewijzingVan(h.gemeente, p.nummer);
          if (bestaand && bestaand.clientId !== client.id) {
            fout(`${p.pad}/ToewijzingNummer`, `toewijzing ${p.nummer} van gemeente ${h.gemeente} hoort al bij een andere cliënt`);
            continue;
          }
          const rij: ToewijzingRij = {
            regioId: actor.regioId,
            gemeenteCode: h.gemeente,
            toewijzingNummer: p.nummer,
            clientId: client.id,
            productcategorie: p.categorie,
            productcode: p.code,
            niveau: n.niveau,
            ingangsdatum: p.ingangsdatum,
            einddatum: p.einddatum,
            begindatum: bestaand?.begindatum ?? null,
            stopdatum: bestaand?.stopdatum ?? null,
            redenBeeindiging: bestaand?.redenBeeindiging ?? null,
          };
          toewijzingen.set(sleutel(h.gemeente, p.nummer), rij);
          gewijzigdeToewijzingen.add(sleutel(h.gemeente, p.nummer));
          resultaat.toewijzingen++;
          if (bestaand) continue; // a changed toewijzing (einddatum, omvang): the trajectory stays as it is
          pasEventsToe(staat, gebeurtenissenVoorToewijzing(staat.toestand, n.niveau, p.toewijzingsdatum), b.bestand, p.pad, `iWmo WMO301 toewijzing ${p.nummer} (product ${p.categorie}${p.code ? `/${p.code}` : ''})`, aanbiederId);
        }
        continue;
      }

      // WMO305 / WMO307: the toewijzing tells client and niveau
      for (const p of b.producten) {
        const t = await toewijzingVan(h.gemeente, p.nummer);
        if (!t) {
          const n = p.categorie ? niveauVoorProduct(p.categorie, p.code) : null;
          if (n && 'overslaan' in n) resultaat.overgeslagen.push({ bestand: b.bestand, pad: p.pad, reden: n.overslaan });
          else fout(`${p.pad}/ToewijzingNummer`, `toewijzing ${p.nummer} van gemeente ${h.gemeente} is onbekend; importeer eerst het WMO301-bericht`);
          continue;
        }
        if (!client || client.id !== t.clientId) {
          fout('Bericht/Client/Bsn', `het BSN hoort niet bij de cliënt van toewijzing ${p.nummer}`);
          continue;
        }
        const staat = await staatVan(client);
        if (staat.kapot) break;
        const niveau = t.niveau as Niveau;
        const k = sleutel(h.gemeente, p.nummer);
        if (b.soort === 'WMO305') {
          toewijzingen.set(k, { ...t, begindatum: p.begindatum });
          gewijzigdeToewijzingen.add(k);
          pasEventsToe(staat, gebeurtenissenVoorStart(staat.toestand, niveau, p.begindatum), b.bestand, p.pad, `iWmo WMO305 start toewijzing ${p.nummer}`, aanbiederId);
        } else {
          const stop = p as (typeof b.producten)[number];
          const reden = REDEN_BEEINDIGING[stop.redenBeeindiging]!;
          toewijzingen.set(k, { ...t, begindatum: t.begindatum ?? stop.begindatum, stopdatum: stop.einddatum, redenBeeindiging: stop.redenBeeindiging });
          gewijzigdeToewijzingen.add(k);
          const anderLoopt = (await toewijzingenVanClient(client.id)).some((x) => x.toewijzingNummer !== p.nummer && x.begindatum && !x.stopdatum);
          const events = gebeurtenissenVoorStop(reden, stop.einddatum, anderLoopt);
          if (events.length === 0) {
            resultaat.overgeslagen.push({ bestand: b.bestand, pad: p.pad, reden: anderLoopt ? 'er loopt nog een ander product beschermd wonen of opvang' : reden.gevolg === 'geen' ? reden.waarom : '' });
          }
          pasEventsToe(staat, events, b.bestand, p.pad, `iWmo WMO307 stop toewijzing ${p.nummer}: ${reden.omschrijving}`, aanbiederId);
        }
      }
    }
    if (fouten.length) throw new IwmoFouten(fouten);

    for (const k of gewijzigdeToewijzingen) {
      const rij = toewijzingen.get(k)!;
      await tx
        .insert(s.iwmoToewijzingen)
        .values(rij)
        .onConflictDoUpdate({
          target: [s.iwmoToewijzingen.regioId, s.iwmoToewijzingen.gemeenteCode, s.iwmoToewijzingen.toewijzingNummer],
          set: { productcategorie: rij.productcategorie, productcode: rij.productcode, niveau: rij.niveau, ingangsdatum: rij.ingangsdatum, einddatum: rij.einddatum, begindatum: rij.begindatum, stopdatum: rij.stopdatum, redenBeeindiging: rij.redenBeeindiging },
        });
    }
    for (let i = 0; i < nieuweEvents.length; i += 500) await tx.insert(s.trajectEvents).values(nieuweEvents.slice(i, i + 500));
    for (const staat of staten.values()) {
      if (staat.toestand.urgentie !== staat.client.urgentie) await tx.update(s.clienten).set({ urgentie: staat.toestand.urgentie }).where(eq(s.clienten.id, staat.client.id));
    }
    await herberekenIntervallen(tx, [...geraakt]);
    if (teBewaren.length) await tx.insert(s.iwmoBerichten).values(teBewaren);

    const pseudoniemen = [...staten.values()].filter((x) => geraakt.has(x.client.id)).map((x) => x.client.pseudoniem);
    await schrijfAudit(tx, actor, {
      actie: 'importeren',
      entiteit: 'client',
      doel: 'toegang_beoordeling',
      pseudoniemen,
      details: { bron: 'iwmo', ...resultaat, overgeslagen: resultaat.overgeslagen.length, bestanden: bestanden.map((b) => b.naam) },
    });
    return resultaat;
  }));
}
