CREATE TABLE "monitor_wachttijden" (
	"regio_id" uuid NOT NULL,
	"gebied_id" uuid NOT NULL,
	"periode" text NOT NULL,
	"start" date NOT NULL,
	"soort" text NOT NULL,
	"dagen" integer NOT NULL,
	"aantal" integer NOT NULL,
	"jongeren" integer NOT NULL,
	CONSTRAINT "monitor_wachttijden_regio_id_gebied_id_periode_start_soort_dagen_pk" PRIMARY KEY("regio_id","gebied_id","periode","start","soort","dagen")
);
--> statement-breakpoint
-- existing databases: the waiting-day histograms of the intervals already there (repos/intervallen.wachttijdenBijwerken)
INSERT INTO "monitor_wachttijden" ("regio_id", "gebied_id", "periode", "start", "soort", "dagen", "aantal", "jongeren")
SELECT i.regio_id, g.gebied_id, p.periode, p.start, i.soort, i.wacht_dagen,
  count(*)::int,
  (count(*) FILTER (WHERE i.van >= i.jong_vanaf AND i.van < i.jong_tot))::int
FROM "traject_intervallen" i
  CROSS JOIN LATERAL (VALUES (i.gemeente_id), (i.regio_id)) g(gebied_id)
  CROSS JOIN LATERAL (VALUES
    ('maand', date_trunc('month', i.van::timestamp)::date),
    ('kwartaal', date_trunc('quarter', i.van::timestamp)::date),
    ('jaar', date_trunc('year', i.van::timestamp)::date)
  ) p(periode, start)
WHERE i.soort IN ('instroom', 'uitstroom') AND i.wacht_dagen IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6;
