-- Read path (issue 12): every request with a cookie resolves its session. The session row carries what the
-- Actor needs (role, organisation, its kind and region), so that is one primary-key lookup instead of a
-- three-table join. Copies must not outlive their source: a change of a user's role, organisation or active flag,
-- or of an organisation's kind or region, ends that user's sessions (a trigger, whichever path makes the change).
ALTER TABLE "sessies" ADD COLUMN "rol" text;
--> statement-breakpoint
ALTER TABLE "sessies" ADD COLUMN "organisatie_id" uuid;
--> statement-breakpoint
ALTER TABLE "sessies" ADD COLUMN "organisatie_soort" text;
--> statement-breakpoint
ALTER TABLE "sessies" ADD COLUMN "regio_id" uuid;
--> statement-breakpoint
UPDATE "sessies" s SET "rol" = g."rol", "organisatie_id" = o."id", "organisatie_soort" = o."soort", "regio_id" = o."regio_id"
  FROM "gebruikers" g JOIN "organisaties" o ON o."id" = g."organisatie_id"
  WHERE g."id" = s."gebruiker_id";
--> statement-breakpoint
DELETE FROM "sessies" s USING "gebruikers" g WHERE g."id" = s."gebruiker_id" AND NOT g."actief";
--> statement-breakpoint
ALTER TABLE "sessies" ALTER COLUMN "rol" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "sessies" ALTER COLUMN "organisatie_id" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "sessies" ALTER COLUMN "organisatie_soort" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "sessies" ALTER COLUMN "regio_id" SET NOT NULL;
--> statement-breakpoint
CREATE INDEX "sessies_gebruiker_idx" ON "sessies" ("gebruiker_id");
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sessies_vervallen_gebruiker() RETURNS trigger AS $$
BEGIN
  DELETE FROM sessies WHERE gebruiker_id = NEW.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER gebruikers_sessies_vervallen AFTER UPDATE OF actief, rol, organisatie_id ON gebruikers
  FOR EACH ROW
  WHEN (OLD.actief IS DISTINCT FROM NEW.actief OR OLD.rol IS DISTINCT FROM NEW.rol OR OLD.organisatie_id IS DISTINCT FROM NEW.organisatie_id)
  EXECUTE FUNCTION sessies_vervallen_gebruiker();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sessies_vervallen_organisatie() RETURNS trigger AS $$
BEGIN
  DELETE FROM sessies WHERE organisatie_id = NEW.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER organisaties_sessies_vervallen AFTER UPDATE OF soort, regio_id ON organisaties
  FOR EACH ROW
  WHEN (OLD.soort IS DISTINCT FROM NEW.soort OR OLD.regio_id IS DISTINCT FROM NEW.regio_id)
  EXECUTE FUNCTION sessies_vervallen_organisatie();
