-- Issue 15: the national picture. The register of uitvoeringsafspraken per region (kept by the centrumgemeente,
-- read nationally) and two purposes in the register of verwerkingsactiviteiten.
CREATE TABLE "uitvoeringsafspraken" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "regio_id" uuid NOT NULL REFERENCES "regios"("id"),
  "thema" text NOT NULL CHECK ("thema" IN ('visie', 'samenwerking', 'zorglandschap', 'passende_huisvesting', 'verdeelmodel_ingroeipad')),
  "status" text NOT NULL CHECK ("status" IN ('niet_gestart', 'in_voorbereiding', 'vastgesteld', 'in_uitvoering', 'gerealiseerd')),
  "datum" date NOT NULL,
  "notitie" text NOT NULL DEFAULT '',
  "bijgewerkt" timestamp with time zone DEFAULT now() NOT NULL,
  "door_gebruiker_id" uuid REFERENCES "gebruikers"("id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "uitvoeringsafspraken_uq" ON "uitvoeringsafspraken" USING btree ("regio_id", "thema");
--> statement-breakpoint
INSERT INTO "verwerkingsactiviteiten" ("code", "naam", "grondslag") VALUES
  ('landelijk_beeld', 'Landelijk beeld BW/MO: vergelijking van regio''s (alleen onderdrukte aggregaten)', 'Wmo 2015 art. 2.1.2 en 4.3 (informatievoorziening, landelijke monitor); AVG art. 6 lid 1e en art. 89 (statistiek, minimale gegevens)'),
  ('datakwaliteit', 'Datakwaliteit van de registratie (tijdigheid, volledigheid, dubbele dossiers)', 'AVG art. 5 lid 1d (juistheid) en art. 32; Wmo 2015 art. 5.1.1');
--> statement-breakpoint
-- Outcome measures read rows, not folds: the interval of the event that ends a stay carries that stay, an instroom
-- interval whether it is a first one (domain/uitkomsten.intervalUitkomsten; repos/intervallen writes them with the
-- other columns). Existing rows are filled here with the same definitions in SQL.
ALTER TABLE "traject_intervallen" ADD COLUMN "verblijf_niveau" text;
--> statement-breakpoint
ALTER TABLE "traject_intervallen" ADD COLUMN "verblijf_dagen" integer;
--> statement-breakpoint
ALTER TABLE "traject_intervallen" ADD COLUMN "verblijf_gemeente_id" uuid;
--> statement-breakpoint
ALTER TABLE "traject_intervallen" ADD COLUMN "eerste_instroom" boolean;
--> statement-breakpoint
WITH iv AS (
  SELECT client_id, volgnr, gemeente_id, van, tot, CASE WHEN fase IN ('in_zorg', 'uitstroomklaar') THEN niveau END AS sleutel
  FROM traject_intervallen
), gemarkeerd AS (
  SELECT *, sum(CASE WHEN sleutel IS NOT NULL AND sleutel IS DISTINCT FROM vorige THEN 1 ELSE 0 END) OVER (PARTITION BY client_id ORDER BY volgnr) AS eiland
  FROM (SELECT iv.*, lag(sleutel) OVER (PARTITION BY client_id ORDER BY volgnr) AS vorige FROM iv) x
), verblijf AS (
  SELECT client_id, max(volgnr) AS laatste, min(sleutel) AS niveau, min(van) AS begin,
    (array_agg(tot ORDER BY volgnr DESC))[1] AS einde, (array_agg(gemeente_id ORDER BY volgnr))[1] AS gemeente_id
  FROM gemarkeerd WHERE sleutel IS NOT NULL GROUP BY client_id, eiland
)
UPDATE traject_intervallen i SET verblijf_niveau = v.niveau, verblijf_dagen = v.einde - v.begin, verblijf_gemeente_id = v.gemeente_id
FROM verblijf v WHERE v.einde IS NOT NULL AND i.client_id = v.client_id AND i.volgnr = v.laatste + 1;
--> statement-breakpoint
UPDATE traject_intervallen i SET eerste_instroom = NOT EXISTS (
  SELECT 1 FROM traject_intervallen j
  WHERE j.client_id = i.client_id AND j.volgnr < i.volgnr AND j.fase IN ('in_zorg', 'uitstroomklaar') AND coalesce(j.tot, i.van) > i.van - 730
) WHERE i.soort = 'instroom';
--> statement-breakpoint
CREATE INDEX "intervallen_verblijf_idx" ON "traject_intervallen" ("regio_id", "van")
  INCLUDE ("verblijf_niveau", "verblijf_dagen", "verblijf_gemeente_id", "jong_vanaf", "jong_tot") WHERE "verblijf_dagen" IS NOT NULL;
--> statement-breakpoint
-- nog gehuisvest and the national youth placements: the placements that began in a period
CREATE INDEX "plaatsingen_regio_start_idx" ON "plaatsingen" ("regio_id", "startdatum");
--> statement-breakpoint
-- likely duplicates on name and birth date: one key per client over its name's token hashes (repos/naamindex keeps
-- it with the index), instead of folding the whole index per request
ALTER TABLE "clienten" ADD COLUMN "naam_sleutel" text;
--> statement-breakpoint
UPDATE clienten c SET naam_sleutel = k.sleutel
FROM (SELECT client_id, md5(string_agg(token_hash, ',' ORDER BY token_hash)) AS sleutel FROM client_naam_tokens GROUP BY client_id) k
WHERE k.client_id = c.id;
--> statement-breakpoint
CREATE INDEX "clienten_regio_dubbel_idx" ON "clienten" ("regio_id", "geboortedatum", "naam_sleutel") WHERE naam_sleutel IS NOT NULL AND geanonimiseerd_op IS NULL;
--> statement-breakpoint
-- data quality: registration lateness of a region's events in a date range read from the index alone
CREATE INDEX "events_regio_datum_registratie_idx" ON "traject_events" ("regio_id", "datum") INCLUDE ("geregistreerd", "door_gebruiker_id", "soort", "client_id");
--> statement-breakpoint
-- data quality: uitstroom with an unknown destination, a small part of the events
CREATE INDEX "events_uitstroom_onbekend_idx" ON "traject_events" ("client_id") WHERE soort = 'uitstroom' AND (bestemming IS NULL OR bestemming = 'onbekend');
--> statement-breakpoint
-- data quality: clients in care without an event for N days, counted and paged from the index (with what the
-- narrower viewers filter on)
CREATE INDEX "client_stand_regio_fase_laatste_idx" ON "client_stand" ("regio_id", "fase", "laatste_datum")
  INCLUDE ("aanbieder_id", "herkomstgemeente_id", "huidige_gemeente_id", "pseudoniem");
