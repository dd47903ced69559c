-- Issue 14 items 2 and 3, ADR 0035.
-- (1) Woonsituatie vóór aanmelding on the aanmelding event.
ALTER TABLE "traject_events" ADD COLUMN "woonsituatie" text;
--> statement-breakpoint
ALTER TABLE "traject_events" ADD CONSTRAINT "events_woonsituatie_ck" CHECK ("woonsituatie" IS NULL OR "soort" = 'aanmelding');
--> statement-breakpoint
-- (2) Refined bestemming. The only old value that changes is familie_netwerk: it did not say the stay was lasting,
-- so it becomes familie_netwerk_tijdelijk (and keeps not counting as a lasting destination, as before). Every other
-- old value keeps its code. traject_events is append-only; this deliberate one-time recoding of a code list runs
-- as the owner with the trigger off for the length of this statement, and leaves every other column as it was.
ALTER TABLE "traject_events" DISABLE TRIGGER "traject_events_no_update";
--> statement-breakpoint
UPDATE "traject_events" SET "bestemming" = 'familie_netwerk_tijdelijk' WHERE "bestemming" = 'familie_netwerk';
--> statement-breakpoint
ALTER TABLE "traject_events" ENABLE TRIGGER "traject_events_no_update";
--> statement-breakpoint
-- the projections that copy the bestemming follow in the same transaction, so a rebuild from the events gives the same rows
UPDATE "traject_intervallen" SET "bestemming" = 'familie_netwerk_tijdelijk' WHERE "bestemming" = 'familie_netwerk';
--> statement-breakpoint
UPDATE "client_stand" SET "bestemming" = 'familie_netwerk_tijdelijk' WHERE "bestemming" = 'familie_netwerk';
--> statement-breakpoint
UPDATE "monitor_maandstromen" SET "bestemming" = 'familie_netwerk_tijdelijk' WHERE "bestemming" = 'familie_netwerk';
--> statement-breakpoint
-- (3) Begeleiding per plaatsing.
CREATE TABLE "begeleidingen" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "regio_id" uuid NOT NULL REFERENCES "regios"("id"),
  "plaatsing_id" uuid NOT NULL REFERENCES "plaatsingen"("id") ON DELETE CASCADE,
  "client_id" uuid NOT NULL REFERENCES "clienten"("id") ON DELETE CASCADE,
  "aanbieder_id" uuid NOT NULL REFERENCES "organisaties"("id"),
  "uren_per_week_tienden" integer NOT NULL,
  "van" date NOT NULL,
  "tot" date NOT NULL,
  "contactpersoon" text NOT NULL,
  "contact_telefoon" text,
  "plan_versleuteld" text NOT NULL,
  "versie" integer DEFAULT 1 NOT NULL,
  "vastgelegd_door" uuid NOT NULL,
  "gewijzigd" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "begeleidingen_periode_ck" CHECK ("tot" >= "van"),
  CONSTRAINT "begeleidingen_uren_ck" CHECK ("uren_per_week_tienden" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "begeleidingen_plaatsing_uq" ON "begeleidingen" ("plaatsing_id");
--> statement-breakpoint
CREATE INDEX "begeleidingen_client_idx" ON "begeleidingen" ("client_id");
--> statement-breakpoint
CREATE INDEX "begeleidingen_aanbieder_idx" ON "begeleidingen" ("aanbieder_id");
--> statement-breakpoint
CREATE TABLE "begeleiding_evaluaties" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "begeleiding_id" uuid NOT NULL REFERENCES "begeleidingen"("id") ON DELETE CASCADE,
  "datum" date NOT NULL,
  "gehouden_op" date
);
--> statement-breakpoint
CREATE UNIQUE INDEX "begeleiding_evaluaties_uq" ON "begeleiding_evaluaties" ("begeleiding_id", "datum");
--> statement-breakpoint
CREATE INDEX "begeleiding_evaluaties_open_idx" ON "begeleiding_evaluaties" ("datum") WHERE gehouden_op is null;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "begeleidingen", "begeleiding_evaluaties" TO doorstroom_app;
