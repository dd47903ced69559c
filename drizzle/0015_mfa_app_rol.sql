-- MFA (issue 13): a session can be half-way (password right, second factor still to do); null = complete.
ALTER TABLE sessies ADD COLUMN mfa_stap text;
--> statement-breakpoint
-- sessions from before MFA would stay complete without a second factor: everyone logs in again
DELETE FROM sessies;
--> statement-breakpoint
-- One TOTP secret per user, encrypted with the field key (Versleuteling). nieuw_geheim is an enrolment that
-- has not been confirmed with a first code yet; laatste_stap is the last accepted time step (replay refused).
CREATE TABLE gebruiker_mfa (
  gebruiker_id uuid PRIMARY KEY REFERENCES gebruikers(id),
  geheim_versleuteld text,
  nieuw_geheim_versleuteld text,
  ingeschreven timestamptz,
  laatste_stap bigint
);
--> statement-breakpoint
-- Single-use recovery codes, stored as sha256(salt || code); gebruikt is set once, atomically.
CREATE TABLE mfa_herstelcodes (
  id bigserial PRIMARY KEY,
  gebruiker_id uuid NOT NULL REFERENCES gebruikers(id),
  zout text NOT NULL,
  hash text NOT NULL,
  gebruikt timestamptz,
  aangemaakt timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX mfa_herstelcodes_gebruiker_idx ON mfa_herstelcodes (gebruiker_id);
--> statement-breakpoint
-- 0001 refused UPDATE and DELETE on traject_events but not TRUNCATE (which fires no row triggers).
CREATE TRIGGER traject_events_no_truncate BEFORE TRUNCATE ON traject_events
  FOR EACH STATEMENT EXECUTE FUNCTION traject_events_append_only();
--> statement-breakpoint
-- The application runs as doorstroom_app (SET ROLE after migrating): it owns nothing, so it cannot ALTER a
-- table, disable its triggers or TRUNCATE it; on the append-only tables it may only read and add.
-- Roles are per cluster: several databases on one server (tests) share it, hence the tolerant create.
DO $$
BEGIN
  CREATE ROLE doorstroom_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'doorstroom_app', 'MEMBER') THEN
    EXECUTE format('GRANT doorstroom_app TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO doorstroom_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO doorstroom_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO doorstroom_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON traject_events, audit_log, signaal_stappen FROM doorstroom_app;
--> statement-breakpoint
-- Tables of later migrations (run by the same owner) get the same DML rights; a later append-only table
-- must REVOKE UPDATE, DELETE itself (see README, Sleutelbeheer en databaserol).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO doorstroom_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO doorstroom_app;
