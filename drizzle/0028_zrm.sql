-- ZRM assessments (Zelfredzaamheid-Matrix 2017), see ADR 0032. Scores as jsonb {domein: 1..5 | null}, checked by
-- the domain (src/domain/zrm.ts). Notes are encrypted like risk notes. An assessment entered in error is voided
-- with a reason, never deleted by a user; a deleted client takes its assessments with it (cascade).
CREATE TABLE "zrm_beoordelingen" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "regio_id" uuid NOT NULL REFERENCES "regios"("id"),
  "client_id" uuid NOT NULL REFERENCES "clienten"("id") ON DELETE CASCADE,
  "organisatie_id" uuid NOT NULL REFERENCES "organisaties"("id"),
  "datum" date NOT NULL,
  "scores" jsonb NOT NULL,
  "toelichting_versleuteld" text,
  "vastgelegd_door" uuid NOT NULL,
  "vastgelegd_op" timestamp with time zone DEFAULT now() NOT NULL,
  "ingetrokken_op" timestamp with time zone,
  "ingetrokken_door" uuid,
  "intrekkingsreden" text,
  CONSTRAINT "zrm_scores_object" CHECK (jsonb_typeof("scores") = 'object'),
  CONSTRAINT "zrm_intrekking_volledig" CHECK (("ingetrokken_op" IS NULL) = ("intrekkingsreden" IS NULL))
);
--> statement-breakpoint
CREATE INDEX "zrm_beoordelingen_client_idx" ON "zrm_beoordelingen" ("client_id", "datum" DESC, "vastgelegd_op" DESC);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "zrm_beoordelingen" TO doorstroom_app;
