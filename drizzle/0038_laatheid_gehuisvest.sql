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
    -- a new record has no events yet (they reference it): no uitstroom with unknown bestemming
    INSERT INTO client_ontbrekend AS m (regio_id, zicht_id, soort, aantal)
    SELECT r.regio_id, z.zicht_id, g.soort, count(*)::int
    FROM nieuw r
      CROSS JOIN LATERAL (VALUES (r.regio_id), (r.aanbieder_id), (r.herkomstgemeente_id), (nullif(r.huidige_gemeente_id, r.herkomstgemeente_id))) z(zicht_id)
      CROSS JOIN LATERAL (VALUES ('bsn', r.bsn_hash IS NULL AND r.geanonimiseerd_op IS NULL), ('aanbieder', r.aanbieder_id IS NULL),
        ('woonwensen', r.woonwensen IS NULL)) g(soort, ontbreekt)
    WHERE z.zicht_id IS NOT NULL AND g.ontbreekt
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (regio_id, zicht_id, soort) DO UPDATE SET aantal = m.aantal + excluded.aantal;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO client_ontbrekend AS m (regio_id, zicht_id, soort, aantal)
    SELECT r.regio_id, z.zicht_id, g.soort, -count(*)::int
    FROM (SELECT o.*, client_uitstroom_onbekend(o.id, o.regio_id) AS onbekend FROM oud o OFFSET 0) r
      CROSS JOIN LATERAL (VALUES (r.regio_id), (r.aanbieder_id), (r.herkomstgemeente_id), (nullif(r.huidige_gemeente_id, r.herkomstgemeente_id))) z(zicht_id)
      CROSS JOIN LATERAL (VALUES ('bsn', r.bsn_hash IS NULL AND r.geanonimiseerd_op IS NULL), ('aanbieder', r.aanbieder_id IS NULL),
        ('woonwensen', r.woonwensen IS NULL), ('bestemming', r.onbekend)) g(soort, ontbreekt)
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
    ) v0 CROSS JOIN LATERAL (SELECT v0.*, client_uitstroom_onbekend(v0.id, v0.regio_id) AS onbekend OFFSET 0) r
      CROSS JOIN LATERAL (VALUES (r.regio_id), (r.aanbieder_id), (r.herkomst), (nullif(r.huidige, r.herkomst))) z(zicht_id)
      CROSS JOIN LATERAL (VALUES ('bsn', r.zonder_bsn), ('aanbieder', r.aanbieder_id IS NULL), ('woonwensen', r.zonder_woonwensen),
        ('bestemming', r.onbekend)) g(soort, ontbreekt)
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
    -- a join, not a lateral count per record: a bulk load (the bench drops the event indexes) scans the events once
    LEFT JOIN (SELECT e.client_id, e.regio_id, count(*) AS na FROM traject_events e JOIN (SELECT DISTINCT x FROM unnest(clienten_ids) x) kk ON kk.x = e.client_id
      WHERE e.soort = 'uitstroom' AND (e.bestemming IS NULL OR e.bestemming = 'onbekend') GROUP BY 1, 2) t
      ON t.client_id = c.id AND t.regio_id = c.regio_id
    CROSS JOIN LATERAL (SELECT (coalesce(t.na, 0) > 0)::int - (coalesce(t.na, 0) - k.netto > 0)::int AS delta) d
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
FROM (SELECT c.*, client_uitstroom_onbekend(c.id, c.regio_id) AS onbekend FROM clienten c OFFSET 0) r
  CROSS JOIN LATERAL (VALUES (r.regio_id), (r.aanbieder_id), (r.herkomstgemeente_id), (nullif(r.huidige_gemeente_id, r.herkomstgemeente_id))) z(zicht_id)
  CROSS JOIN LATERAL (VALUES ('bsn', r.bsn_hash IS NULL AND r.geanonimiseerd_op IS NULL), ('aanbieder', r.aanbieder_id IS NULL),
    ('woonwensen', r.woonwensen IS NULL), ('bestemming', r.onbekend)) g(soort, ontbreekt)
