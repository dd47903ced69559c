-- Issue 15, the last dashboards over 200 ms at 1M events (ADR 0038): two more aggregates kept by statement triggers
-- in the writing transaction, whatever path writes (API, import, seed, correction, retention, rebuild).
--
-- Registration lateness for the narrower viewers (aanbieder, regiogemeente). monitor_laatheid serves the whole regio;
-- monitor_laatheid_zicht counts the same events once under every organisation that sees their client through
-- clientFilter: its aanbieder, its herkomstgemeente and (when different) its huidige gemeente. A viewer reads the rows
-- of its own organisation id. Only events whose regio is their client's regio count (the viewer's filter reads both).
CREATE TABLE "monitor_laatheid_zicht" (
	"regio_id" uuid NOT NULL,
	"zicht_id" uuid NOT NULL,
	"datum" date NOT NULL,
	"organisatie_id" uuid NOT NULL,
	"dagen" integer NOT NULL,
	"aantal" integer NOT NULL,
	CONSTRAINT "monitor_laatheid_zicht_pk" PRIMARY KEY("regio_id","zicht_id","datum","organisatie_id","dagen")
);
--> statement-breakpoint
-- events written (inserted; updated or deleted only by retention and privileged migrations), under their client's
-- organisations as they are now. PL/pgSQL plans a statement only when it runs: each branch names only the transition
-- tables its operation has.
CREATE FUNCTION monitor_laatheid_zicht_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO monitor_laatheid_zicht AS m (regio_id, zicht_id, datum, organisatie_id, dagen, aantal)
    SELECT c.regio_id, k.zicht_id, x.datum, coalesce(g.organisatie_id, '00000000-0000-0000-0000-000000000000'::uuid),
      greatest(0, (x.geregistreerd AT TIME ZONE 'Europe/Amsterdam')::date - x.datum), count(*)::int
    FROM nieuw x
      JOIN clienten c ON c.id = x.client_id AND c.regio_id = x.regio_id
      CROSS JOIN LATERAL (VALUES (c.aanbieder_id), (c.herkomstgemeente_id), (nullif(c.huidige_gemeente_id, c.herkomstgemeente_id))) k(zicht_id)
      LEFT JOIN gebruikers g ON g.id = x.door_gebruiker_id
    WHERE k.zicht_id IS NOT NULL AND x.soort <> 'correctie'
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (regio_id, zicht_id, datum, organisatie_id, dagen) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO monitor_laatheid_zicht AS m (regio_id, zicht_id, datum, organisatie_id, dagen, aantal)
    SELECT c.regio_id, k.zicht_id, x.datum, coalesce(g.organisatie_id, '00000000-0000-0000-0000-000000000000'::uuid),
      greatest(0, (x.geregistreerd AT TIME ZONE 'Europe/Amsterdam')::date - x.datum), -count(*)::int
    FROM oud x
      JOIN clienten c ON c.id = x.client_id AND c.regio_id = x.regio_id
      CROSS JOIN LATERAL (VALUES (c.aanbieder_id), (c.herkomstgemeente_id), (nullif(c.huidige_gemeente_id, c.herkomstgemeente_id))) k(zicht_id)
      LEFT JOIN gebruikers g ON g.id = x.door_gebruiker_id
    WHERE k.zicht_id IS NOT NULL AND x.soort <> 'correctie'
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (regio_id, zicht_id, datum, organisatie_id, dagen) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  ELSE
    INSERT INTO monitor_laatheid_zicht AS m (regio_id, zicht_id, datum, organisatie_id, dagen, aantal)
    SELECT c.regio_id, k.zicht_id, x.datum, coalesce(g.organisatie_id, '00000000-0000-0000-0000-000000000000'::uuid),
      greatest(0, (x.geregistreerd AT TIME ZONE 'Europe/Amsterdam')::date - x.datum), sum(x.teken)::int
    FROM (
      SELECT o.client_id, o.regio_id, o.soort, o.datum, o.geregistreerd, o.door_gebruiker_id, -1 AS teken FROM oud o
      UNION ALL
      SELECT n.client_id, n.regio_id, n.soort, n.datum, n.geregistreerd, n.door_gebruiker_id, 1 FROM nieuw n
    ) x
      JOIN clienten c ON c.id = x.client_id AND c.regio_id = x.regio_id
      CROSS JOIN LATERAL (VALUES (c.aanbieder_id), (c.herkomstgemeente_id), (nullif(c.huidige_gemeente_id, c.herkomstgemeente_id))) k(zicht_id)
      LEFT JOIN gebruikers g ON g.id = x.door_gebruiker_id
    WHERE k.zicht_id IS NOT NULL AND x.soort <> 'correctie'
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.teken) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (regio_id, zicht_id, datum, organisatie_id, dagen) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER monitor_laatheid_zicht_insert AFTER INSERT ON traject_events REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION monitor_laatheid_zicht_events();
--> statement-breakpoint
CREATE TRIGGER monitor_laatheid_zicht_update AFTER UPDATE ON traject_events REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION monitor_laatheid_zicht_events();
--> statement-breakpoint
CREATE TRIGGER monitor_laatheid_zicht_delete AFTER DELETE ON traject_events REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION monitor_laatheid_zicht_events();
--> statement-breakpoint
-- a client that moves to another aanbieder, gemeente or regio takes its events along: taken back under its old
-- organisations, added under the new ones (a client is inserted before its events and never deleted while it has any)
CREATE FUNCTION monitor_laatheid_zicht_clienten() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO monitor_laatheid_zicht AS m (regio_id, zicht_id, datum, organisatie_id, dagen, aantal)
  SELECT x.regio_id, x.zicht_id, e.datum, coalesce(g.organisatie_id, '00000000-0000-0000-0000-000000000000'::uuid),
    greatest(0, (e.geregistreerd AT TIME ZONE 'Europe/Amsterdam')::date - e.datum), sum(x.teken)::int
  FROM (
    SELECT v.id, v.regio_id, k.zicht_id, v.teken
    FROM oud o JOIN nieuw n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES (o.id, o.regio_id, o.aanbieder_id, o.herkomstgemeente_id, o.huidige_gemeente_id, -1),
        (n.id, n.regio_id, n.aanbieder_id, n.herkomstgemeente_id, n.huidige_gemeente_id, 1)) v(id, regio_id, aanbieder_id, herkomst, huidige, teken)
      CROSS JOIN LATERAL (VALUES (v.aanbieder_id), (v.herkomst), (nullif(v.huidige, v.herkomst))) k(zicht_id)
    WHERE k.zicht_id IS NOT NULL
      AND (o.regio_id, o.aanbieder_id, o.herkomstgemeente_id, o.huidige_gemeente_id) IS DISTINCT FROM (n.regio_id, n.aanbieder_id, n.herkomstgemeente_id, n.huidige_gemeente_id)
  ) x
    JOIN traject_events e ON e.client_id = x.id AND e.regio_id = x.regio_id
    LEFT JOIN gebruikers g ON g.id = e.door_gebruiker_id
  WHERE e.soort <> 'correctie'
  GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.teken) <> 0 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (regio_id, zicht_id, datum, organisatie_id, dagen) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER monitor_laatheid_zicht_clienten AFTER UPDATE ON clienten REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION monitor_laatheid_zicht_clienten();
