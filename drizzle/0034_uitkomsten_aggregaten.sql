-- Outcome measures at 1M events (issue 15, ADR 0036): small aggregates kept in step by repos/intervallen in the
-- statement that deletes a client's old intervals, like monitor_wachttijden. Stay lengths as a histogram per gebied
-- (gemeente of the stay's first event, and the regio as a whole), period and niveau, so mean and median follow
-- exactly from counts; instroom (first or not) and uitstroom (per bestemming, by the shortest return window it
-- returned within) counted per gemeente and month. Bestemming stays a key: which ones are lasting is decided when
-- reading (domain/uitkomsten.BLIJVENDE_BESTEMMINGEN).
CREATE TABLE "monitor_verblijfsduur" (
	"regio_id" uuid NOT NULL,
	"gebied_id" uuid NOT NULL,
	"periode" text NOT NULL,
	"start" date NOT NULL,
	"niveau" text NOT NULL,
	"dagen" integer NOT NULL,
	"aantal" integer NOT NULL,
	"jongeren" integer NOT NULL,
	CONSTRAINT "monitor_verblijfsduur_pk" PRIMARY KEY("regio_id","gebied_id","periode","start","niveau","dagen")
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
INSERT INTO "monitor_verblijfsduur" ("regio_id", "gebied_id", "periode", "start", "niveau", "dagen", "aantal", "jongeren")
SELECT i.regio_id, g.gebied_id, p.periode, p.start, i.verblijf_niveau, i.verblijf_dagen,
  count(*)::int,
  (count(*) FILTER (WHERE i.van >= i.jong_vanaf AND i.van < i.jong_tot))::int
FROM "traject_intervallen" i
  CROSS JOIN LATERAL (VALUES (i.verblijf_gemeente_id), (i.regio_id)) g(gebied_id)
  CROSS JOIN LATERAL (VALUES
    ('maand', date_trunc('month', i.van::timestamp)::date),
    ('kwartaal', date_trunc('quarter', i.van::timestamp)::date),
    ('jaar', date_trunc('year', i.van::timestamp)::date)
  ) p(periode, start)
WHERE i.verblijf_dagen IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6;
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