WHERE z.zicht_id IS NOT NULL AND g.ontbreekt
GROUP BY 1, 2, 3;
--> statement-breakpoint
-- inactive records (in care, no event for a while): listed oldest first from one ordered range, not sorted
CREATE INDEX "client_stand_inactief_idx" ON "client_stand" ("regio_id", "laatste_datum", "pseudoniem" COLLATE "C")
  INCLUDE ("client_id", "fase", "aanbieder_id", "herkomstgemeente_id", "huidige_gemeente_id") WHERE fase IN ('in_zorg', 'uitstroomklaar');
--> statement-breakpoint
-- ZRM change (domain/uitkomsten; the definition in ADR 0036): per uitstroom interval with a pair of assessments its
-- change per domain (null where either is unscored) and of the total (mean over the scored domains, exact in
-- numeric), rewritten per client whenever its intervals or assessments change (triggers below); and per regio,
-- gemeente, month and age band the sums the dashboard averages (count and sum per domain: the mean is exact).
CREATE TABLE "monitor_zrm_traject" (
	"client_id" uuid NOT NULL,
	"volgnr" integer NOT NULL,
	"regio_id" uuid NOT NULL,
	"gemeente_id" uuid NOT NULL,
	"van" date NOT NULL,
	"jong" boolean NOT NULL,
	"totaal" numeric,
	"financien" integer,
	"werk_opleiding" integer,
	"tijdsbesteding" integer,
	"huisvesting" integer,
	"huiselijke_relaties" integer,
	"geestelijke_gezondheid" integer,
	"lichamelijke_gezondheid" integer,
	"middelengebruik" integer,
	"basale_adl" integer,
	"instrumentele_adl" integer,
	"sociaal_netwerk" integer,
	"maatschappelijke_participatie" integer,
	"justitie" integer,
	CONSTRAINT "monitor_zrm_traject_pk" PRIMARY KEY("client_id","volgnr")
);
--> statement-breakpoint
CREATE TABLE "monitor_zrm_maand" (
	"regio_id" uuid NOT NULL,
	"gemeente_id" uuid NOT NULL,
	"maand" date NOT NULL,
	"jong" boolean NOT NULL,
	"trajecten" integer NOT NULL,
	"totaal_n" integer NOT NULL,
	"totaal_som" numeric NOT NULL,
	"n_financien" integer NOT NULL,
	"som_financien" bigint NOT NULL,
	"n_werk_opleiding" integer NOT NULL,
	"som_werk_opleiding" bigint NOT NULL,
	"n_tijdsbesteding" integer NOT NULL,
	"som_tijdsbesteding" bigint NOT NULL,
	"n_huisvesting" integer NOT NULL,
	"som_huisvesting" bigint NOT NULL,
	"n_huiselijke_relaties" integer NOT NULL,
	"som_huiselijke_relaties" bigint NOT NULL,
	"n_geestelijke_gezondheid" integer NOT NULL,
	"som_geestelijke_gezondheid" bigint NOT NULL,
	"n_lichamelijke_gezondheid" integer NOT NULL,
	"som_lichamelijke_gezondheid" bigint NOT NULL,
	"n_middelengebruik" integer NOT NULL,
	"som_middelengebruik" bigint NOT NULL,
	"n_basale_adl" integer NOT NULL,
	"som_basale_adl" bigint NOT NULL,
	"n_instrumentele_adl" integer NOT NULL,
	"som_instrumentele_adl" bigint NOT NULL,
	"n_sociaal_netwerk" integer NOT NULL,
	"som_sociaal_netwerk" bigint NOT NULL,
	"n_maatschappelijke_participatie" integer NOT NULL,
	"som_maatschappelijke_participatie" bigint NOT NULL,
	"n_justitie" integer NOT NULL,
	"som_justitie" bigint NOT NULL,
	CONSTRAINT "monitor_zrm_maand_pk" PRIMARY KEY("regio_id","gemeente_id","maand","jong")
);
--> statement-breakpoint
-- the trajectory began at the last instroom or terugval before the uitstroom; each end's assessment is the valid one
-- nearest to it within ZRM_VENSTER_DAGEN (90) days (ties: the earliest resp. the latest date, then the lowest id);
-- counted when both exist and the first lies before the second, for clients with a valid assessment in the regio.
-- The clients' old pairs are taken back from the month sums, rewritten, and the new ones added.
CREATE FUNCTION monitor_zrm_herbereken(clienten_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO monitor_zrm_maand AS m (regio_id, gemeente_id, maand, jong, trajecten, totaal_n, totaal_som, n_financien, som_financien, n_werk_opleiding, som_werk_opleiding, n_tijdsbesteding, som_tijdsbesteding, n_huisvesting, som_huisvesting, n_huiselijke_relaties, som_huiselijke_relaties, n_geestelijke_gezondheid, som_geestelijke_gezondheid, n_lichamelijke_gezondheid, som_lichamelijke_gezondheid, n_middelengebruik, som_middelengebruik, n_basale_adl, som_basale_adl, n_instrumentele_adl, som_instrumentele_adl, n_sociaal_netwerk, som_sociaal_netwerk, n_maatschappelijke_participatie, som_maatschappelijke_participatie, n_justitie, som_justitie)
  SELECT t.regio_id, t.gemeente_id, date_trunc('month', t.van::timestamp)::date, t.jong, (-1 * count(*))::int,
    (-1 * count(t.totaal))::int, coalesce(-1 * sum(t.totaal), 0), sum(CASE WHEN t."financien" IS NOT NULL THEN -1 ELSE 0 END)::int, coalesce(sum(-1 * t."financien"), 0)::bigint, sum(CASE WHEN t."werk_opleiding" IS NOT NULL THEN -1 ELSE 0 END)::int, coalesce(sum(-1 * t."werk_opleiding"), 0)::bigint, sum(CASE WHEN t."tijdsbesteding" IS NOT NULL THEN -1 ELSE 0 END)::int, coalesce(sum(-1 * t."tijdsbesteding"), 0)::bigint, sum(CASE WHEN t."huisvesting" IS NOT NULL THEN -1 ELSE 0 END)::int, coalesce(sum(-1 * t."huisvesting"), 0)::bigint, sum(CASE WHEN t."huiselijke_relaties" IS NOT NULL THEN -1 ELSE 0 END)::int, coalesce(sum(-1 * t."huiselijke_relaties"), 0)::bigint, sum(CASE WHEN t."geestelijke_gezondheid" IS NOT NULL THEN -1 ELSE 0 END)::int, coalesce(sum(-1 * t."geestelijke_gezondheid"), 0)::bigint, sum(CASE WHEN t."lichamelijke_gezondheid" IS NOT NULL THEN -1 ELSE 0 END)::int, coalesce(sum(-1 * t."lichamelijke_gezondheid"), 0)::bigint, sum(CASE WHEN t."middelengebruik" IS NOT NULL THEN -1 ELSE 0 END)::int, coalesce(sum(-1 * t."middelengebruik"), 0)::bigint, sum(CASE WHEN t."basale_adl" IS NOT NULL THEN -1 ELSE 0 END)::int, coalesce(sum(-1 * t."basale_adl"), 0)::bigint, sum(CASE WHEN t."instrumentele_adl" IS NOT NULL THEN -1 ELSE 0 END)::int, coalesce(sum(-1 * t."instrumentele_adl"), 0)::bigint, sum(CASE WHEN t."sociaal_netwerk" IS NOT NULL THEN -1 ELSE 0 END)::int, coalesce(sum(-1 * t."sociaal_netwerk"), 0)::bigint, sum(CASE WHEN t."maatschappelijke_participatie" IS NOT NULL THEN -1 ELSE 0 END)::int, coalesce(sum(-1 * t."maatschappelijke_participatie"), 0)::bigint, sum(CASE WHEN t."justitie" IS NOT NULL THEN -1 ELSE 0 END)::int, coalesce(sum(-1 * t."justitie"), 0)::bigint
  FROM monitor_zrm_traject t WHERE t.client_id = ANY(clienten_ids)
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (regio_id, gemeente_id, maand, jong) DO UPDATE SET trajecten = m.trajecten + excluded.trajecten,
    totaal_n = m.totaal_n + excluded.totaal_n, totaal_som = m.totaal_som + excluded.totaal_som, n_financien = m.n_financien + excluded.n_financien, som_financien = m.som_financien + excluded.som_financien, n_werk_opleiding = m.n_werk_opleiding + excluded.n_werk_opleiding, som_werk_opleiding = m.som_werk_opleiding + excluded.som_werk_opleiding, n_tijdsbesteding = m.n_tijdsbesteding + excluded.n_tijdsbesteding, som_tijdsbesteding = m.som_tijdsbesteding + excluded.som_tijdsbesteding, n_huisvesting = m.n_huisvesting + excluded.n_huisvesting, som_huisvesting = m.som_huisvesting + excluded.som_huisvesting, n_huiselijke_relaties = m.n_huiselijke_relaties + excluded.n_huiselijke_relaties, som_huiselijke_relaties = m.som_huiselijke_relaties + excluded.som_huiselijke_relaties, n_geestelijke_gezondheid = m.n_geestelijke_gezondheid + excluded.n_geestelijke_gezondheid, som_geestelijke_gezondheid = m.som_geestelijke_gezondheid + excluded.som_geestelijke_gezondheid, n_lichamelijke_gezondheid = m.n_lichamelijke_gezondheid + excluded.n_lichamelijke_gezondheid, som_lichamelijke_gezondheid = m.som_lichamelijke_gezondheid + excluded.som_lichamelijke_gezondheid, n_middelengebruik = m.n_middelengebruik + excluded.n_middelengebruik, som_middelengebruik = m.som_middelengebruik + excluded.som_middelengebruik, n_basale_adl = m.n_basale_adl + excluded.n_basale_adl, som_basale_adl = m.som_basale_adl + excluded.som_basale_adl, n_instrumentele_adl = m.n_instrumentele_adl + excluded.n_instrumentele_adl, som_instrumentele_adl = m.som_instrumentele_adl + excluded.som_instrumentele_adl, n_sociaal_netwerk = m.n_sociaal_netwerk + excluded.n_sociaal_netwerk, som_sociaal_netwerk = m.som_sociaal_netwerk + excluded.som_sociaal_netwerk, n_maatschappelijke_participatie = m.n_maatschappelijke_participatie + excluded.n_maatschappelijke_participatie, som_maatschappelijke_participatie = m.som_maatschappelijke_participatie + excluded.som_maatschappelijke_participatie, n_justitie = m.n_justitie + excluded.n_justitie, som_justitie = m.som_justitie + excluded.som_justitie;
  DELETE FROM monitor_zrm_traject WHERE client_id = ANY(clienten_ids);
  INSERT INTO monitor_zrm_traject (client_id, volgnr, regio_id, gemeente_id, van, jong, totaal, "financien", "werk_opleiding", "tijdsbesteding", "huisvesting", "huiselijke_relaties", "geestelijke_gezondheid", "lichamelijke_gezondheid", "middelengebruik", "basale_adl", "instrumentele_adl", "sociaal_netwerk", "maatschappelijke_participatie", "justitie")
  SELECT p.client_id, p.volgnr, p.regio_id, p.gemeente_id, p.van, p.jong, (SELECT avg(w::int) FROM unnest(array[p.se ->> 'financien', p.se ->> 'werk_opleiding', p.se ->> 'tijdsbesteding', p.se ->> 'huisvesting', p.se ->> 'huiselijke_relaties', p.se ->> 'geestelijke_gezondheid', p.se ->> 'lichamelijke_gezondheid', p.se ->> 'middelengebruik', p.se ->> 'basale_adl', p.se ->> 'instrumentele_adl', p.se ->> 'sociaal_netwerk', p.se ->> 'maatschappelijke_participatie', p.se ->> 'justitie']) w) - (SELECT avg(w::int) FROM unnest(array[p.sb ->> 'financien', p.sb ->> 'werk_opleiding', p.sb ->> 'tijdsbesteding', p.sb ->> 'huisvesting', p.sb ->> 'huiselijke_relaties', p.sb ->> 'geestelijke_gezondheid', p.sb ->> 'lichamelijke_gezondheid', p.sb ->> 'middelengebruik', p.sb ->> 'basale_adl', p.sb ->> 'instrumentele_adl', p.sb ->> 'sociaal_netwerk', p.sb ->> 'maatschappelijke_participatie', p.sb ->> 'justitie']) w),
    (p.se ->> 'financien')::int - (p.sb ->> 'financien')::int,
    (p.se ->> 'werk_opleiding')::int - (p.sb ->> 'werk_opleiding')::int,
    (p.se ->> 'tijdsbesteding')::int - (p.sb ->> 'tijdsbesteding')::int,
    (p.se ->> 'huisvesting')::int - (p.sb ->> 'huisvesting')::int,
    (p.se ->> 'huiselijke_relaties')::int - (p.sb ->> 'huiselijke_relaties')::int,
    (p.se ->> 'geestelijke_gezondheid')::int - (p.sb ->> 'geestelijke_gezondheid')::int,
    (p.se ->> 'lichamelijke_gezondheid')::int - (p.sb ->> 'lichamelijke_gezondheid')::int,
    (p.se ->> 'middelengebruik')::int - (p.sb ->> 'middelengebruik')::int,
    (p.se ->> 'basale_adl')::int - (p.sb ->> 'basale_adl')::int,
    (p.se ->> 'instrumentele_adl')::int - (p.sb ->> 'instrumentele_adl')::int,
    (p.se ->> 'sociaal_netwerk')::int - (p.sb ->> 'sociaal_netwerk')::int,
    (p.se ->> 'maatschappelijke_participatie')::int - (p.sb ->> 'maatschappelijke_participatie')::int,
    (p.se ->> 'justitie')::int - (p.sb ->> 'justitie')::int
  FROM (
    SELECT u.*, b.scores AS sb, e.scores AS se FROM (
      SELECT i.client_id, i.volgnr, i.regio_id, i.gemeente_id, i.van, (i.jong_vanaf <= i.van AND i.van < i.jong_tot) AS jong,
        (SELECT j.van FROM traject_intervallen j WHERE j.client_id = i.client_id AND j.volgnr < i.volgnr AND j.soort IN ('instroom', 'terugval')
          ORDER BY j.volgnr DESC LIMIT 1) AS begin
      FROM traject_intervallen i
      WHERE i.client_id = ANY(clienten_ids) AND i.soort = 'uitstroom'
        AND EXISTS (SELECT 1 FROM zrm_beoordelingen z WHERE z.client_id = i.client_id AND z.regio_id = i.regio_id AND z.ingetrokken_op IS NULL)
    ) u
      CROSS JOIN LATERAL (SELECT z.scores, z.datum FROM zrm_beoordelingen z
        WHERE z.client_id = u.client_id AND z.ingetrokken_op IS NULL AND z.datum BETWEEN u.begin - 90 AND u.begin + 90
        ORDER BY abs(z.datum - u.begin), z.datum, z.id LIMIT 1) b
      CROSS JOIN LATERAL (SELECT z.scores, z.datum FROM zrm_beoordelingen z
        WHERE z.client_id = u.client_id AND z.ingetrokken_op IS NULL AND z.datum BETWEEN u.van - 90 AND u.van + 90
        ORDER BY abs(z.datum - u.van), z.datum DESC, z.id LIMIT 1) e
    WHERE b.datum < e.datum
  ) p;
  INSERT INTO monitor_zrm_maand AS m (regio_id, gemeente_id, maand, jong, trajecten, totaal_n, totaal_som, n_financien, som_financien, n_werk_opleiding, som_werk_opleiding, n_tijdsbesteding, som_tijdsbesteding, n_huisvesting, som_huisvesting, n_huiselijke_relaties, som_huiselijke_relaties, n_geestelijke_gezondheid, som_geestelijke_gezondheid, n_lichamelijke_gezondheid, som_lichamelijke_gezondheid, n_middelengebruik, som_middelengebruik, n_basale_adl, som_basale_adl, n_instrumentele_adl, som_instrumentele_adl, n_sociaal_netwerk, som_sociaal_netwerk, n_maatschappelijke_participatie, som_maatschappelijke_participatie, n_justitie, som_justitie)
  SELECT t.regio_id, t.gemeente_id, date_trunc('month', t.van::timestamp)::date, t.jong, (1 * count(*))::int,
    (1 * count(t.totaal))::int, coalesce(1 * sum(t.totaal), 0), sum(CASE WHEN t."financien" IS NOT NULL THEN 1 ELSE 0 END)::int, coalesce(sum(1 * t."financien"), 0)::bigint, sum(CASE WHEN t."werk_opleiding" IS NOT NULL THEN 1 ELSE 0 END)::int, coalesce(sum(1 * t."werk_opleiding"), 0)::bigint, sum(CASE WHEN t."tijdsbesteding" IS NOT NULL THEN 1 ELSE 0 END)::int, coalesce(sum(1 * t."tijdsbesteding"), 0)::bigint, sum(CASE WHEN t."huisvesting" IS NOT NULL THEN 1 ELSE 0 END)::int, coalesce(sum(1 * t."huisvesting"), 0)::bigint, sum(CASE WHEN t."huiselijke_relaties" IS NOT NULL THEN 1 ELSE 0 END)::int, coalesce(sum(1 * t."huiselijke_relaties"), 0)::bigint, sum(CASE WHEN t."geestelijke_gezondheid" IS NOT NULL THEN 1 ELSE 0 END)::int, coalesce(sum(1 * t."geestelijke_gezondheid"), 0)::bigint, sum(CASE WHEN t."lichamelijke_gezondheid" IS NOT NULL THEN 1 ELSE 0 END)::int, coalesce(sum(1 * t."lichamelijke_gezondheid"), 0)::bigint, sum(CASE WHEN t."middelengebruik" IS NOT NULL THEN 1 ELSE 0 END)::int, coalesce(sum(1 * t."middelengebruik"), 0)::bigint, sum(CASE WHEN t."basale_adl" IS NOT NULL THEN 1 ELSE 0 END)::int, coalesce(sum(1 * t."basale_adl"), 0)::bigint, sum(CASE WHEN t."instrumentele_adl" IS NOT NULL THEN 1 ELSE 0 END)::int, coalesce(sum(1 * t."instrumentele_adl"), 0)::bigint, sum(CASE WHEN t."sociaal_netwerk" IS NOT NULL THEN 1 ELSE 0 END)::int, coalesce(sum(1 * t."sociaal_netwerk"), 0)::bigint, sum(CASE WHEN t."maatschappelijke_participatie" IS NOT NULL THEN 1 ELSE 0 END)::int, coalesce(sum(1 * t."maatschappelijke_participatie"), 0)::bigint, sum(CASE WHEN t."justitie" IS NOT NULL THEN 1 ELSE 0 END)::int, coalesce(sum(1 * t."justitie"), 0)::bigint
  FROM monitor_zrm_traject t WHERE t.client_id = ANY(clienten_ids)
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (regio_id, gemeente_id, maand, jong) DO UPDATE SET trajecten = m.trajecten + excluded.trajecten,
    totaal_n = m.totaal_n + excluded.totaal_n, totaal_som = m.totaal_som + excluded.totaal_som, n_financien = m.n_financien + excluded.n_financien, som_financien = m.som_financien + excluded.som_financien, n_werk_opleiding = m.n_werk_opleiding + excluded.n_werk_opleiding, som_werk_opleiding = m.som_werk_opleiding + excluded.som_werk_opleiding, n_tijdsbesteding = m.n_tijdsbesteding + excluded.n_tijdsbesteding, som_tijdsbesteding = m.som_tijdsbesteding + excluded.som_tijdsbesteding, n_huisvesting = m.n_huisvesting + excluded.n_huisvesting, som_huisvesting = m.som_huisvesting + excluded.som_huisvesting, n_huiselijke_relaties = m.n_huiselijke_relaties + excluded.n_huiselijke_relaties, som_huiselijke_relaties = m.som_huiselijke_relaties + excluded.som_huiselijke_relaties, n_geestelijke_gezondheid = m.n_geestelijke_gezondheid + excluded.n_geestelijke_gezondheid, som_geestelijke_gezondheid = m.som_geestelijke_gezondheid + excluded.som_geestelijke_gezondheid, n_lichamelijke_gezondheid = m.n_lichamelijke_gezondheid + excluded.n_lichamelijke_gezondheid, som_lichamelijke_gezondheid = m.som_lichamelijke_gezondheid + excluded.som_lichamelijke_gezondheid, n_middelengebruik = m.n_middelengebruik + excluded.n_middelengebruik, som_middelengebruik = m.som_middelengebruik + excluded.som_middelengebruik, n_basale_adl = m.n_basale_adl + excluded.n_basale_adl, som_basale_adl = m.som_basale_adl + excluded.som_basale_adl, n_instrumentele_adl = m.n_instrumentele_adl + excluded.n_instrumentele_adl, som_instrumentele_adl = m.som_instrumentele_adl + excluded.som_instrumentele_adl, n_sociaal_netwerk = m.n_sociaal_netwerk + excluded.n_sociaal_netwerk, som_sociaal_netwerk = m.som_sociaal_netwerk + excluded.som_sociaal_netwerk, n_maatschappelijke_participatie = m.n_maatschappelijke_participatie + excluded.n_maatschappelijke_participatie, som_maatschappelijke_participatie = m.som_maatschappelijke_participatie + excluded.som_maatschappelijke_participatie, n_justitie = m.n_justitie + excluded.n_justitie, som_justitie = m.som_justitie + excluded.som_justitie;
END $$;
--> statement-breakpoint
-- the clients a statement touched, their pairs rewritten: on intervals (every event write folds them anew) and on
-- assessments (recorded, withdrawn, removed with their client)
CREATE FUNCTION monitor_zrm_bij() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM monitor_zrm_herbereken(array(SELECT DISTINCT n.client_id FROM nieuw n ORDER BY 1));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM monitor_zrm_herbereken(array(SELECT DISTINCT o.client_id FROM oud o ORDER BY 1));
  ELSE
    PERFORM monitor_zrm_herbereken(array(SELECT n.client_id FROM nieuw n UNION SELECT o.client_id FROM oud o ORDER BY 1));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER monitor_zrm_intervallen_insert AFTER INSERT ON traject_intervallen REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION monitor_zrm_bij();
--> statement-breakpoint
CREATE TRIGGER monitor_zrm_intervallen_update AFTER UPDATE ON traject_intervallen REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION monitor_zrm_bij();
--> statement-breakpoint
CREATE TRIGGER monitor_zrm_intervallen_delete AFTER DELETE ON traject_intervallen REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION monitor_zrm_bij();
--> statement-breakpoint
CREATE TRIGGER monitor_zrm_beoordelingen_insert AFTER INSERT ON zrm_beoordelingen REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION monitor_zrm_bij();
--> statement-breakpoint
CREATE TRIGGER monitor_zrm_beoordelingen_update AFTER UPDATE ON zrm_beoordelingen REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION monitor_zrm_bij();
--> statement-breakpoint
CREATE TRIGGER monitor_zrm_beoordelingen_delete AFTER DELETE ON zrm_beoordelingen REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION monitor_zrm_bij();
--> statement-breakpoint
SELECT monitor_zrm_herbereken(array(SELECT DISTINCT z.client_id FROM zrm_beoordelingen z));
