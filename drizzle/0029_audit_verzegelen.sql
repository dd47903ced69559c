-- Issue 12: the hash chain no longer makes every audited request wait for the one before it to commit. An INSERT
-- takes no lock: the row arrives unsealed (volgnr and hash NULL) in the request's own transaction, so a read whose
-- row cannot be written still fails. audit_log_verzegel() then chains the committed unsealed rows, in id order,
-- in one short transaction under the advisory lock (the server calls it every second). The unsealed rows are as
-- append-only as sealed ones; the only UPDATE allowed gives an unsealed row its place and hash, once, and changes
-- nothing else. See docs/adr/0031-auditketen-verzegelen-na-commit.md.
ALTER TABLE "audit_log" ALTER COLUMN "volgnr" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;
--> statement-breakpoint
CREATE INDEX "audit_log_onverzegeld_idx" ON "audit_log" ("id") WHERE "volgnr" IS NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_keten() RETURNS trigger AS $$
BEGIN
  -- whatever the INSERT said: a row enters the chain only through audit_log_verzegel()
  NEW.volgnr := NULL;
  NEW.hash := NULL;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('doorstroom.vernietigen', true) = 'aan' AND OLD.tijdstip < now() - interval '5 years' THEN
    RETURN OLD;
  END IF;
  -- sealing: an unsealed row gets its place in the chain and its hash, once; every other column stays as it was
  IF TG_OP = 'UPDATE' AND current_setting('doorstroom.verzegelen', true) = 'aan'
     AND OLD.volgnr IS NULL AND OLD.hash IS NULL AND NEW.volgnr IS NOT NULL AND NEW.hash IS NOT NULL
     AND (to_jsonb(NEW) - 'volgnr' - 'hash') = (to_jsonb(OLD) - 'volgnr' - 'hash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only (% geweigerd)', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Chains at most p_max committed unsealed rows after the current head: volgnr = head + 1, …, hash = sha256(previous
-- hash || audit_log_inhoud(row)), exactly as the insert trigger of migration 0014 did. The advisory lock makes the
-- sealers one queue; the rows are read after it is taken, so they follow the head the previous sealer committed.
-- A row still uncommitted is not visible and waits for the next call; a rolled-back row never enters the chain.
-- SECURITY DEFINER: the app role may not UPDATE audit_log (0015), it may only call this.
CREATE OR REPLACE FUNCTION audit_log_verzegel(p_max integer DEFAULT 5000) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  vorig_nr bigint;
  vorige_hash bytea;
  rij audit_log;
  n integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(7513815);
  SELECT volgnr, hash INTO vorig_nr, vorige_hash FROM audit_log WHERE volgnr IS NOT NULL ORDER BY volgnr DESC LIMIT 1;
  PERFORM set_config('doorstroom.verzegelen', 'aan', true);
  FOR rij IN SELECT * FROM audit_log WHERE volgnr IS NULL ORDER BY id LIMIT p_max LOOP
    vorig_nr := coalesce(vorig_nr, 0) + 1;
    rij.volgnr := vorig_nr;
    vorige_hash := sha256(coalesce(vorige_hash, ''::bytea) || audit_log_inhoud(rij));
    UPDATE audit_log SET volgnr = vorig_nr, hash = vorige_hash WHERE id = rij.id;
    n := n + 1;
  END LOOP;
  PERFORM set_config('doorstroom.verzegelen', 'uit', true);
  RETURN n;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_log_verzegel(integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_log_verzegel(integer) TO doorstroom_app;
--> statement-breakpoint
-- Fresh statistics after a seed, an import or at intervals (issue 12). PGlite has no autovacuum, so without this
-- its planner never learns the table sizes and chooses plans for empty tables; on PostgreSQL it only brings the
-- autovacuum's ANALYZE forward. p_alleen_gewijzigd: only tables never analysed or changed by more than autovacuum's
-- threshold (50 rows + 10 %) since their last ANALYZE, so the hourly round costs nothing when little changed (a
-- seed inside its own transaction passes false: its changes are not in the counters before it commits).
-- SECURITY DEFINER: ANALYZE needs the tables' owner, the app role is not.
CREATE OR REPLACE FUNCTION doorstroom_analyseer(p_alleen_gewijzigd boolean DEFAULT false) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  tabel text;
  n integer := 0;
BEGIN
  -- the application's tables only (the catalogs belong to the superuser and would each raise a warning)
  FOR tabel IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
    LEFT JOIN pg_stat_user_tables st ON st.relid = c.oid
    WHERE ns.nspname = 'public' AND c.relkind = 'r'
      AND (NOT p_alleen_gewijzigd OR c.reltuples < 0 OR coalesce(st.n_mod_since_analyze, 0) > 50 + 0.1 * greatest(c.reltuples, 0))
  LOOP
    EXECUTE format('ANALYZE %I', tabel);
    n := n + 1;
  END LOOP;
  RETURN n;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION doorstroom_analyseer(boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION doorstroom_analyseer(boolean) TO doorstroom_app;
