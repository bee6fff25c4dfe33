-- Bulk ingestion (ingestion/ingest.ts) writes thousands of new dossiers in one statement: count them
-- into the statistics rollup once per statement, per agency and day, instead of once per row. Updates
-- and deletes keep the row trigger (most change nothing the rollup counts, and it returns at once).

DROP TRIGGER "dossier_stats" ON "dossier";
CREATE TRIGGER "dossier_stats" AFTER DELETE OR UPDATE OF "agency_code", "received_at", "status", "returned_at", "due_at" ON "dossier"
  FOR EACH ROW EXECUTE FUNCTION dossier_stats_trigger();

CREATE FUNCTION dossier_stats_insert() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "dossier_stats_daily" AS d ("agency_code", "day", "received", "closed_early", "closed_on_time", "closed_late")
  SELECT "agency_code", dossier_local_day("received_at"), count(*)::int,
         count(*) FILTER (WHERE dossier_closing("returned_at", "due_at") = 'early')::int,
         count(*) FILTER (WHERE dossier_closing("returned_at", "due_at") = 'on_time')::int,
         count(*) FILTER (WHERE dossier_closing("returned_at", "due_at") = 'late')::int
    FROM "inserted" WHERE "status" <> 'CANCELLED'
   GROUP BY 1, 2
  ON CONFLICT ("agency_code", "day") DO UPDATE SET
    "received" = d."received" + EXCLUDED."received",
    "closed_early" = d."closed_early" + EXCLUDED."closed_early",
    "closed_on_time" = d."closed_on_time" + EXCLUDED."closed_on_time",
    "closed_late" = d."closed_late" + EXCLUDED."closed_late";
  RETURN NULL;
END $$;

CREATE TRIGGER "dossier_stats_insert" AFTER INSERT ON "dossier" REFERENCING NEW TABLE AS "inserted"
  FOR EACH STATEMENT EXECUTE FUNCTION dossier_stats_insert();
