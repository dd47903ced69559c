CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tijdstip" timestamp with time zone DEFAULT now() NOT NULL,
	"gebruiker_id" uuid NOT NULL,
	"organisatie_id" uuid NOT NULL,
	"regio_id" uuid NOT NULL,
	"actie" text NOT NULL,
	"entiteit" text NOT NULL,
	"entiteit_id" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "beschermd_thuis_capaciteit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regio_id" uuid NOT NULL,
	"gemeente_id" uuid NOT NULL,
	"aanbieder_id" uuid NOT NULL,
	"jaar" integer NOT NULL,
	"plekken" integer NOT NULL,
	"doel_plekken" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clienten" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regio_id" uuid NOT NULL,
	"pseudoniem" text NOT NULL,
	"extern_id" text,
	"naam_versleuteld" text NOT NULL,
	"bsn_versleuteld" text,
	"bsn_hash" text,
	"geboortedatum" date NOT NULL,
	"herkomstgemeente_id" uuid NOT NULL,
	"huidige_gemeente_id" uuid NOT NULL,
	"doelgroep" text NOT NULL,
	"aanbieder_id" uuid,
	"risico_notities_versleuteld" text,
	"urgentie" integer DEFAULT 0 NOT NULL,
	"woonwensen" jsonb,
	"aangemaakt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clienten_pseudoniem_unique" UNIQUE("pseudoniem")
);
--> statement-breakpoint
CREATE TABLE "gebruikers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisatie_id" uuid NOT NULL,
	"email" text NOT NULL,
	"naam" text NOT NULL,
	"rol" text NOT NULL,
	"wachtwoord_hash" text NOT NULL,
	"actief" boolean DEFAULT true NOT NULL,
	CONSTRAINT "gebruikers_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "match_voorstellen" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regio_id" uuid NOT NULL,
	"ronde_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"woning_id" uuid NOT NULL,
	"status" text DEFAULT 'voorstel' NOT NULL,
	"score" integer NOT NULL,
	"uitleg" jsonb NOT NULL,
	"afwijzingsreden" text,
	"aangemaakt" timestamp with time zone DEFAULT now() NOT NULL,
	"gewijzigd" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meldingen" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisatie_id" uuid NOT NULL,
	"titel" text NOT NULL,
	"tekst" text NOT NULL,
	"link" text,
	"sleutel" text,
	"gelezen" boolean DEFAULT false NOT NULL,
	"aangemaakt" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meldingen_sleutel_unique" UNIQUE("sleutel")
);
--> statement-breakpoint
CREATE TABLE "organisaties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regio_id" uuid NOT NULL,
	"naam" text NOT NULL,
	"soort" text NOT NULL,
	"gemeente_code" text
);
--> statement-breakpoint
CREATE TABLE "plaatsingen" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regio_id" uuid NOT NULL,
	"woning_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"aanbieder_id" uuid,
	"afspraak_id" uuid,
	"huurconstructie" text NOT NULL,
	"startdatum" date NOT NULL,
	"einddatum" date,
	"omklapdatum" date,
	"voorwaarden" jsonb,
	"aangemaakt" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procesafspraken" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regio_id" uuid NOT NULL,
	"signaal_soort" text NOT NULL,
	"reactie_uren" integer NOT NULL,
	"oplos_dagen" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"naam" text NOT NULL,
	CONSTRAINT "regios_naam_unique" UNIQUE("naam")
);
--> statement-breakpoint
CREATE TABLE "reserveringsafspraken" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regio_id" uuid NOT NULL,
	"jaar" integer NOT NULL,
	"gemeente_id" uuid NOT NULL,
	"corporatie_id" uuid NOT NULL,
	"aantal" integer NOT NULL,
	"max_per_complex" integer NOT NULL,
	"max_per_wijk" integer NOT NULL,
	"begeleiding" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schuldregelingen" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regio_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"schuldeiser" text NOT NULL,
	"bedrag_centen" bigint NOT NULL,
	"regeling" text NOT NULL,
	"status" text NOT NULL,
	"aangemaakt" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessies" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"gebruiker_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"aangemaakt" timestamp with time zone DEFAULT now() NOT NULL,
	"verloopt" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signaal_stappen" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"signaal_id" uuid NOT NULL,
	"status" text NOT NULL,
	"tijdstip" timestamp with time zone DEFAULT now() NOT NULL,
	"door_gebruiker_id" uuid,
	"toelichting" text
);
--> statement-breakpoint
CREATE TABLE "signalen" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regio_id" uuid NOT NULL,
	"plaatsing_id" uuid NOT NULL,
	"melder_organisatie_id" uuid NOT NULL,
	"aanbieder_id" uuid NOT NULL,
	"soort" text NOT NULL,
	"details" jsonb NOT NULL,
	"status" text DEFAULT 'gemeld' NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"versie" integer DEFAULT 1 NOT NULL,
	"aangemaakt" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "taken" (
	"naam" text PRIMARY KEY NOT NULL,
	"laatste_run" timestamp with time zone,
	"vergrendeld_tot" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "traject_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"regio_id" uuid NOT NULL,
	"soort" text NOT NULL,
	"datum" date NOT NULL,
	"niveau" text,
	"bestemming" text,
	"gemeente_id" uuid NOT NULL,
	"aanbieder_id" uuid,
	"urgentie" integer,
	"toelichting" text,
	"door_gebruiker_id" uuid,
	"geregistreerd" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verdeelmodel_gemeenten" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regio_id" uuid NOT NULL,
	"gemeente_code" text NOT NULL,
	"naam" text NOT NULL,
	"waarden" jsonb NOT NULL,
	"historisch_budget_centen" bigint NOT NULL,
	"bron" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verdeelmodel_gewichtensets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regio_id" uuid NOT NULL,
	"naam" text NOT NULL,
	"indicatoren" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "woningen" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regio_id" uuid NOT NULL,
	"corporatie_id" uuid NOT NULL,
	"gemeente_id" uuid NOT NULL,
	"adres" text NOT NULL,
	"wijk" text NOT NULL,
	"complex" text NOT NULL,
	"type" text NOT NULL,
	"kamers" integer NOT NULL,
	"huur_centen" integer NOT NULL,
	"toegankelijk" boolean DEFAULT false NOT NULL,
	"beschikbaar_per" date NOT NULL,
	"status" text DEFAULT 'beschikbaar' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "beschermd_thuis_capaciteit" ADD CONSTRAINT "beschermd_thuis_capaciteit_gemeente_id_organisaties_id_fk" FOREIGN KEY ("gemeente_id") REFERENCES "public"."organisaties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beschermd_thuis_capaciteit" ADD CONSTRAINT "beschermd_thuis_capaciteit_aanbieder_id_organisaties_id_fk" FOREIGN KEY ("aanbieder_id") REFERENCES "public"."organisaties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clienten" ADD CONSTRAINT "clienten_regio_id_regios_id_fk" FOREIGN KEY ("regio_id") REFERENCES "public"."regios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clienten" ADD CONSTRAINT "clienten_herkomstgemeente_id_organisaties_id_fk" FOREIGN KEY ("herkomstgemeente_id") REFERENCES "public"."organisaties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clienten" ADD CONSTRAINT "clienten_huidige_gemeente_id_organisaties_id_fk" FOREIGN KEY ("huidige_gemeente_id") REFERENCES "public"."organisaties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clienten" ADD CONSTRAINT "clienten_aanbieder_id_organisaties_id_fk" FOREIGN KEY ("aanbieder_id") REFERENCES "public"."organisaties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gebruikers" ADD CONSTRAINT "gebruikers_organisatie_id_organisaties_id_fk" FOREIGN KEY ("organisatie_id") REFERENCES "public"."organisaties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_voorstellen" ADD CONSTRAINT "match_voorstellen_client_id_clienten_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clienten"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_voorstellen" ADD CONSTRAINT "match_voorstellen_woning_id_woningen_id_fk" FOREIGN KEY ("woning_id") REFERENCES "public"."woningen"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meldingen" ADD CONSTRAINT "meldingen_organisatie_id_organisaties_id_fk" FOREIGN KEY ("organisatie_id") REFERENCES "public"."organisaties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisaties" ADD CONSTRAINT "organisaties_regio_id_regios_id_fk" FOREIGN KEY ("regio_id") REFERENCES "public"."regios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plaatsingen" ADD CONSTRAINT "plaatsingen_woning_id_woningen_id_fk" FOREIGN KEY ("woning_id") REFERENCES "public"."woningen"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plaatsingen" ADD CONSTRAINT "plaatsingen_client_id_clienten_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clienten"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plaatsingen" ADD CONSTRAINT "plaatsingen_aanbieder_id_organisaties_id_fk" FOREIGN KEY ("aanbieder_id") REFERENCES "public"."organisaties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plaatsingen" ADD CONSTRAINT "plaatsingen_afspraak_id_reserveringsafspraken_id_fk" FOREIGN KEY ("afspraak_id") REFERENCES "public"."reserveringsafspraken"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserveringsafspraken" ADD CONSTRAINT "reserveringsafspraken_gemeente_id_organisaties_id_fk" FOREIGN KEY ("gemeente_id") REFERENCES "public"."organisaties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserveringsafspraken" ADD CONSTRAINT "reserveringsafspraken_corporatie_id_organisaties_id_fk" FOREIGN KEY ("corporatie_id") REFERENCES "public"."organisaties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schuldregelingen" ADD CONSTRAINT "schuldregelingen_client_id_clienten_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clienten"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessies" ADD CONSTRAINT "sessies_gebruiker_id_gebruikers_id_fk" FOREIGN KEY ("gebruiker_id") REFERENCES "public"."gebruikers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signaal_stappen" ADD CONSTRAINT "signaal_stappen_signaal_id_signalen_id_fk" FOREIGN KEY ("signaal_id") REFERENCES "public"."signalen"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signalen" ADD CONSTRAINT "signalen_plaatsing_id_plaatsingen_id_fk" FOREIGN KEY ("plaatsing_id") REFERENCES "public"."plaatsingen"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signalen" ADD CONSTRAINT "signalen_melder_organisatie_id_organisaties_id_fk" FOREIGN KEY ("melder_organisatie_id") REFERENCES "public"."organisaties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signalen" ADD CONSTRAINT "signalen_aanbieder_id_organisaties_id_fk" FOREIGN KEY ("aanbieder_id") REFERENCES "public"."organisaties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "traject_events" ADD CONSTRAINT "traject_events_client_id_clienten_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clienten"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "woningen" ADD CONSTRAINT "woningen_corporatie_id_organisaties_id_fk" FOREIGN KEY ("corporatie_id") REFERENCES "public"."organisaties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "woningen" ADD CONSTRAINT "woningen_gemeente_id_organisaties_id_fk" FOREIGN KEY ("gemeente_id") REFERENCES "public"."organisaties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_regio_tijd_idx" ON "audit_log" USING btree ("regio_id","tijdstip");--> statement-breakpoint
CREATE INDEX "audit_entiteit_idx" ON "audit_log" USING btree ("entiteit","entiteit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bt_cap_uq" ON "beschermd_thuis_capaciteit" USING btree ("jaar","gemeente_id","aanbieder_id");--> statement-breakpoint
CREATE INDEX "clienten_regio_idx" ON "clienten" USING btree ("regio_id");--> statement-breakpoint
CREATE INDEX "clienten_herkomst_idx" ON "clienten" USING btree ("herkomstgemeente_id");--> statement-breakpoint
CREATE INDEX "clienten_aanbieder_idx" ON "clienten" USING btree ("aanbieder_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clienten_extern_uq" ON "clienten" USING btree ("regio_id","extern_id");--> statement-breakpoint
CREATE INDEX "voorstel_client_idx" ON "match_voorstellen" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "voorstel_woning_idx" ON "match_voorstellen" USING btree ("woning_id");--> statement-breakpoint
CREATE INDEX "meldingen_org_idx" ON "meldingen" USING btree ("organisatie_id","aangemaakt");--> statement-breakpoint
CREATE INDEX "organisaties_regio_idx" ON "organisaties" USING btree ("regio_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisaties_naam_uq" ON "organisaties" USING btree ("regio_id","naam");--> statement-breakpoint
CREATE INDEX "plaatsingen_woning_idx" ON "plaatsingen" USING btree ("woning_id");--> statement-breakpoint
CREATE INDEX "plaatsingen_client_idx" ON "plaatsingen" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "procesafspraak_uq" ON "procesafspraken" USING btree ("regio_id","signaal_soort");--> statement-breakpoint
CREATE UNIQUE INDEX "afspraak_uq" ON "reserveringsafspraken" USING btree ("jaar","gemeente_id","corporatie_id");--> statement-breakpoint
CREATE INDEX "signalen_status_deadline_idx" ON "signalen" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "events_client_idx" ON "traject_events" USING btree ("client_id","datum");--> statement-breakpoint
CREATE INDEX "events_regio_datum_idx" ON "traject_events" USING btree ("regio_id","datum");--> statement-breakpoint
CREATE INDEX "events_soort_datum_idx" ON "traject_events" USING btree ("soort","datum");--> statement-breakpoint
CREATE UNIQUE INDEX "vm_gemeente_uq" ON "verdeelmodel_gemeenten" USING btree ("regio_id","gemeente_code");--> statement-breakpoint
CREATE UNIQUE INDEX "vm_set_uq" ON "verdeelmodel_gewichtensets" USING btree ("regio_id","naam");--> statement-breakpoint
CREATE INDEX "woningen_corp_idx" ON "woningen" USING btree ("corporatie_id");--> statement-breakpoint
CREATE INDEX "woningen_gemeente_idx" ON "woningen" USING btree ("gemeente_id");