--> statement-breakpoint
INSERT INTO monitor_laatheid_zicht (regio_id, zicht_id, datum, organisatie_id, dagen, aantal)
SELECT c.regio_id, k.zicht_id, e.datum, coalesce(g.organisatie_id, '00000000-0000-0000-0000-000000000000'::uuid),
  greatest(0, (e.geregistreerd AT TIME ZONE 'Europe/Amsterdam')::date - e.datum), count(*)::int
FROM traject_events e
  JOIN clienten c ON c.id = e.client_id AND c.regio_id = e.regio_id
  CROSS JOIN LATERAL (VALUES (c.aanbieder_id), (c.herkomstgemeente_id), (nullif(c.huidige_gemeente_id, c.herkomstgemeente_id))) k(zicht_id)
  LEFT JOIN gebruikers g ON g.id = e.door_gebruiker_id
WHERE k.zicht_id IS NOT NULL AND e.soort <> 'correctie'
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- "Nog gehuisvest na 12 maanden": the placements per regio, gebied (the regio as a whole, and the gemeente of the
-- home), start date, whether they were still running 365 days on (domain/uitkomsten.NOG_GEHUISVEST_DAGEN) and whether
-- the client was 18–24 on the start date (the band on the client's first interval; none: not young). The dashboard
-- reads a few thousand rows instead of looking up every placement's client.
CREATE TABLE "monitor_gehuisvest" (
	"regio_id" uuid NOT NULL,
	"gebied_id" uuid NOT NULL,
	"startdatum" date NOT NULL,
	"nog" boolean NOT NULL,
	"jong" boolean NOT NULL,
	"aantal" integer NOT NULL,
	CONSTRAINT "monitor_gehuisvest_pk" PRIMARY KEY("regio_id","gebied_id","startdatum","nog","jong")
);
--> statement-breakpoint
-- placements written: counted under their home's gemeente and the client's band as they are now
CREATE FUNCTION monitor_gehuisvest_plaatsingen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO monitor_gehuisvest AS m (regio_id, gebied_id, startdatum, nog, jong, aantal)
    SELECT p.regio_id, gb.gebied_id, p.startdatum, (p.einddatum IS NULL OR p.einddatum > p.startdatum + 365),
      coalesce((SELECT j.jong_vanaf <= p.startdatum AND p.startdatum < j.jong_tot FROM traject_intervallen j WHERE j.client_id = p.client_id AND j.volgnr = 0), false),
      count(*)::int
    FROM nieuw p CROSS JOIN LATERAL (VALUES (p.regio_id), ((SELECT w.gemeente_id FROM woningen w WHERE w.id = p.woning_id))) gb(gebied_id)
    WHERE gb.gebied_id IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (regio_id, gebied_id, startdatum, nog, jong) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO monitor_gehuisvest AS m (regio_id, gebied_id, startdatum, nog, jong, aantal)
    SELECT p.regio_id, gb.gebied_id, p.startdatum, (p.einddatum IS NULL OR p.einddatum > p.startdatum + 365),
      coalesce((SELECT j.jong_vanaf <= p.startdatum AND p.startdatum < j.jong_tot FROM traject_intervallen j WHERE j.client_id = p.client_id AND j.volgnr = 0), false),
      -count(*)::int
    FROM oud p CROSS JOIN LATERAL (VALUES (p.regio_id), ((SELECT w.gemeente_id FROM woningen w WHERE w.id = p.woning_id))) gb(gebied_id)
    WHERE gb.gebied_id IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (regio_id, gebied_id, startdatum, nog, jong) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  ELSE
    INSERT INTO monitor_gehuisvest AS m (regio_id, gebied_id, startdatum, nog, jong, aantal)
    SELECT p.regio_id, gb.gebied_id, p.startdatum, (p.einddatum IS NULL OR p.einddatum > p.startdatum + 365),
      coalesce((SELECT j.jong_vanaf <= p.startdatum AND p.startdatum < j.jong_tot FROM traject_intervallen j WHERE j.client_id = p.client_id AND j.volgnr = 0), false),
      sum(p.teken)::int
    FROM (SELECT o.*, -1 AS teken FROM oud o UNION ALL SELECT n.*, 1 FROM nieuw n) p
      CROSS JOIN LATERAL (VALUES (p.regio_id), ((SELECT w.gemeente_id FROM woningen w WHERE w.id = p.woning_id))) gb(gebied_id)
    WHERE gb.gebied_id IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(p.teken) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (regio_id, gebied_id, startdatum, nog, jong) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER monitor_gehuisvest_insert AFTER INSERT ON plaatsingen REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION monitor_gehuisvest_plaatsingen();
--> statement-breakpoint
CREATE TRIGGER monitor_gehuisvest_update AFTER UPDATE ON plaatsingen REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION monitor_gehuisvest_plaatsingen();
--> statement-breakpoint
CREATE TRIGGER monitor_gehuisvest_delete AFTER DELETE ON plaatsingen REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION monitor_gehuisvest_plaatsingen();
--> statement-breakpoint
-- a home moved to another gemeente takes its placements along (the regio rows stay)
CREATE FUNCTION monitor_gehuisvest_woningen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO monitor_gehuisvest AS m (regio_id, gebied_id, startdatum, nog, jong, aantal)
  SELECT p.regio_id, x.gemeente_id, p.startdatum, (p.einddatum IS NULL OR p.einddatum > p.startdatum + 365),
    coalesce((SELECT j.jong_vanaf <= p.startdatum AND p.startdatum < j.jong_tot FROM traject_intervallen j WHERE j.client_id = p.client_id AND j.volgnr = 0), false),
    sum(x.teken)::int
  FROM (
    SELECT n.id, v.gemeente_id, v.teken FROM oud o JOIN nieuw n ON n.id = o.id
      CROSS JOIN LATERAL (VALUES (o.gemeente_id, -1), (n.gemeente_id, 1)) v(gemeente_id, teken)
    WHERE o.gemeente_id IS DISTINCT FROM n.gemeente_id AND v.gemeente_id IS NOT NULL
  ) x JOIN plaatsingen p ON p.woning_id = x.id
  GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.teken) <> 0 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (regio_id, gebied_id, startdatum, nog, jong) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER monitor_gehuisvest_woningen AFTER UPDATE ON woningen REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION monitor_gehuisvest_woningen();
