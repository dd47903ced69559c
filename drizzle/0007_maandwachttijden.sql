CREATE TABLE "monitor_maandwachttijden" (
	"regio_id" uuid NOT NULL,
	"gemeente_id" uuid NOT NULL,
	"maand" date NOT NULL,
	"soort" text NOT NULL,
	"dagen" integer NOT NULL,
	"aantal" integer NOT NULL,
	"jongeren" integer NOT NULL,
	CONSTRAINT "monitor_maandwachttijden_regio_id_gemeente_id_maand_soort_dagen_pk" PRIMARY KEY("regio_id","gemeente_id","maand","soort","dagen")
);
--> statement-breakpoint
-- existing databases: the waiting-day histograms of the intervals already there (repos/intervallen.wachttijdenBijwerken)
INSERT INTO "monitor_maandwachttijden" ("regio_id", "gemeente_id", "maand", "soort", "dagen", "aantal", "jongeren")
SELECT i.regio_id, i.gemeente_id, date_trunc('month', i.van::timestamp)::date, i.soort, i.wacht_dagen,
  count(*)::int,
  (count(*) FILTER (WHERE i.van >= i.jong_vanaf AND i.van < i.jong_tot))::int
FROM "traject_intervallen" i
WHERE i.soort IN ('instroom', 'uitstroom') AND i.wacht_dagen IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
