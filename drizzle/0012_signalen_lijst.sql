-- Signal list per view, sorted and paged in SQL (issue 12); steps of one signal without a scan.
CREATE INDEX IF NOT EXISTS "signalen_regio_deadline_idx" ON "signalen" USING btree ("regio_id","deadline","id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "signalen_regio_status_idx" ON "signalen" USING btree ("regio_id","status","deadline");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "signalen_aanbieder_idx" ON "signalen" USING btree ("aanbieder_id","status","deadline");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "signalen_plaatsing_idx" ON "signalen" USING btree ("plaatsing_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "signalen_melder_idx" ON "signalen" USING btree ("melder_organisatie_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "signaal_stappen_signaal_idx" ON "signaal_stappen" USING btree ("signaal_id","tijdstip");
