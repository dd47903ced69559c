CREATE TABLE "monitor_maandmutaties" (
	"regio_id" uuid NOT NULL,
	"gemeente_id" uuid NOT NULL,
	"maand" date NOT NULL,
	"fase" text NOT NULL,
	"niveau" text NOT NULL,
	"aantal" integer NOT NULL,
	"jongeren" integer NOT NULL,
	CONSTRAINT "monitor_maandmutaties_regio_id_gemeente_id_maand_fase_niveau_pk" PRIMARY KEY("regio_id","gemeente_id","maand","fase","niveau")
);
--> statement-breakpoint
-- existing databases: the monthly stock changes of the intervals already there (repos/intervallen.mutatiesBijwerken)
INSERT INTO "monitor_maandmutaties" ("regio_id", "gemeente_id", "maand", "fase", "niveau", "aantal", "jongeren")
SELECT i.regio_id, i.gemeente_id, x.maand, i.fase, coalesce(i.niveau, ''), sum(x.aantal)::int, sum(x.jong)::int
FROM "traject_intervallen" i
  CROSS JOIN LATERAL (SELECT greatest(i.van, i.jong_vanaf) AS a, least(coalesce(i.tot, 'infinity'::date), i.jong_tot) AS b) jong
  CROSS JOIN LATERAL (VALUES
    (date_trunc('month', i.van::timestamp)::date, 1, 0),
    (date_trunc('month', i.tot::timestamp)::date, -1, 0),
    (CASE WHEN jong.a < jong.b THEN date_trunc('month', jong.a::timestamp)::date END, 0, 1),
    (CASE WHEN jong.a < jong.b THEN date_trunc('month', jong.b::timestamp)::date END, 0, -1)
  ) x(maand, aantal, jong)
WHERE i.fase IN ('geindiceerd', 'in_zorg', 'uitstroomklaar') AND x.maand IS NOT NULL
GROUP BY i.regio_id, i.gemeente_id, x.maand, i.fase, coalesce(i.niveau, '')
HAVING sum(x.aantal) <> 0 OR sum(x.jong) <> 0;
