-- Outcome measures at 1M events (issue 15, ADR 0036): small aggregates kept in step by repos/intervallen in the
-- statement that deletes a client's old intervals, like monitor_wachttijden. Stay lengths as a histogram per gebied
-- (gemeente of the stay's first event, and the regio as a whole), period and niveau, so mean and median follow
-- exactly from counts (schaal 1: per day; schaal 32: per 32 days with the sum of the days, to find the median's
-- stretch without reading every day); instroom (first or not) and uitstroom (per bestemming, by the shortest return window it
-- returned within) counted per gemeente and month. Bestemming stays a key: which ones are lasting is decided when
-- reading (domain/uitkomsten.BLIJVENDE_BESTEMMINGEN).
CREATE TABLE "monitor_verblijfsduur" (
	"regio_id" uuid NOT NULL,
	"gebied_id" uuid NOT NULL,
	"periode" text NOT NULL,
	"schaal" integer NOT NULL,
	"start" date NOT NULL,
	"niveau" text NOT NULL,
	"dagen" integer NOT NULL,
	"aantal" integer NOT NULL,
	"jongeren" integer NOT NULL,
	"som" bigint NOT NULL,
	"som_jongeren" bigint NOT NULL,
	CONSTRAINT "monitor_verblijfsduur_pk" PRIMARY KEY("regio_id","gebied_id","periode","schaal","start","niveau","dagen")
);
--> statement-breakpoint
CREATE TABLE "monitor_uitkomstmaand" (
	"regio_id" uuid NOT NULL,
	"gemeente_id" uuid NOT NULL,
	"maand" date NOT NULL,
	"soort" text NOT NULL,
	"bestemming" text NOT NULL,
	"eerste" boolean NOT NULL,
	"terug_binnen" integer NOT NULL,
	"aantal" integer NOT NULL,
	"jongeren" integer NOT NULL,
	CONSTRAINT "monitor_uitkomstmaand_pk" PRIMARY KEY("regio_id","gemeente_id","maand","soort","bestemming","eerste","terug_binnen")
);
--> statement-breakpoint
-- existing databases: the aggregates of the intervals already there (repos/uitkomstaggregaten, with teken = 1)
INSERT INTO "monitor_verblijfsduur" ("regio_id", "gebied_id", "periode", "schaal", "start", "niveau", "dagen", "aantal", "jongeren", "som", "som_jongeren")
SELECT i.regio_id, g.gebied_id, p.periode, k.schaal, p.start, i.verblijf_niveau, (i.verblijf_dagen / k.schaal) * k.schaal,
  count(*)::int,
  (count(*) FILTER (WHERE i.van >= i.jong_vanaf AND i.van < i.jong_tot))::int,
  sum(i.verblijf_dagen)::bigint,
  coalesce(sum(i.verblijf_dagen) FILTER (WHERE i.van >= i.jong_vanaf AND i.van < i.jong_tot), 0)::bigint
FROM "traject_intervallen" i
  CROSS JOIN LATERAL (VALUES (i.verblijf_gemeente_id), (i.regio_id)) g(gebied_id)
  CROSS JOIN LATERAL (VALUES (1), (32)) k(schaal)
  CROSS JOIN LATERAL (VALUES
    ('maand', date_trunc('month', i.van::timestamp)::date),
    ('kwartaal', date_trunc('quarter', i.van::timestamp)::date),
    ('jaar', date_trunc('year', i.van::timestamp)::date)
  ) p(periode, start)
WHERE i.verblijf_dagen IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
INSERT INTO "monitor_uitkomstmaand" ("regio_id", "gemeente_id", "maand", "soort", "bestemming", "eerste", "terug_binnen", "aantal", "jongeren")
SELECT i.regio_id, i.gemeente_id, date_trunc('month', i.van::timestamp)::date, i.soort,
  CASE WHEN i.soort = 'uitstroom' THEN coalesce(i.bestemming, '') ELSE '' END,
  CASE WHEN i.soort = 'instroom' THEN coalesce(i.eerste_instroom, false) ELSE false END,
  CASE WHEN i.soort <> 'uitstroom' OR i.terugkeer_op IS NULL THEN 0
    WHEN i.terugkeer_op - i.van <= 183 THEN 6 WHEN i.terugkeer_op - i.van <= 365 THEN 12 WHEN i.terugkeer_op - i.van <= 730 THEN 24 ELSE 0 END,
  count(*)::int,
  (count(*) FILTER (WHERE i.van >= i.jong_vanaf AND i.van < i.jong_tot))::int
FROM "traject_intervallen" i
WHERE i.soort IN ('instroom', 'uitstroom')
GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
-- Data quality at 1M events (ADR 0036). Likely duplicates: per regio how many records share a key (a BSN hash; a
-- birth date with the name key of repos/naamindex, anonymised records left out), kept by statement triggers on
-- clienten in the writing transaction, whatever path writes (API, import, seed, key rotation, anonymisation,
-- deletion). The page reads only keys held by two or more records.
CREATE TABLE "client_dubbelsleutels" (
	"regio_id" uuid NOT NULL,
	"soort" text NOT NULL,
	"sleutel" text NOT NULL,
	"aantal" integer NOT NULL,
	CONSTRAINT "client_dubbelsleutels_pk" PRIMARY KEY("regio_id","soort","sleutel")
);
--> statement-breakpoint
CREATE INDEX "client_dubbelsleutels_dubbel_idx" ON "client_dubbelsleutels" ("regio_id", "soort", "sleutel") WHERE aantal > 1;
--> statement-breakpoint
CREATE FUNCTION client_dubbelsleutels_bij() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO client_dubbelsleutels AS d (regio_id, soort, sleutel, aantal)
    SELECT regio_id, soort, sleutel, sum(teken)::int FROM (
      SELECT n.regio_id, 'bsn' AS soort, n.bsn_hash AS sleutel, 1 AS teken FROM nieuw n WHERE n.bsn_hash IS NOT NULL
      UNION ALL SELECT n.regio_id, 'naam', to_char(n.geboortedatum, 'YYYY-MM-DD') || ':' || n.naam_sleutel, 1 FROM nieuw n WHERE n.naam_sleutel IS NOT NULL AND n.geanonimiseerd_op IS NULL
    ) x GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (regio_id, soort, sleutel) DO UPDATE SET aantal = d.aantal + excluded.aantal;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO client_dubbelsleutels AS d (regio_id, soort, sleutel, aantal)
    SELECT regio_id, soort, sleutel, sum(teken)::int FROM (
      SELECT o.regio_id, 'bsn' AS soort, o.bsn_hash AS sleutel, -1 AS teken FROM oud o WHERE o.bsn_hash IS NOT NULL
      UNION ALL SELECT o.regio_id, 'naam', to_char(o.geboortedatum, 'YYYY-MM-DD') || ':' || o.naam_sleutel, -1 FROM oud o WHERE o.naam_sleutel IS NOT NULL AND o.geanonimiseerd_op IS NULL
    ) x GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (regio_id, soort, sleutel) DO UPDATE SET aantal = d.aantal + excluded.aantal;
  ELSE
    INSERT INTO client_dubbelsleutels AS d (regio_id, soort, sleutel, aantal)
    SELECT regio_id, soort, sleutel, sum(teken)::int FROM (
      SELECT o.regio_id, 'bsn' AS soort, o.bsn_hash AS sleutel, -1 AS teken FROM oud o WHERE o.bsn_hash IS NOT NULL
      UNION ALL SELECT o.regio_id, 'naam', to_char(o.geboortedatum, 'YYYY-MM-DD') || ':' || o.naam_sleutel, -1 FROM oud o WHERE o.naam_sleutel IS NOT NULL AND o.geanonimiseerd_op IS NULL
      UNION ALL SELECT n.regio_id, 'bsn', n.bsn_hash, 1 FROM nieuw n WHERE n.bsn_hash IS NOT NULL
      UNION ALL SELECT n.regio_id, 'naam', to_char(n.geboortedatum, 'YYYY-MM-DD') || ':' || n.naam_sleutel, 1 FROM nieuw n WHERE n.naam_sleutel IS NOT NULL AND n.geanonimiseerd_op IS NULL
    ) x GROUP BY 1, 2, 3 HAVING sum(teken) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (regio_id, soort, sleutel) DO UPDATE SET aantal = d.aantal + excluded.aantal;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER client_dubbelsleutels_insert AFTER INSERT ON clienten REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION client_dubbelsleutels_bij();
--> statement-breakpoint
CREATE TRIGGER client_dubbelsleutels_update AFTER UPDATE ON clienten REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION client_dubbelsleutels_bij();
--> statement-breakpoint
CREATE TRIGGER client_dubbelsleutels_delete AFTER DELETE ON clienten REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION client_dubbelsleutels_bij();
--> statement-breakpoint
INSERT INTO client_dubbelsleutels (regio_id, soort, sleutel, aantal)
SELECT regio_id, soort, sleutel, count(*)::int FROM (
  SELECT regio_id, 'bsn' AS soort, bsn_hash AS sleutel FROM clienten WHERE bsn_hash IS NOT NULL
  UNION ALL SELECT regio_id, 'naam', to_char(geboortedatum, 'YYYY-MM-DD') || ':' || naam_sleutel FROM clienten WHERE naam_sleutel IS NOT NULL AND geanonimiseerd_op IS NULL
) x GROUP BY 1, 2, 3;
--> statement-breakpoint
-- the clients of one key, for the records of a duplicate key
CREATE INDEX "clienten_regio_bsn_idx" ON "clienten" ("regio_id", "bsn_hash") WHERE bsn_hash IS NOT NULL;
--> statement-breakpoint
-- missing fields: each gap counted and listed from its own small index, in pseudoniem order, with the columns the
-- narrower viewers filter on
CREATE INDEX "clienten_zonder_bsn_idx" ON "clienten" ("regio_id", "pseudoniem") INCLUDE ("aanbieder_id", "herkomstgemeente_id", "huidige_gemeente_id") WHERE bsn_hash IS NULL AND geanonimiseerd_op IS NULL;
--> statement-breakpoint
CREATE INDEX "clienten_zonder_aanbieder_idx" ON "clienten" ("regio_id", "pseudoniem") INCLUDE ("herkomstgemeente_id", "huidige_gemeente_id") WHERE aanbieder_id IS NULL;
--> statement-breakpoint
CREATE INDEX "clienten_zonder_woonwensen_idx" ON "clienten" ("regio_id", "pseudoniem") INCLUDE ("aanbieder_id", "herkomstgemeente_id", "huidige_gemeente_id") WHERE woonwensen IS NULL;
--> statement-breakpoint
CREATE INDEX "events_regio_uitstroom_onbekend_idx" ON "traject_events" ("regio_id", "client_id") WHERE soort = 'uitstroom' AND (bestemming IS NULL OR bestemming = 'onbekend');
--> statement-breakpoint
-- registration lateness: per regio, event date, registering organisation (the nil uuid for none: import or seed) and
-- days late (0 when registered ahead) how many events, kept by a statement trigger on traject_events (append-only:
-- inserted, or deleted with their client)
CREATE TABLE "monitor_laatheid" (
	"regio_id" uuid NOT NULL,
	"datum" date NOT NULL,
	"organisatie_id" uuid NOT NULL,
	"dagen" integer NOT NULL,
	"aantal" integer NOT NULL,
	CONSTRAINT "monitor_laatheid_pk" PRIMARY KEY("regio_id","datum","organisatie_id","dagen")
);
--> statement-breakpoint
CREATE FUNCTION monitor_laatheid_bij() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO monitor_laatheid AS m (regio_id, datum, organisatie_id, dagen, aantal)
    SELECT e.regio_id, e.datum, coalesce(g.organisatie_id, '00000000-0000-0000-0000-000000000000'::uuid),
      greatest(0, (e.geregistreerd AT TIME ZONE 'Europe/Amsterdam')::date - e.datum), -count(*)::int
    FROM oud e LEFT JOIN gebruikers g ON g.id = e.door_gebruiker_id
    WHERE e.soort <> 'correctie'
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (regio_id, datum, organisatie_id, dagen) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO monitor_laatheid AS m (regio_id, datum, organisatie_id, dagen, aantal)
    SELECT e.regio_id, e.datum, coalesce(g.organisatie_id, '00000000-0000-0000-0000-000000000000'::uuid),
      greatest(0, (e.geregistreerd AT TIME ZONE 'Europe/Amsterdam')::date - e.datum), count(*)::int
    FROM nieuw e LEFT JOIN gebruikers g ON g.id = e.door_gebruiker_id
    WHERE e.soort <> 'correctie'
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (regio_id, datum, organisatie_id, dagen) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER monitor_laatheid_insert AFTER INSERT ON traject_events REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION monitor_laatheid_bij();
--> statement-breakpoint
CREATE TRIGGER monitor_laatheid_update AFTER UPDATE ON traject_events REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION monitor_laatheid_bij();
--> statement-breakpoint
CREATE TRIGGER monitor_laatheid_delete AFTER DELETE ON traject_events REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION monitor_laatheid_bij();
--> statement-breakpoint
INSERT INTO monitor_laatheid (regio_id, datum, organisatie_id, dagen, aantal)
SELECT e.regio_id, e.datum, coalesce(g.organisatie_id, '00000000-0000-0000-0000-000000000000'::uuid),
  greatest(0, (e.geregistreerd AT TIME ZONE 'Europe/Amsterdam')::date - e.datum), count(*)::int
FROM traject_events e LEFT JOIN gebruikers g ON g.id = e.door_gebruiker_id
WHERE e.soort <> 'correctie'
GROUP BY 1, 2, 3, 4;
