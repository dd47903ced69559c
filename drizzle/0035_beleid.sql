-- Prioritisation policy as data (issue 14 item 6, ADR 0037): one row per version per region, never changed or
-- removed (a change is a new version, with author, time and a note why). Every stored matching round records
-- the version it used.
CREATE TABLE "beleid_versies" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "regio_id" uuid NOT NULL REFERENCES "regios"("id"),
  "versie" integer NOT NULL,
  "gewichten" jsonb NOT NULL,
  "volgorde" jsonb NOT NULL,
  "toelichting" text NOT NULL,
  "auteur_id" uuid REFERENCES "gebruikers"("id"),
  "aangemaakt" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "beleid_versie_positief" CHECK ("versie" >= 1),
  CONSTRAINT "beleid_gewichten_object" CHECK (jsonb_typeof("gewichten") = 'object'),
  CONSTRAINT "beleid_volgorde_lijst" CHECK (jsonb_typeof("volgorde") = 'array')
);
--> statement-breakpoint
CREATE UNIQUE INDEX "beleid_versies_uq" ON "beleid_versies" ("regio_id", "versie");
--> statement-breakpoint
CREATE OR REPLACE FUNCTION beleid_versies_onveranderlijk() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'beleid_versies: een beleidsversie verandert nooit (% geweigerd); leg een nieuwe versie vast', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER beleid_versies_geen_wijziging BEFORE UPDATE OR DELETE ON "beleid_versies"
  FOR EACH ROW EXECUTE FUNCTION beleid_versies_onveranderlijk();
--> statement-breakpoint
CREATE TABLE "matching_rondes" (
  "id" uuid PRIMARY KEY NOT NULL,
  "regio_id" uuid NOT NULL REFERENCES "regios"("id"),
  "beleid_versie_id" uuid REFERENCES "beleid_versies"("id"),
  "peildatum" date NOT NULL,
  "voorstellen" integer NOT NULL,
  "door_gebruiker_id" uuid,
  "aangemaakt" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "matching_rondes_regio_idx" ON "matching_rondes" ("regio_id", "aangemaakt" DESC);
--> statement-breakpoint
GRANT SELECT, INSERT ON "beleid_versies" TO doorstroom_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "matching_rondes" TO doorstroom_app;
