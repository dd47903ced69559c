-- The audit log is evidence for AVG accountability: rows may be added, never changed or removed.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% geweigerd)', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
-- A trajectory is an append-only list of dated events; corrections are new events.
CREATE OR REPLACE FUNCTION traject_events_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'traject_events is append-only (% geweigerd)', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER traject_events_no_update BEFORE UPDATE OR DELETE ON traject_events
  FOR EACH ROW EXECUTE FUNCTION traject_events_append_only();
