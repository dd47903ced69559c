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
