CREATE TABLE "monitor_maandstromen" (
	"regio_id" uuid NOT NULL,
	"gemeente_id" uuid NOT NULL,
	"maand" date NOT NULL,
	"soort" text NOT NULL,
	"bestemming" text NOT NULL,
	"aantal" integer NOT NULL,
	"jongeren" integer NOT NULL,
	"teruggekeerd" integer NOT NULL,
	"teruggekeerd_jongeren" integer NOT NULL,
	CONSTRAINT "monitor_maandstromen_regio_id_gemeente_id_maand_soort_bestemming_pk" PRIMARY KEY("regio_id","gemeente_id","maand","soort","bestemming")
);
--> statement-breakpoint
-- existing databases: the monthly flows of the intervals already there (repos/intervallen.stromenBijwerken)
INSERT INTO "monitor_maandstromen" ("regio_id", "gemeente_id", "maand", "soort", "bestemming", "aantal", "jongeren", "teruggekeerd", "teruggekeerd_jongeren")
SELECT i.regio_id, i.gemeente_id, date_trunc('month', i.van::timestamp)::date, i.soort, coalesce(i.bestemming, ''),
  count(*)::int,
  (count(*) FILTER (WHERE i.van >= i.jong_vanaf AND i.van < i.jong_tot))::int,
  (count(*) FILTER (WHERE i.terugkeer_op IS NOT NULL AND i.terugkeer_op <= i.van + 365))::int,
  (count(*) FILTER (WHERE i.van >= i.jong_vanaf AND i.van < i.jong_tot AND i.terugkeer_op IS NOT NULL AND i.terugkeer_op <= i.van + 365))::int
FROM "traject_intervallen" i
WHERE i.soort IN ('instroom', 'doorstroom', 'uitstroom', 'terugval', 'uitval')
GROUP BY 1, 2, 3, 4, 5;
