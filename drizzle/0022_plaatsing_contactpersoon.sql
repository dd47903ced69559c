-- A woningcorporatie reaches the care side of a placement through a named contact person instead of the
-- aanbieder's name (which reveals the doelgroep); see ADR 0023.
ALTER TABLE "plaatsingen" ADD COLUMN "contactpersoon" text;--> statement-breakpoint
ALTER TABLE "plaatsingen" ADD COLUMN "contact_telefoon" text;
