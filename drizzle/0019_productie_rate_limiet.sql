-- Production, more than one app server (ADR 0020): the login and MFA rate limits count in the database, so two
-- servers on one database count the same attempts. The key is a hash (it contains an address and an e-mail).
CREATE TABLE rate_limiet (
  sleutel text PRIMARY KEY,
  aantal integer NOT NULL,
  verloopt timestamptz NOT NULL
);
--> statement-breakpoint
CREATE INDEX rate_limiet_verloopt_idx ON rate_limiet (verloopt);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limiet TO doorstroom_app;
--> statement-breakpoint
-- readiness (/api/ready) compares the applied migrations with the ones this server knows
GRANT USAGE ON SCHEMA drizzle TO doorstroom_app;
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO doorstroom_app;
