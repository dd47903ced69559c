-- Issue 14 (items 4, 5, 9): deadlines on match proposals, coded outcomes, parking, and the history of steps the
-- placement dashboard measures. See docs/adr/0034-voorstel-termijnen-redenen-parkeren.md.
ALTER TABLE "match_voorstellen" ADD COLUMN "versie" integer DEFAULT 1 NOT NULL;
--> statement-breakpoint
ALTER TABLE "match_voorstellen" ADD COLUMN "stap_sinds" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "match_voorstellen" ADD COLUMN "deadline" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "match_voorstellen" ADD COLUMN "herinner_vanaf" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "match_voorstellen" ADD COLUMN "verloopt_op" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "match_voorstellen" ADD COLUMN "herinnerd_op" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "match_voorstellen" ADD COLUMN "geescaleerd_op" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "match_voorstellen" ADD COLUMN "afwijzing_code" text;
--> statement-breakpoint
ALTER TABLE "match_voorstellen" ADD COLUMN "afwijzing_partij" text;
--> statement-breakpoint
ALTER TABLE "match_voorstellen" ADD COLUMN "afgewezen_bij" text;
--> statement-breakpoint
-- Open proposals of before this version get terms now, from their last change: 10 werkdagen are two calendar
-- weeks (three for the sleuteloverdracht), the reminder 3 werkdagen before, expiry a week after. The job
-- (src/jobs/voorstel-termijnen.ts) gives every later proposal its exact terms in werkdagen.
UPDATE "match_voorstellen" SET
  "stap_sinds" = "gewijzigd",
  "deadline" = (date_trunc('day', "gewijzigd" AT TIME ZONE 'Europe/Amsterdam') + CASE WHEN "status" = 'akkoord_aanbieder' THEN interval '30 days' ELSE interval '15 days' END) AT TIME ZONE 'Europe/Amsterdam'
WHERE "status" IN ('voorstel', 'akkoord_corporatie', 'akkoord_aanbieder');
--> statement-breakpoint
UPDATE "match_voorstellen" SET "herinner_vanaf" = "deadline" - interval '5 days', "verloopt_op" = "deadline" + interval '7 days' WHERE "deadline" IS NOT NULL;
--> statement-breakpoint
UPDATE "match_voorstellen" SET "stap_sinds" = "gewijzigd" WHERE "stap_sinds" IS NULL;
--> statement-breakpoint
CREATE INDEX "voorstel_herinnering_idx" ON "match_voorstellen" USING btree ("herinner_vanaf") WHERE "herinnerd_op" IS NULL AND "status" IN ('voorstel', 'akkoord_corporatie', 'akkoord_aanbieder');
--> statement-breakpoint
CREATE INDEX "voorstel_escalatie_idx" ON "match_voorstellen" USING btree ("deadline") WHERE "geescaleerd_op" IS NULL AND "status" IN ('voorstel', 'akkoord_corporatie', 'akkoord_aanbieder');
--> statement-breakpoint
CREATE INDEX "voorstel_verloop_idx" ON "match_voorstellen" USING btree ("verloopt_op") WHERE "status" IN ('voorstel', 'akkoord_corporatie', 'akkoord_aanbieder');
--> statement-breakpoint
CREATE INDEX "voorstel_zonder_termijn_idx" ON "match_voorstellen" USING btree ("aangemaakt") WHERE "deadline" IS NULL AND "status" IN ('voorstel', 'akkoord_corporatie', 'akkoord_aanbieder');
--> statement-breakpoint
CREATE TABLE "voorstel_termijnen" (
  "regio_id" uuid PRIMARY KEY NOT NULL REFERENCES "regios"("id"),
  "corporatie_werkdagen" integer NOT NULL CHECK ("corporatie_werkdagen" BETWEEN 1 AND 60),
  "zorg_werkdagen" integer NOT NULL CHECK ("zorg_werkdagen" BETWEEN 1 AND 60),
  "sleutel_werkdagen" integer NOT NULL CHECK ("sleutel_werkdagen" BETWEEN 1 AND 120),
  "herinnering_werkdagen" integer NOT NULL CHECK ("herinnering_werkdagen" BETWEEN 0 AND 20),
  "respijt_werkdagen" integer NOT NULL CHECK ("respijt_werkdagen" BETWEEN 0 AND 30),
  "gewijzigd" timestamp with time zone DEFAULT now() NOT NULL,
  "door_gebruiker_id" uuid
);
--> statement-breakpoint
CREATE TABLE "voorstel_stappen" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "voorstel_id" uuid NOT NULL REFERENCES "match_voorstellen"("id") ON DELETE CASCADE,
  "regio_id" uuid NOT NULL,
  "gebeurtenis" text NOT NULL CHECK ("gebeurtenis" IN ('aangemaakt', 'akkoord', 'sleuteloverdracht', 'afwijzing', 'herinnering', 'escalatie', 'verlopen', 'overrulen', 'ingetrokken')),
  "van_status" text,
  "naar_status" text NOT NULL,
  "tijdstip" timestamp with time zone NOT NULL,
  "versie" integer NOT NULL,
  "door_gebruiker_id" uuid,
  "door_organisatie_id" uuid,
  "partij" text,
  "reden_code" text,
  "toelichting" text
);
--> statement-breakpoint
-- one row per event and version: a job re-run after a crash cannot record a reminder, escalation or expiry twice
CREATE UNIQUE INDEX "voorstel_stappen_uq" ON "voorstel_stappen" USING btree ("voorstel_id", "versie", "gebeurtenis");
--> statement-breakpoint
CREATE INDEX "voorstel_stappen_regio_idx" ON "voorstel_stappen" USING btree ("regio_id", "tijdstip");
--> statement-breakpoint
CREATE TABLE "client_parkeringen" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "regio_id" uuid NOT NULL,
  "client_id" uuid NOT NULL REFERENCES "clienten"("id") ON DELETE CASCADE,
  "reden_code" text NOT NULL,
  "toelichting" text,
  "vanaf" date NOT NULL,
  "tot" date NOT NULL,
  "door_gebruiker_id" uuid,
  "door_organisatie_id" uuid NOT NULL,
  "aangemaakt" timestamp with time zone DEFAULT now() NOT NULL,
  "beeindigd_op" date,
  "beeindigd_door" uuid,
  "beeindigings_toelichting" text,
  CHECK ("tot" > "vanaf")
);
--> statement-breakpoint
CREATE INDEX "client_parkeringen_client_idx" ON "client_parkeringen" USING btree ("client_id", "tot");
--> statement-breakpoint
CREATE INDEX "client_parkeringen_regio_idx" ON "client_parkeringen" USING btree ("regio_id", "vanaf");