--> statement-breakpoint
-- a client's first interval (volgnr 0, rewritten with every event) carries the band: each removed first interval
-- moves the client's placements from its band to "none", each added one from "none" to its band
CREATE FUNCTION monitor_gehuisvest_intervallen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO monitor_gehuisvest AS m (regio_id, gebied_id, startdatum, nog, jong, aantal)
    SELECT p.regio_id, gb.gebied_id, p.startdatum, (p.einddatum IS NULL OR p.einddatum > p.startdatum + 365),
      coalesce(x.jong_vanaf <= p.startdatum AND p.startdatum < x.jong_tot, false), sum(x.teken)::int
    FROM (SELECT n.client_id, b.jong_vanaf, b.jong_tot, b.teken FROM nieuw n
        CROSS JOIN LATERAL (VALUES (NULL::date, NULL::date, -1), (n.jong_vanaf, n.jong_tot, 1)) b(jong_vanaf, jong_tot, teken) WHERE n.volgnr = 0) x
      JOIN plaatsingen p ON p.client_id = x.client_id
      CROSS JOIN LATERAL (VALUES (p.regio_id), ((SELECT w.gemeente_id FROM woningen w WHERE w.id = p.woning_id))) gb(gebied_id)
    WHERE gb.gebied_id IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.teken) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (regio_id, gebied_id, startdatum, nog, jong) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO monitor_gehuisvest AS m (regio_id, gebied_id, startdatum, nog, jong, aantal)
    SELECT p.regio_id, gb.gebied_id, p.startdatum, (p.einddatum IS NULL OR p.einddatum > p.startdatum + 365),
      coalesce(x.jong_vanaf <= p.startdatum AND p.startdatum < x.jong_tot, false), sum(x.teken)::int
    FROM (SELECT o.client_id, b.jong_vanaf, b.jong_tot, b.teken FROM oud o
        CROSS JOIN LATERAL (VALUES (o.jong_vanaf, o.jong_tot, -1), (NULL::date, NULL::date, 1)) b(jong_vanaf, jong_tot, teken) WHERE o.volgnr = 0) x
      JOIN plaatsingen p ON p.client_id = x.client_id
      CROSS JOIN LATERAL (VALUES (p.regio_id), ((SELECT w.gemeente_id FROM woningen w WHERE w.id = p.woning_id))) gb(gebied_id)
    WHERE gb.gebied_id IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.teken) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (regio_id, gebied_id, startdatum, nog, jong) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  ELSE
    INSERT INTO monitor_gehuisvest AS m (regio_id, gebied_id, startdatum, nog, jong, aantal)
    SELECT p.regio_id, gb.gebied_id, p.startdatum, (p.einddatum IS NULL OR p.einddatum > p.startdatum + 365),
      coalesce(x.jong_vanaf <= p.startdatum AND p.startdatum < x.jong_tot, false), sum(x.teken)::int
    FROM (
      SELECT o.client_id, b.jong_vanaf, b.jong_tot, b.teken FROM oud o
        CROSS JOIN LATERAL (VALUES (o.jong_vanaf, o.jong_tot, -1), (NULL::date, NULL::date, 1)) b(jong_vanaf, jong_tot, teken) WHERE o.volgnr = 0
      UNION ALL
      SELECT n.client_id, b.jong_vanaf, b.jong_tot, b.teken FROM nieuw n
        CROSS JOIN LATERAL (VALUES (NULL::date, NULL::date, -1), (n.jong_vanaf, n.jong_tot, 1)) b(jong_vanaf, jong_tot, teken) WHERE n.volgnr = 0
    ) x
      JOIN plaatsingen p ON p.client_id = x.client_id
      CROSS JOIN LATERAL (VALUES (p.regio_id), ((SELECT w.gemeente_id FROM woningen w WHERE w.id = p.woning_id))) gb(gebied_id)
    WHERE gb.gebied_id IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.teken) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (regio_id, gebied_id, startdatum, nog, jong) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER monitor_gehuisvest_intervallen_insert AFTER INSERT ON traject_intervallen REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION monitor_gehuisvest_intervallen();
