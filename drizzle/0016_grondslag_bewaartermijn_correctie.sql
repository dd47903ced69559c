-- Grondslag en toestemming (issue 13): on which basis a client's data may be shared with which kind of organisation.
-- A row is evidence: never deleted; revoking sets ingetrokken_op once (trigger below).
CREATE TABLE "grondslagen" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regio_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"reikwijdte" text NOT NULL,
	"soort" text NOT NULL,
	"wettelijke_grondslag" text,
	"referentie" text,
	"ingangsdatum" date NOT NULL,
	"einddatum" date,
	"vastgelegd_door" uuid NOT NULL,
	"vastgelegd_organisatie_id" uuid NOT NULL,
	"vastgelegd_op" timestamp with time zone DEFAULT now() NOT NULL,
	"ingetrokken_op" date,
	"ingetrokken_door" uuid,
	"intrekkingsreden" text,
	CONSTRAINT "grondslagen_soort_ck" CHECK ("soort" in ('toestemming', 'wettelijk')),
	CONSTRAINT "grondslagen_wettelijk_ck" CHECK (("soort" = 'wettelijk') = ("wettelijke_grondslag" is not null)),
	CONSTRAINT "grondslagen_periode_ck" CHECK ("einddatum" is null or "einddatum" >= "ingangsdatum"),
	CONSTRAINT "grondslagen_intrekking_ck" CHECK ("ingetrokken_op" is null or "ingetrokken_op" >= "ingangsdatum")
);
--> statement-breakpoint
ALTER TABLE "grondslagen" ADD CONSTRAINT "grondslagen_client_id_clienten_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clienten"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "grondslagen_client_idx" ON "grondslagen" USING btree ("client_id","reikwijdte");
--> statement-breakpoint
-- Only two changes are allowed: revoking once (ingetrokken_*), and the retention job clearing free text.
CREATE OR REPLACE FUNCTION grondslagen_bewaren() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'grondslagen worden nooit verwijderd (intrekken is een nieuwe datum)';
  END IF;
  IF (to_jsonb(NEW) - 'ingetrokken_op' - 'ingetrokken_door' - 'intrekkingsreden' - 'referentie')
     IS DISTINCT FROM (to_jsonb(OLD) - 'ingetrokken_op' - 'ingetrokken_door' - 'intrekkingsreden' - 'referentie') THEN
    RAISE EXCEPTION 'een vastgelegde grondslag kan niet gewijzigd worden; trek hem in en leg een nieuwe vast';
  END IF;
  IF OLD.ingetrokken_op IS NOT NULL AND NEW.ingetrokken_op IS DISTINCT FROM OLD.ingetrokken_op THEN
    RAISE EXCEPTION 'deze grondslag is al ingetrokken';
  END IF;
  IF OLD.ingetrokken_op IS NULL AND NEW.ingetrokken_op IS NULL AND NEW.ingetrokken_door IS DISTINCT FROM OLD.ingetrokken_door THEN
    RAISE EXCEPTION 'intrekken vraagt een datum';
  END IF;
  IF (NEW.referentie IS DISTINCT FROM OLD.referentie OR (OLD.ingetrokken_op IS NOT NULL AND NEW.intrekkingsreden IS DISTINCT FROM OLD.intrekkingsreden))
     AND NOT (current_setting('doorstroom.anonimiseren', true) = 'aan' AND NEW.referentie IS NULL AND NEW.intrekkingsreden IS NULL) THEN
    RAISE EXCEPTION 'referentie en reden wist alleen de bewaartermijn';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER grondslagen_bewaren BEFORE UPDATE OR DELETE ON grondslagen
  FOR EACH ROW EXECUTE FUNCTION grondslagen_bewaren();
--> statement-breakpoint
-- Bewaartermijnen per regio: a row overrides the default of domain/bewaartermijnen for that regio.
CREATE TABLE "bewaartermijnen" (
	"regio_id" uuid NOT NULL,
	"soort" text NOT NULL,
	"maanden" integer NOT NULL,
	"toelichting" text NOT NULL,
	"gewijzigd_door" uuid NOT NULL,
	"gewijzigd_op" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bewaartermijnen_regio_id_soort_pk" PRIMARY KEY("regio_id","soort"),
	CONSTRAINT "bewaartermijnen_maanden_ck" CHECK ("maanden" >= 0)
);
--> statement-breakpoint
-- Anonymisation keeps the pseudonymous client row (the monitor's events point at it) but drops its identity;
-- naam_versleuteld then holds the marker 'geanonimiseerd' (db/versleuteling.GEANONIMISEERD).
ALTER TABLE "clienten" ADD COLUMN "geanonimiseerd_op" timestamp with time zone;
--> statement-breakpoint
-- Rectification (AVG art. 16) by correction events: a 'correctie' row voids one event (vervalt_event_id) with a
-- reason; a replacement is an ordinary event that names the event it replaces (vervangt_event_id).
ALTER TABLE "traject_events" ADD COLUMN "vervalt_event_id" bigint REFERENCES "traject_events"("id");
--> statement-breakpoint
ALTER TABLE "traject_events" ADD COLUMN "vervangt_event_id" bigint REFERENCES "traject_events"("id");
--> statement-breakpoint
ALTER TABLE "traject_events" ADD COLUMN "reden" text;
--> statement-breakpoint
-- an event is voided at most once, also under concurrent corrections
CREATE UNIQUE INDEX "events_vervalt_uq" ON "traject_events" USING btree ("vervalt_event_id") WHERE "vervalt_event_id" is not null;
--> statement-breakpoint
ALTER TABLE "traject_events" ADD CONSTRAINT "events_correctie_ck" CHECK (("soort" = 'correctie') = ("vervalt_event_id" is not null));
--> statement-breakpoint
-- Still append-only; the one exception is the retention job clearing free text (toelichting, reden) and nothing else.
CREATE OR REPLACE FUNCTION traject_events_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('doorstroom.anonimiseren', true) = 'aan'
     AND NEW.toelichting IS NULL AND NEW.reden IS NULL
     AND (to_jsonb(NEW) - 'toelichting' - 'reden') = (to_jsonb(OLD) - 'toelichting' - 'reden') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'traject_events is append-only (% geweigerd)', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Still append-only; the retention job may remove rows, but never one younger than five years (the minimum for
-- logging of access to care data, Stcrt. 2019, 38007), whatever a regio configures.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('doorstroom.vernietigen', true) = 'aan' AND OLD.tijdstip < now() - interval '5 years' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% geweigerd)', TG_OP;
END;
$$ LANGUAGE plpgsql;
