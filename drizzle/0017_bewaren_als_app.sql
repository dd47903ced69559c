-- The retention job runs as doorstroom_app, which may not UPDATE traject_events nor DELETE from audit_log
-- (migration 0015). It gets exactly what retention needs and nothing more:
-- - the free-text columns of traject_events may be updated; the append-only trigger (0016) still lets only a
--   change to NULL through, and only while doorstroom.anonimiseren is set;
-- - old audit rows go through one function owned by the owner, which deletes only rows of one regio older than
--   both the given date and five years (the trigger checks the five years again). A plain DELETE stays refused.
GRANT UPDATE (toelichting, reden) ON traject_events TO doorstroom_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION vernietig_oude_auditregels(p_regio uuid, p_voor date) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  n integer;
BEGIN
  PERFORM set_config('doorstroom.vernietigen', 'aan', true);
  DELETE FROM audit_log WHERE regio_id = p_regio AND tijdstip < p_voor AND tijdstip < now() - interval '5 years';
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('doorstroom.vernietigen', 'uit', true);
  RETURN n;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION vernietig_oude_auditregels(uuid, date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION vernietig_oude_auditregels(uuid, date) TO doorstroom_app;
--> statement-breakpoint
-- The steps of a resolved signal past its term go with the signal; the app role may not DELETE steps itself.
CREATE OR REPLACE FUNCTION vernietig_signaalstappen(p_signaal uuid) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  n integer;
BEGIN
  DELETE FROM signaal_stappen st USING signalen sg WHERE st.signaal_id = p_signaal AND sg.id = p_signaal AND sg.status = 'opgelost';
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END;
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION vernietig_signaalstappen(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION vernietig_signaalstappen(uuid) TO doorstroom_app;