--> statement-breakpoint
CREATE TRIGGER monitor_gehuisvest_intervallen_update AFTER UPDATE ON traject_intervallen REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION monitor_gehuisvest_intervallen();
--> statement-breakpoint
CREATE TRIGGER monitor_gehuisvest_intervallen_delete AFTER DELETE ON traject_intervallen REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION monitor_gehuisvest_intervallen();
--> statement-breakpoint
INSERT INTO monitor_gehuisvest (regio_id, gebied_id, startdatum, nog, jong, aantal)
SELECT p.regio_id, gb.gebied_id, p.startdatum, (p.einddatum IS NULL OR p.einddatum > p.startdatum + 365),
  coalesce(j.jong_vanaf <= p.startdatum AND p.startdatum < j.jong_tot, false), count(*)::int
FROM plaatsingen p
  LEFT JOIN traject_intervallen j ON j.client_id = p.client_id AND j.volgnr = 0
  CROSS JOIN LATERAL (VALUES (p.regio_id), ((SELECT w.gemeente_id FROM woningen w WHERE w.id = p.woning_id))) gb(gebied_id)
WHERE gb.gebied_id IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- Missing fields (page Datakwaliteit): per regio, viewer and gap how many records have it, so no count reads every
-- visible record. zicht_id is the regio itself (the centrumgemeente's view) or an organisation that sees the record
-- through clientFilter (its aanbieder, herkomstgemeente, huidige gemeente). Gaps: no BSN (not anonymised), no
-- aanbieder, no woonwensen, an uitstroom in the record's regio with bestemming unknown.
CREATE TABLE "client_ontbrekend" (
	"regio_id" uuid NOT NULL,
	"zicht_id" uuid NOT NULL,
	"soort" text NOT NULL,
	"aantal" integer NOT NULL,
	CONSTRAINT "client_ontbrekend_pk" PRIMARY KEY("regio_id","zicht_id","soort")
);
--> statement-breakpoint
CREATE FUNCTION client_uitstroom_onbekend(client uuid, regio uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM traject_events e WHERE e.regio_id = regio AND e.client_id = client AND e.soort = 'uitstroom' AND (e.bestemming IS NULL OR e.bestemming = 'onbekend'))
$$;
--> statement-breakpoint
-- records written: their gaps taken back as they were and added as they are (unchanged records skipped)
CREATE FUNCTION client_ontbrekend_clienten() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO client_ontbrekend AS m (regio_id, zicht_id, soort, aantal)
    SELECT r.regio_id, z.zicht_id, g.soort, count(*)::int
    FROM nieuw r
      CROSS JOIN LATERAL (VALUES (r.regio_id), (r.aanbieder_id), (r.herkomstgemeente_id), (nullif(r.huidige_gemeente_id, r.herkomstgemeente_id))) z(zicht_id)
      CROSS JOIN LATERAL (VALUES ('bsn', r.bsn_hash IS NULL AND r.geanonimiseerd_op IS NULL), ('aanbieder', r.aanbieder_id IS NULL),
        ('woonwensen', r.woonwensen IS NULL), ('bestemming', client_uitstroom_onbekend(r.id, r.regio_id))) g(soort, ontbreekt)
    WHERE z.zicht_id IS NOT NULL AND g.ontbreekt
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (regio_id, zicht_id, soort) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO client_ontbrekend AS m (regio_id, zicht_id, soort, aantal)
    SELECT r.regio_id, z.zicht_id, g.soort, -count(*)::int
    FROM oud r
      CROSS JOIN LATERAL (VALUES (r.regio_id), (r.aanbieder_id), (r.herkomstgemeente_id), (nullif(r.huidige_gemeente_id, r.herkomstgemeente_id))) z(zicht_id)
      CROSS JOIN LATERAL (VALUES ('bsn', r.bsn_hash IS NULL AND r.geanonimiseerd_op IS NULL), ('aanbieder', r.aanbieder_id IS NULL),
        ('woonwensen', r.woonwensen IS NULL), ('bestemming', client_uitstroom_onbekend(r.id, r.regio_id))) g(soort, ontbreekt)
    WHERE z.zicht_id IS NOT NULL AND g.ontbreekt
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (regio_id, zicht_id, soort) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  ELSE
    INSERT INTO client_ontbrekend AS m (regio_id, zicht_id, soort, aantal)
    SELECT r.regio_id, z.zicht_id, g.soort, sum(r.teken)::int
    FROM (
      SELECT v.* FROM oud o JOIN nieuw n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES
          (o.id, o.regio_id, o.aanbieder_id, o.herkomstgemeente_id, o.huidige_gemeente_id, o.bsn_hash IS NULL AND o.geanonimiseerd_op IS NULL, o.woonwensen IS NULL, -1),
          (n.id, n.regio_id, n.aanbieder_id, n.herkomstgemeente_id, n.huidige_gemeente_id, n.bsn_hash IS NULL AND n.geanonimiseerd_op IS NULL, n.woonwensen IS NULL, 1)
        ) v(id, regio_id, aanbieder_id, herkomst, huidige, zonder_bsn, zonder_woonwensen, teken)
      WHERE (o.id, o.regio_id, o.aanbieder_id, o.herkomstgemeente_id, o.huidige_gemeente_id, o.bsn_hash IS NULL AND o.geanonimiseerd_op IS NULL, o.woonwensen IS NULL)
        IS DISTINCT FROM (n.id, n.regio_id, n.aanbieder_id, n.herkomstgemeente_id, n.huidige_gemeente_id, n.bsn_hash IS NULL AND n.geanonimiseerd_op IS NULL, n.woonwensen IS NULL)
    ) r
      CROSS JOIN LATERAL (VALUES (r.regio_id), (r.aanbieder_id), (r.herkomst), (nullif(r.huidige, r.herkomst))) z(zicht_id)
      CROSS JOIN LATERAL (VALUES ('bsn', r.zonder_bsn), ('aanbieder', r.aanbieder_id IS NULL), ('woonwensen', r.zonder_woonwensen),
        ('bestemming', client_uitstroom_onbekend(r.id, r.regio_id))) g(soort, ontbreekt)
    WHERE z.zicht_id IS NOT NULL AND g.ontbreekt
    GROUP BY 1, 2, 3 HAVING sum(r.teken) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (regio_id, zicht_id, soort) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER client_ontbrekend_insert AFTER INSERT ON clienten REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION client_ontbrekend_clienten();
