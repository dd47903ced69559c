-- iWmo import (WMO301/305/307): the aanbieder's AGB code (Ontvanger of a 301, Afzender of a 305/307), the messages
-- already processed (re-importing one changes nothing) and the toewijzingen they carry (a 305/307 names only the
-- ToewijzingNummer, which is unique per gemeente).
ALTER TABLE "organisaties" ADD COLUMN "agb_code" text;
--> statement-breakpoint
CREATE UNIQUE INDEX "organisaties_agb_uq" ON "organisaties" ("regio_id", "agb_code") WHERE "agb_code" IS NOT NULL;
--> statement-breakpoint
CREATE TABLE "iwmo_berichten" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "regio_id" uuid NOT NULL REFERENCES "regios"("id"),
  "berichtcode" text NOT NULL,
  "afzender" text NOT NULL,
  "identificatie" text NOT NULL,
  "dagtekening" date NOT NULL,
  "inhoud_hash" text NOT NULL,
  "verwerkt_door" uuid NOT NULL,
  "verwerkt_op" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "iwmo_berichten_uq" ON "iwmo_berichten" ("regio_id", "berichtcode", "afzender", "identificatie");
--> statement-breakpoint
CREATE TABLE "iwmo_toewijzingen" (
  "regio_id" uuid NOT NULL REFERENCES "regios"("id"),
  "gemeente_code" text NOT NULL,
  "toewijzing_nummer" text NOT NULL,
  "client_id" uuid NOT NULL REFERENCES "clienten"("id"),
  "productcategorie" text NOT NULL,
  "productcode" text,
  "niveau" text NOT NULL,
  "ingangsdatum" date NOT NULL,
  "einddatum" date,
  "begindatum" date,
  "stopdatum" date,
  "reden_beeindiging" text,
  CONSTRAINT "iwmo_toewijzingen_pk" PRIMARY KEY ("regio_id", "gemeente_code", "toewijzing_nummer")
);
--> statement-breakpoint
CREATE INDEX "iwmo_toewijzingen_client_idx" ON "iwmo_toewijzingen" ("client_id");
