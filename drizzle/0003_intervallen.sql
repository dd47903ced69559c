CREATE TABLE "traject_intervallen" (
	"client_id" uuid NOT NULL,
	"volgnr" integer NOT NULL,
	"regio_id" uuid NOT NULL,
	"gemeente_id" uuid NOT NULL,
	"soort" text NOT NULL,
	"fase" text NOT NULL,
	"niveau" text,
	"van" date NOT NULL,
	"tot" date,
	"bestemming" text,
	"wacht_dagen" integer,
	"terugkeer_op" date,
	"jong_vanaf" date NOT NULL,
	"jong_tot" date NOT NULL,
	CONSTRAINT "traject_intervallen_client_id_volgnr_pk" PRIMARY KEY("client_id","volgnr")
);
--> statement-breakpoint
ALTER TABLE "traject_intervallen" ADD CONSTRAINT "traject_intervallen_client_id_clienten_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clienten"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intervallen_regio_soort_van_idx" ON "traject_intervallen" USING btree ("regio_id","soort","van");--> statement-breakpoint
CREATE INDEX "intervallen_regio_stand_idx" ON "traject_intervallen" USING btree ("regio_id","tot") WHERE fase in ('geindiceerd', 'in_zorg', 'uitstroomklaar');