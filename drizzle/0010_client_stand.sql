-- Read path at region scale: a current-state row per client (filter, sort and page in SQL) and a keyed blind
-- index of name tokens (search without decrypting). See docs/adr/0010-clientstand-en-naamindex.md.
CREATE TABLE "client_stand" (
	"client_id" uuid PRIMARY KEY NOT NULL REFERENCES "clienten"("id") ON DELETE CASCADE,
	"regio_id" uuid NOT NULL,
	"pseudoniem" text NOT NULL,
	"herkomstgemeente_id" uuid NOT NULL,
	"huidige_gemeente_id" uuid NOT NULL,
	"aanbieder_id" uuid,
	"doelgroep" text NOT NULL,
	"geboortedatum" date NOT NULL,
	"fase" text DEFAULT 'geen' NOT NULL,
	"niveau" text,
	"urgentie" integer DEFAULT 0 NOT NULL,
	"sinds" date,
	"laatste_datum" date,
	"bestemming" text,
	"laatste_uitstroom" date
);
--> statement-breakpoint
-- "C" collation: byte order, the order of the domain's tie-break (wachtlijst.vergelijkPrioriteit) on every server
CREATE INDEX "client_stand_regio_pseudoniem_idx" ON "client_stand" ("regio_id", "pseudoniem" COLLATE "C");
--> statement-breakpoint
CREATE INDEX "client_stand_regio_fase_idx" ON "client_stand" ("regio_id", "fase", "urgentie", "sinds");
--> statement-breakpoint
CREATE INDEX "client_stand_herkomst_idx" ON "client_stand" ("herkomstgemeente_id");
--> statement-breakpoint
CREATE INDEX "client_stand_huidige_idx" ON "client_stand" ("huidige_gemeente_id");
--> statement-breakpoint
CREATE INDEX "client_stand_aanbieder_idx" ON "client_stand" ("aanbieder_id");
--> statement-breakpoint
-- zoek on a pseudoniem prefix, case-insensitive
CREATE INDEX "client_stand_pseudoniem_zoek_idx" ON "client_stand" (lower("pseudoniem") text_pattern_ops);
--> statement-breakpoint
CREATE TABLE "client_naam_tokens" (
	"client_id" uuid NOT NULL REFERENCES "clienten"("id") ON DELETE CASCADE,
	"token_hash" text NOT NULL,
	PRIMARY KEY ("token_hash", "client_id")
);
--> statement-breakpoint
CREATE INDEX "client_naam_tokens_client_idx" ON "client_naam_tokens" ("client_id");
--> statement-breakpoint
-- zoek on an exact BSN through its keyed hash
CREATE INDEX "clienten_bsn_hash_idx" ON "clienten" ("bsn_hash");
--> statement-breakpoint
-- The client's own columns are copied on every insert and update, whichever code path writes clienten.
CREATE OR REPLACE FUNCTION client_stand_kopie() RETURNS trigger AS $$
BEGIN
  INSERT INTO client_stand (client_id, regio_id, pseudoniem, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, geboortedatum)
  VALUES (NEW.id, NEW.regio_id, NEW.pseudoniem, NEW.herkomstgemeente_id, NEW.huidige_gemeente_id, NEW.aanbieder_id, NEW.doelgroep, NEW.geboortedatum)
  ON CONFLICT (client_id) DO UPDATE SET regio_id = EXCLUDED.regio_id, pseudoniem = EXCLUDED.pseudoniem,
    herkomstgemeente_id = EXCLUDED.herkomstgemeente_id, huidige_gemeente_id = EXCLUDED.huidige_gemeente_id,
    aanbieder_id = EXCLUDED.aanbieder_id, doelgroep = EXCLUDED.doelgroep, geboortedatum = EXCLUDED.geboortedatum;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER clienten_stand_kopie AFTER INSERT OR UPDATE OF regio_id, pseudoniem, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, geboortedatum
  ON clienten FOR EACH ROW EXECUTE FUNCTION client_stand_kopie();
--> statement-breakpoint
-- Fill for an existing database: the fold of domain/trajecten.pasToe written out per field. Every event sets
-- sinds and laatste_datum; the fase follows the last event; niveau, urgentie and bestemming follow the last
-- event that sets or clears them (instroom without niveau keeps it). test/db/clientstand.test.ts compares
-- this statement with the fold.
INSERT INTO "client_stand" (client_id, regio_id, pseudoniem, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, geboortedatum,
  fase, niveau, urgentie, sinds, laatste_datum, bestemming, laatste_uitstroom)
SELECT c.id, c.regio_id, c.pseudoniem, c.herkomstgemeente_id, c.huidige_gemeente_id, c.aanbieder_id, c.doelgroep, c.geboortedatum,
  CASE l.soort
    WHEN 'aanmelding' THEN 'aangemeld' WHEN 'beoordeling' THEN 'beoordeeld' WHEN 'indicatie' THEN 'geindiceerd'
    WHEN 'instroom' THEN 'in_zorg' WHEN 'doorstroom' THEN 'in_zorg' WHEN 'terugval' THEN 'in_zorg'
    WHEN 'uitstroomklaar' THEN 'uitstroomklaar' WHEN 'uitstroom' THEN 'uitgestroomd' WHEN 'uitval' THEN 'uitgevallen'
    ELSE 'geen' END,
  n.niveau, coalesce(u.urgentie, 0), l.datum, l.datum, b.bestemming, uit.datum
FROM clienten c
LEFT JOIN LATERAL (SELECT e.soort, e.datum FROM traject_events e WHERE e.client_id = c.id ORDER BY e.datum DESC, e.id DESC LIMIT 1) l ON true
LEFT JOIN LATERAL (SELECT CASE WHEN e.soort IN ('indicatie', 'instroom', 'doorstroom', 'terugval') THEN e.niveau END AS niveau
  FROM traject_events e WHERE e.client_id = c.id
    AND (e.soort IN ('aanmelding', 'indicatie', 'doorstroom', 'terugval', 'uitstroom', 'uitval') OR (e.soort = 'instroom' AND e.niveau IS NOT NULL))
  ORDER BY e.datum DESC, e.id DESC LIMIT 1) n ON true
LEFT JOIN LATERAL (SELECT CASE WHEN e.soort = 'beoordeling' THEN coalesce(e.urgentie, 0) ELSE 0 END AS urgentie
  FROM traject_events e WHERE e.client_id = c.id AND e.soort IN ('aanmelding', 'beoordeling')
  ORDER BY e.datum DESC, e.id DESC LIMIT 1) u ON true
LEFT JOIN LATERAL (SELECT CASE WHEN e.soort = 'uitstroom' THEN e.bestemming END AS bestemming
  FROM traject_events e WHERE e.client_id = c.id AND e.soort IN ('aanmelding', 'terugval', 'uitstroom')
  ORDER BY e.datum DESC, e.id DESC LIMIT 1) b ON true
LEFT JOIN LATERAL (SELECT max(e.datum) AS datum FROM traject_events e WHERE e.client_id = c.id AND e.soort = 'uitstroom') uit ON true;
