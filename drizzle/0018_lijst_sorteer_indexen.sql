-- Every sort the client list offers walks an index of client_stand and stops after the page (issue 12): the
-- key, then pseudoniem in byte order and client_id, as the list's "op" order; "af" is that order reversed, read
-- backwards. The fase key is the process order (repos/clienten.FASE_RANG, the same literal). Running placements
-- per regio, for the count of /api/signalen/plaatsingen without touching client_stand.
CREATE INDEX IF NOT EXISTS "client_stand_regio_fase_rang_idx" ON "client_stand" ("regio_id", (array_position('{geen,aangemeld,beoordeeld,geindiceerd,in_zorg,uitstroomklaar,uitgestroomd,uitgevallen}'::text[], "fase")), "pseudoniem" COLLATE "C", "client_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "client_stand_regio_urgentie_idx" ON "client_stand" ("regio_id", "urgentie", "pseudoniem" COLLATE "C", "client_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "client_stand_regio_geboortedatum_idx" ON "client_stand" ("regio_id", "geboortedatum" DESC, "pseudoniem" COLLATE "C", "client_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "client_stand_regio_sinds_idx" ON "client_stand" ("regio_id", "sinds" DESC, "pseudoniem" COLLATE "C", "client_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "client_stand_regio_herkomst_pseudoniem_idx" ON "client_stand" ("regio_id", "herkomstgemeente_id", "pseudoniem" COLLATE "C", "client_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "plaatsingen_regio_einddatum_idx" ON "plaatsingen" ("regio_id", "einddatum");
