-- Published statistics per agency (statistics/): a daily rollup by agency and local day of receipt,
-- kept exact by a trigger on "dossier" (every insert, delete, and update of what it counts), so a
-- year's figures are a few hundred rows; the open dossiers (within term or overdue, which changes
-- with the clock and not with a write) are counted live through a partial index.

-- The local (Asia/Ho_Chi_Minh, UTC+7 all year) day of an instant.
CREATE FUNCTION dossier_local_day(instant timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ((instant AT TIME ZONE 'UTC') + interval '7 hours')::date $$;

-- How a returned dossier closed: 'early' (a day or more before its due date), 'on_time' (on the due
-- date, not after the due instant) or 'late'; NULL while it is open.
CREATE FUNCTION dossier_closing(returned_at timestamptz, due_at timestamptz) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN returned_at IS NULL THEN NULL
                    WHEN returned_at > due_at THEN 'late'
                    WHEN dossier_local_day(returned_at) < dossier_local_day(due_at) THEN 'early'
                    ELSE 'on_time' END $$;

CREATE TABLE "dossier_stats_daily" (
    "agency_code" TEXT NOT NULL,
    "day" DATE NOT NULL,
    -- Received that day, withdrawn (CANCELLED) ones not counted.
    "received" INTEGER NOT NULL DEFAULT 0,
    "closed_early" INTEGER NOT NULL DEFAULT 0,
    "closed_on_time" INTEGER NOT NULL DEFAULT 0,
    "closed_late" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "dossier_stats_daily_pkey" PRIMARY KEY ("agency_code", "day")
);

-- Add (sign 1) or take away (sign -1) one dossier's part of the rollup.
CREATE FUNCTION dossier_stats_apply(agency text, received_at timestamptz, status "DossierStatus", returned_at timestamptz, due_at timestamptz, sign integer) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  closing text := dossier_closing(returned_at, due_at);
BEGIN
  IF status = 'CANCELLED' THEN RETURN; END IF;
  INSERT INTO "dossier_stats_daily" AS d ("agency_code", "day", "received", "closed_early", "closed_on_time", "closed_late")
  VALUES (agency, dossier_local_day(received_at), sign,
          CASE WHEN closing = 'early' THEN sign ELSE 0 END,
          CASE WHEN closing = 'on_time' THEN sign ELSE 0 END,
          CASE WHEN closing = 'late' THEN sign ELSE 0 END)
  ON CONFLICT ("agency_code", "day") DO UPDATE SET
    "received" = d."received" + EXCLUDED."received",
    "closed_early" = d."closed_early" + EXCLUDED."closed_early",
    "closed_on_time" = d."closed_on_time" + EXCLUDED."closed_on_time",
    "closed_late" = d."closed_late" + EXCLUDED."closed_late";
END $$;

CREATE FUNCTION dossier_stats_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD."agency_code" = NEW."agency_code"
     AND dossier_local_day(OLD."received_at") = dossier_local_day(NEW."received_at")
     AND (OLD."status" = 'CANCELLED') = (NEW."status" = 'CANCELLED')
     AND dossier_closing(OLD."returned_at", OLD."due_at") IS NOT DISTINCT FROM dossier_closing(NEW."returned_at", NEW."due_at") THEN
    -- Most updates (a step, another status on the way) change nothing the rollup counts.
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM dossier_stats_apply(OLD."agency_code", OLD."received_at", OLD."status", OLD."returned_at", OLD."due_at", -1);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM dossier_stats_apply(NEW."agency_code", NEW."received_at", NEW."status", NEW."returned_at", NEW."due_at", 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "dossier_stats" AFTER INSERT OR DELETE OR UPDATE OF "agency_code", "received_at", "status", "returned_at", "due_at" ON "dossier"
  FOR EACH ROW EXECUTE FUNCTION dossier_stats_trigger();

-- The dossiers already there.
INSERT INTO "dossier_stats_daily" ("agency_code", "day", "received", "closed_early", "closed_on_time", "closed_late")
SELECT "agency_code", dossier_local_day("received_at"), count(*)::int,
       count(*) FILTER (WHERE dossier_closing("returned_at", "due_at") = 'early')::int,
       count(*) FILTER (WHERE dossier_closing("returned_at", "due_at") = 'on_time')::int,
       count(*) FILTER (WHERE dossier_closing("returned_at", "due_at") = 'late')::int
  FROM "dossier" WHERE "status" <> 'CANCELLED'
 GROUP BY 1, 2;

-- Open dossiers by agency and receipt, with their due dates: within term or overdue is decided at query time.
CREATE INDEX "dossier_open_by_agency_idx" ON "dossier" ("agency_code", "received_at", "due_at") WHERE "returned_at" IS NULL AND "status" <> 'CANCELLED';
