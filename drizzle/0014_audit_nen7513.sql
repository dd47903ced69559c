-- Logging to NEN 7513 / BIO2 8.15: purpose, result, origin, on whose behalf, the clients an act touched, and a
-- hash chain that makes any later change, removal or insertion of a row detectable (doorstroom audit-controleer).
CREATE TABLE "verwerkingsactiviteiten" (
  "code" text PRIMARY KEY NOT NULL,
  "naam" text NOT NULL,
  "grondslag" text NOT NULL
);
--> statement-breakpoint
INSERT INTO "verwerkingsactiviteiten" ("code", "naam", "grondslag") VALUES
  ('toegang_beoordeling', 'Toegang, beoordeling en trajectregistratie BW/MO', 'Wmo 2015 art. 2.3.2–2.3.5 (onderzoek en besluit maatwerkvoorziening); AVG art. 6 lid 1e en art. 9 lid 2h; UAVG art. 30'),
  ('plaatsing_matching', 'Uitstroom naar wonen: matching, plaatsing en huurschulden', 'Wmo 2015 art. 2.1.1 en 2.3.5 (taak centrumgemeente, uitstroom); reserveringsafspraken met corporaties; AVG art. 6 lid 1e'),
  ('signaalafhandeling', 'Signalen van corporaties en gemeenten (huurachterstand, overlast, zorgmijding)', 'Wet gemeentelijke schuldhulpverlening art. 3 (vroegsignalering); Wmo 2015 art. 2.3.5; regionale procesafspraken; AVG art. 6 lid 1e'),
  ('monitor_beleid', 'Monitor, verdeelmodel en beleid (alleen aggregaten)', 'Wmo 2015 art. 2.1.2 (beleidsplan) en verantwoording aan de regio; AVG art. 6 lid 1e en art. 89'),
  ('verantwoording', 'Verantwoording: inzage in het auditlog', 'AVG art. 5 lid 2, art. 15 (inzagerecht) en art. 32; NEN 7513; BIO2 8.15'),
  ('beveiliging', 'Toegangsbeveiliging: in- en uitloggen', 'AVG art. 32; BIO2 8.5 (veilige authenticatie) en 8.15 (logging)'),
  ('beheer', 'Beheer van organisaties, woningen, afspraken en instellingen', 'AVG art. 6 lid 1e en art. 32; uitvoering van regionale afspraken');
--> statement-breakpoint
-- a failed login for an unknown address and an attempt without a session have no user, organisation or region
ALTER TABLE "audit_log" ALTER COLUMN "gebruiker_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "organisatie_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "regio_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit_log"
  ADD COLUMN "doel" text REFERENCES "verwerkingsactiviteiten"("code"),
  ADD COLUMN "resultaat" text DEFAULT 'toegestaan' NOT NULL,
  ADD COLUMN "ip" text,
  ADD COLUMN "user_agent" text,
  ADD COLUMN "uitvoerder" text,
  ADD COLUMN "pseudoniemen" text[],
  ADD COLUMN "volgnr" bigint,
  ADD COLUMN "hash" bytea;
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_resultaat_ck" CHECK ("resultaat" IN ('toegestaan', 'geweigerd'));
--> statement-breakpoint
-- The canonical content a row's hash covers: every column except the hash itself, as jsonb text (deterministic:
-- jsonb normalises key order and spacing) with the time in UTC, so the session's TimeZone does not matter.
CREATE OR REPLACE FUNCTION audit_log_inhoud(r audit_log) RETURNS bytea AS $$
  SELECT convert_to(jsonb_build_array(
    r.id, r.volgnr, to_char(r.tijdstip AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    r.gebruiker_id, r.organisatie_id, r.regio_id, r.actie, r.entiteit, r.entiteit_id, r.details,
    r.doel, r.resultaat, r.ip, r.user_agent, r.uitvoerder, to_jsonb(r.pseudoniemen)
  )::text, 'UTF8')
$$ LANGUAGE sql STABLE;
--> statement-breakpoint
-- Seal the rows written so far, in id order, as the start of the chain (the one place the update block is lifted).
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_no_update";
--> statement-breakpoint
DO $$
DECLARE
  rij record;
  n bigint := 0;
  vorige bytea := ''::bytea;
BEGIN
  FOR rij IN SELECT id FROM audit_log ORDER BY id LOOP
    n := n + 1;
    -- list reads kept the clients they showed in details; the new column makes them findable per client
    UPDATE audit_log SET volgnr = n,
      pseudoniemen = CASE
        WHEN jsonb_typeof(details->'pseudoniemen') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(details->'pseudoniemen'))
        WHEN jsonb_typeof(details->'pseudoniem') = 'string' THEN ARRAY[details->>'pseudoniem']
      END
    WHERE id = rij.id;
    UPDATE audit_log a SET hash = sha256(vorige || audit_log_inhoud(a)) WHERE a.id = rij.id RETURNING a.hash INTO vorige;
  END LOOP;
END $$;
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_no_update";
--> statement-breakpoint
-- rows from before this migration have no purpose; every new row must name one
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_doel_ck" CHECK ("doel" IS NOT NULL) NOT VALID;
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "volgnr" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" SET NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_volgnr_uq" ON "audit_log" ("volgnr");
--> statement-breakpoint
CREATE INDEX "audit_log_pseudoniemen_idx" ON "audit_log" USING gin ("pseudoniemen");
--> statement-breakpoint
CREATE INDEX "audit_log_gebruiker_idx" ON "audit_log" ("gebruiker_id", "tijdstip");
--> statement-breakpoint
CREATE INDEX "audit_log_organisatie_idx" ON "audit_log" ("organisatie_id", "tijdstip");
--> statement-breakpoint
-- Every new row links to the previous one: volgnr and hash are set here, whatever the INSERT said. The
-- transaction-level advisory lock makes the appends one queue (held until commit, so a row is never chained to a
-- predecessor that is not yet committed); the unique volgnr turns any fork (e.g. a REPEATABLE READ snapshot that
-- misses the latest row) into an error instead of a silent branch. See docs/adr/0014-audit-hashketen.md.
CREATE OR REPLACE FUNCTION audit_log_keten() RETURNS trigger AS $$
DECLARE
  vorig_nr bigint;
  vorige_hash bytea;
BEGIN
  PERFORM pg_advisory_xact_lock(7513815);
  SELECT volgnr, hash INTO vorig_nr, vorige_hash FROM audit_log ORDER BY volgnr DESC LIMIT 1;
  NEW.volgnr := coalesce(vorig_nr, 0) + 1;
  NEW.hash := sha256(coalesce(vorige_hash, ''::bytea) || audit_log_inhoud(NEW));
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_keten BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_keten();