--> statement-breakpoint
CREATE TRIGGER client_ontbrekend_update AFTER UPDATE ON clienten REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION client_ontbrekend_clienten();
--> statement-breakpoint
CREATE TRIGGER client_ontbrekend_delete AFTER DELETE ON clienten REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION client_ontbrekend_clienten();
--> statement-breakpoint
-- events written: a record whose uitstroom events with unknown bestemming (in its regio) went from none to some, or
-- back, gains or loses that gap. `netto` is how many such events a statement added per record and regio, so the
-- number before it is the number now minus netto.
CREATE FUNCTION client_ontbrekend_bestemming(clienten_ids uuid[], regio_ids uuid[], netto bigint[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO client_ontbrekend AS m (regio_id, zicht_id, soort, aantal)
  SELECT c.regio_id, z.zicht_id, 'bestemming', sum(d.delta)::int
  FROM unnest(clienten_ids, regio_ids, netto) k(client_id, regio_id, netto)
    JOIN clienten c ON c.id = k.client_id AND c.regio_id = k.regio_id
    CROSS JOIN LATERAL (SELECT count(*) AS na FROM traject_events e
      WHERE e.regio_id = c.regio_id AND e.client_id = c.id AND e.soort = 'uitstroom' AND (e.bestemming IS NULL OR e.bestemming = 'onbekend')) t
    CROSS JOIN LATERAL (SELECT (t.na > 0)::int - (t.na - k.netto > 0)::int AS delta) d
    CROSS JOIN LATERAL (VALUES (c.regio_id), (c.aanbieder_id), (c.herkomstgemeente_id), (nullif(c.huidige_gemeente_id, c.herkomstgemeente_id))) z(zicht_id)
  WHERE d.delta <> 0 AND z.zicht_id IS NOT NULL
  GROUP BY 1, 2, 3 HAVING sum(d.delta) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (regio_id, zicht_id, soort) DO UPDATE SET aantal = m.aantal + excluded.aantal
$$;
--> statement-breakpoint
CREATE FUNCTION client_ontbrekend_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM client_ontbrekend_bestemming(array_agg(k.client_id), array_agg(k.regio_id), array_agg(k.netto)) FROM (
      SELECT x.client_id, x.regio_id, count(*) AS netto FROM nieuw x
      WHERE x.soort = 'uitstroom' AND (x.bestemming IS NULL OR x.bestemming = 'onbekend') GROUP BY 1, 2) k;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM client_ontbrekend_bestemming(array_agg(k.client_id), array_agg(k.regio_id), array_agg(k.netto)) FROM (
      SELECT x.client_id, x.regio_id, -count(*) AS netto FROM oud x
      WHERE x.soort = 'uitstroom' AND (x.bestemming IS NULL OR x.bestemming = 'onbekend') GROUP BY 1, 2) k;
  ELSE
    PERFORM client_ontbrekend_bestemming(array_agg(k.client_id), array_agg(k.regio_id), array_agg(k.netto)) FROM (
      SELECT x.client_id, x.regio_id, sum(x.teken)::bigint AS netto FROM (
        SELECT n.client_id, n.regio_id, n.soort, n.bestemming, 1 AS teken FROM nieuw n
        UNION ALL SELECT o.client_id, o.regio_id, o.soort, o.bestemming, -1 FROM oud o
      ) x WHERE x.soort = 'uitstroom' AND (x.bestemming IS NULL OR x.bestemming = 'onbekend') GROUP BY 1, 2) k;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER client_ontbrekend_events_insert AFTER INSERT ON traject_events REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION client_ontbrekend_events();
--> statement-breakpoint
CREATE TRIGGER client_ontbrekend_events_update AFTER UPDATE ON traject_events REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION client_ontbrekend_events();
--> statement-breakpoint
CREATE TRIGGER client_ontbrekend_events_delete AFTER DELETE ON traject_events REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION client_ontbrekend_events();
--> statement-breakpoint
INSERT INTO client_ontbrekend (regio_id, zicht_id, soort, aantal)
SELECT r.regio_id, z.zicht_id, g.soort, count(*)::int
FROM clienten r
  CROSS JOIN LATERAL (VALUES (r.regio_id), (r.aanbieder_id), (r.herkomstgemeente_id), (nullif(r.huidige_gemeente_id, r.herkomstgemeente_id))) z(zicht_id)
  CROSS JOIN LATERAL (VALUES ('bsn', r.bsn_hash IS NULL AND r.geanonimiseerd_op IS NULL), ('aanbieder', r.aanbieder_id IS NULL),
    ('woonwensen', r.woonwensen IS NULL), ('bestemming', client_uitstroom_onbekend(r.id, r.regio_id))) g(soort, ontbreekt)
WHERE z.zicht_id IS NOT NULL AND g.ontbreekt
GROUP BY 1, 2, 3;
--> statement-breakpoint
-- inactive records (in care, no event for a while): listed oldest first from one ordered range, not sorted
CREATE INDEX "client_stand_inactief_idx" ON "client_stand" ("regio_id", "laatste_datum", "pseudoniem" COLLATE "C")
  INCLUDE ("client_id", "fase", "aanbieder_id", "herkomstgemeente_id", "huidige_gemeente_id") WHERE fase IN ('in_zorg', 'uitstroomklaar');
