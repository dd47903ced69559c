-- The client list's total without counting the region (issue 12, ADR 0039): client_stand counted per combination
-- of the columns the list and its zicht filter on. Kept by statement-level triggers on client_stand itself, so every
-- path that writes it (event, import, correction, seed, rebuild, the clienten copy trigger, a cascade delete) keeps the
-- counts in step in its own transaction. Keys in a fixed order (ORDER BY) so concurrent writers lock count rows in the
-- same order, as monitor_maandmutaties does; rows that come to hold 0 stay (bounded by the combinations).
CREATE TABLE "client_stand_tellingen" (
	"regio_id" uuid NOT NULL,
	"herkomstgemeente_id" uuid NOT NULL,
	"huidige_gemeente_id" uuid NOT NULL,
	"aanbieder_id" uuid,
	"doelgroep" text NOT NULL,
	"fase" text NOT NULL,
	"niveau" text,
	"aantal" integer NOT NULL,
	CONSTRAINT "client_stand_tellingen_sleutel" UNIQUE NULLS NOT DISTINCT ("regio_id", "herkomstgemeente_id", "huidige_gemeente_id", "aanbieder_id", "doelgroep", "fase", "niveau")
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION client_stand_tel_nieuw() RETURNS trigger AS $$
BEGIN
  INSERT INTO client_stand_tellingen AS t (regio_id, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, fase, niveau, aantal)
  SELECT regio_id, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, fase, niveau, count(*)::int
  FROM nieuw GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ON CONSTRAINT client_stand_tellingen_sleutel DO UPDATE SET aantal = t.aantal + EXCLUDED.aantal;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION client_stand_tel_oud() RETURNS trigger AS $$
BEGIN
  INSERT INTO client_stand_tellingen AS t (regio_id, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, fase, niveau, aantal)
  SELECT regio_id, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, fase, niveau, -count(*)::int
  FROM oud GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ON CONSTRAINT client_stand_tellingen_sleutel DO UPDATE SET aantal = t.aantal + EXCLUDED.aantal;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- an update moves a row from its old combination to its new one; one that changes none of the keys touches no count
CREATE OR REPLACE FUNCTION client_stand_tel_wijziging() RETURNS trigger AS $$
BEGIN
  INSERT INTO client_stand_tellingen AS t (regio_id, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, fase, niveau, aantal)
  SELECT regio_id, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, fase, niveau, sum(d)::int
  FROM (
    SELECT regio_id, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, fase, niveau, 1 AS d FROM nieuw
    UNION ALL
    SELECT regio_id, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, fase, niveau, -1 FROM oud
  ) x
  GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ON CONSTRAINT client_stand_tellingen_sleutel DO UPDATE SET aantal = t.aantal + EXCLUDED.aantal;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER client_stand_tel_invoegen AFTER INSERT ON client_stand REFERENCING NEW TABLE AS nieuw
  FOR EACH STATEMENT EXECUTE FUNCTION client_stand_tel_nieuw();
--> statement-breakpoint
CREATE TRIGGER client_stand_tel_verwijderen AFTER DELETE ON client_stand REFERENCING OLD TABLE AS oud
  FOR EACH STATEMENT EXECUTE FUNCTION client_stand_tel_oud();
--> statement-breakpoint
CREATE TRIGGER client_stand_tel_wijzigen AFTER UPDATE ON client_stand REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw
  FOR EACH STATEMENT EXECUTE FUNCTION client_stand_tel_wijziging();
--> statement-breakpoint
-- existing databases: the counts of what client_stand holds now
INSERT INTO client_stand_tellingen (regio_id, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, fase, niveau, aantal)
SELECT regio_id, herkomstgemeente_id, huidige_gemeente_id, aanbieder_id, doelgroep, fase, niveau, count(*)::int
FROM client_stand GROUP BY 1, 2, 3, 4, 5, 6, 7;
