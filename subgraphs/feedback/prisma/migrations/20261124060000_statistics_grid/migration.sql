-- Statistics over millions of items, second step (issue #5, Scale). After 20261124030000_statistics_indexes,
-- on 2,000,000 items (PostgreSQL 15, shared 2-core machine, EXPLAIN ANALYZE):
--   * the unit ranking spent its time on the period's two partial days: per item a probe of the history
--     for its first resolution (1,731 probes, 65 ms) and a hash join over every rating (63 ms);
--   * the heat map read every item of the period (a year: 940,000 index entries, 0.5-1.6 s).
-- So:
-- 1. "resolved_at" on the item: its first resolution, kept by a trigger on the history (any insert,
--    change or removal of a RESOLVED step), so the ranking reads it with the item.
-- 2. One covering index on received_at with every column the statistics read: the partial days of
--    counts, ranking and heat map are index-only range scans. It replaces the (lat, lng) one.
-- 3. A grid rollup "feedback_stats_grid": items per 0.01° cell (integer cell coordinates) per local day
--    ('D') and per local month ('M', keyed by its first day), kept exactly like feedback_stats_daily
--    (the days before the watermark, by the same triggers, roll-forward and rewind). A month row is
--    always the sum of its day rows. Measured: over 24 months, 274,000 day rows and 26,000 month rows
--    for 2 M items (a year in the HCMC box: 7,000 month rows, 5 ms); a 0.001° grid per day would have
--    as many rows as items (73,600 for 82,300 items in a month), so it would not help.
-- Cells are defined on coordinates taken to 1e-7° (about 1 cm): feedback_grid_cell below, which the
-- statistics queries use too, so the rollup and the items agree exactly.

-- AlterTable: the first resolution, filled in for the items already there.
ALTER TABLE "feedback_item" ADD COLUMN "resolved_at" TIMESTAMPTZ(3);
UPDATE "feedback_item" i SET "resolved_at" = r."at"
  FROM (SELECT "item_id", min("at") AS "at" FROM "feedback_history" WHERE "to_status" = 'RESOLVED' GROUP BY "item_id") r
 WHERE r."item_id" = i."id";

-- CreateIndex: replaces (received_at) INCLUDE (lat, lng) under the same name.
DROP INDEX "feedback_item_received_at_idx";
CREATE INDEX "feedback_item_received_at_idx" ON "feedback_item"("received_at")
  INCLUDE ("id", "lat", "lng", "status", "category_code", "ward_code", "unit_code", "due_at", "resolved_at");

-- CreateTable: the grid rollup. "day" is the local day ('D') or the first day of the local month ('M').
CREATE TABLE "feedback_stats_grid" (
    "span" CHAR(1) NOT NULL,
    "day" DATE NOT NULL,
    "y" INTEGER NOT NULL,
    "x" INTEGER NOT NULL,
    "items" INTEGER NOT NULL,

    CONSTRAINT "feedback_stats_grid_pkey" PRIMARY KEY ("span", "day", "y", "x"),
    CONSTRAINT "feedback_stats_grid_span_check" CHECK ("span" IN ('D', 'M'))
);

-- The 0.01° cell of a latitude or longitude: floor(degrees × 100), the coordinate first rounded to
-- 1e-7° so that decimal coordinates land where they read (0.29 × 100 is 28.999999999999996 in floating
-- point; round(0.29 × 1e7) / 1e5 is exactly 29). Integer arithmetic from there on.
CREATE FUNCTION feedback_grid_cell(p_degrees DOUBLE PRECISION) RETURNS INTEGER LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT floor(round(p_degrees * 1e7::float8) / 1e5::float8)::int
$$;

-- The first day of a day's month.
CREATE FUNCTION feedback_month_of(p_day DATE) RETURNS DATE LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT p_day - (extract(day FROM p_day)::int - 1)
$$;

-- Add (sign 1) or remove (sign -1) one item's contribution to its day's rows (first resolution and
-- stars included); the grid apart, as most changes do not move an item.
DROP FUNCTION feedback_stats_apply("feedback_item", TIMESTAMPTZ, INTEGER, INTEGER);
CREATE FUNCTION feedback_stats_apply(p_item "feedback_item", p_stars INTEGER, p_sign INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_day DATE := feedback_local_day(p_item."received_at");
  v_resolved_at TIMESTAMPTZ := p_item."resolved_at";
BEGIN
  INSERT INTO "feedback_stats_daily" AS s ("day", "dimension", "key", "items") VALUES
      (v_day, 'S', p_item."status"::text, p_sign), (v_day, 'C', p_item."category_code", p_sign), (v_day, 'W', p_item."ward_code", p_sign)
    ON CONFLICT ("dimension", "day", "key") DO UPDATE SET "items" = s."items" + EXCLUDED."items";
  INSERT INTO "feedback_stats_daily" AS s ("day", "dimension", "key", "items", "resolved", "on_time", "handling_seconds", "stars", "ratings") VALUES (
      v_day, 'U', coalesce(p_item."unit_code", ''), p_sign,
      CASE WHEN v_resolved_at IS NOT NULL THEN p_sign ELSE 0 END,
      CASE WHEN v_resolved_at <= p_item."due_at" THEN p_sign ELSE 0 END,
      coalesce(p_sign * extract(epoch FROM (v_resolved_at - p_item."received_at")), 0),
      coalesce(p_sign * p_stars, 0),
      CASE WHEN p_stars IS NOT NULL THEN p_sign ELSE 0 END)
    ON CONFLICT ("dimension", "day", "key") DO UPDATE SET
      "items" = s."items" + EXCLUDED."items", "resolved" = s."resolved" + EXCLUDED."resolved", "on_time" = s."on_time" + EXCLUDED."on_time",
      "handling_seconds" = s."handling_seconds" + EXCLUDED."handling_seconds", "stars" = s."stars" + EXCLUDED."stars", "ratings" = s."ratings" + EXCLUDED."ratings";
END $$;

CREATE FUNCTION feedback_stats_grid_apply(p_received_at TIMESTAMPTZ, p_lat DOUBLE PRECISION, p_lng DOUBLE PRECISION, p_sign INTEGER) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "feedback_stats_grid" AS g ("span", "day", "y", "x", "items")
  SELECT s."span", s."day", feedback_grid_cell(p_lat), feedback_grid_cell(p_lng), p_sign
    FROM (VALUES ('D', feedback_local_day(p_received_at)), ('M', feedback_month_of(feedback_local_day(p_received_at)))) AS s("span", "day")
  ON CONFLICT ("span", "day", "y", "x") DO UPDATE SET "items" = g."items" + EXCLUDED."items"
$$;

-- An item was added, changed or is about to be deleted (BEFORE DELETE, while its rating, which the
-- cascade removes, can still be read).
CREATE OR REPLACE FUNCTION feedback_stats_item_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_until DATE := feedback_stats_watermark_shared();
  v_old_in BOOLEAN := TG_OP <> 'INSERT' AND feedback_local_day(OLD."received_at") < v_until;
  v_new_in BOOLEAN := TG_OP <> 'DELETE' AND feedback_local_day(NEW."received_at") < v_until;
  v_moved BOOLEAN := TG_OP <> 'UPDATE' OR (OLD."received_at", OLD."lat", OLD."lng") IS DISTINCT FROM (NEW."received_at", NEW."lat", NEW."lng");
  v_stars INTEGER;
BEGIN
  IF v_old_in OR v_new_in THEN
    v_stars := feedback_item_stars(CASE WHEN TG_OP = 'DELETE' THEN OLD."id" ELSE NEW."id" END);
    IF v_old_in THEN
      PERFORM feedback_stats_apply(OLD, v_stars, -1);
      IF v_moved THEN PERFORM feedback_stats_grid_apply(OLD."received_at", OLD."lat", OLD."lng", -1); END IF;
    END IF;
    IF v_new_in THEN
      PERFORM feedback_stats_apply(NEW, v_stars, 1);
      IF v_moved THEN PERFORM feedback_stats_grid_apply(NEW."received_at", NEW."lat", NEW."lng", 1); END IF;
    END IF;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

DROP TRIGGER "feedback_stats_item_update" ON "feedback_item";
CREATE TRIGGER "feedback_stats_item_update" AFTER UPDATE ON "feedback_item" FOR EACH ROW
  WHEN ((OLD."status", OLD."unit_code", OLD."category_code", OLD."ward_code", OLD."received_at", OLD."due_at", OLD."resolved_at", OLD."lat", OLD."lng")
    IS DISTINCT FROM (NEW."status", NEW."unit_code", NEW."category_code", NEW."ward_code", NEW."received_at", NEW."due_at", NEW."resolved_at", NEW."lat", NEW."lng"))
  EXECUTE FUNCTION feedback_stats_item_trigger();

-- A rating added, changed or removed: the ranking's stars of a rolled-up day.
CREATE OR REPLACE FUNCTION feedback_stats_rating_change(p_item_id UUID, p_before_stars INTEGER, p_after_stars INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_item "feedback_item";
BEGIN
  SELECT * INTO v_item FROM "feedback_item" WHERE "id" = p_item_id;
  IF NOT FOUND OR feedback_local_day(v_item."received_at") >= feedback_stats_watermark_shared() THEN RETURN; END IF;
  PERFORM feedback_stats_apply(v_item, p_before_stars, -1);
  PERFORM feedback_stats_apply(v_item, p_after_stars, 1);
END $$;

-- An item's first resolution, recomputed after a RESOLVED step of its history changed or went away.
-- The item is locked first, so the history read next includes every step committed before (read
-- committed: a new snapshot per statement). The item's own trigger then moves its rolled-up figures.
CREATE FUNCTION feedback_item_refresh_resolved_at(p_item_id UUID) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "feedback_item" WHERE "id" = p_item_id FOR UPDATE;
  -- A missing item is being deleted (the cascade removes its history).
  IF NOT FOUND THEN RETURN; END IF;
  UPDATE "feedback_item" i SET "resolved_at" = r."at"
    FROM (SELECT min(h."at") AS "at" FROM "feedback_history" h WHERE h."item_id" = p_item_id AND h."to_status" = 'RESOLVED') r
   WHERE i."id" = p_item_id AND i."resolved_at" IS DISTINCT FROM r."at";
END $$;

CREATE FUNCTION feedback_history_resolution_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- The usual case (RESOLVE): an earlier time or the first one. The condition is checked again on the
    -- latest row version if a concurrent transaction changed it, so no lock is needed.
    UPDATE "feedback_item" SET "resolved_at" = NEW."at" WHERE "id" = NEW."item_id" AND ("resolved_at" IS NULL OR "resolved_at" > NEW."at");
  ELSE
    PERFORM feedback_item_refresh_resolved_at(OLD."item_id");
    IF TG_OP = 'UPDATE' AND NEW."item_id" <> OLD."item_id" THEN PERFORM feedback_item_refresh_resolved_at(NEW."item_id"); END IF;
  END IF;
  RETURN NULL;
END $$;

-- The history triggers now keep resolved_at; the item's trigger does the rest.
DROP TRIGGER "feedback_stats_history_insert" ON "feedback_history";
DROP TRIGGER "feedback_stats_history_update" ON "feedback_history";
DROP TRIGGER "feedback_stats_history_delete" ON "feedback_history";
DROP FUNCTION feedback_stats_history_trigger();
DROP FUNCTION feedback_stats_history_change(UUID, BIGINT, TIMESTAMPTZ, TIMESTAMPTZ);
-- The bulk seed (lien_thong.stats_bypass) writes resolved_at itself.
CREATE TRIGGER "feedback_item_resolved_insert" AFTER INSERT ON "feedback_history" FOR EACH ROW
  WHEN (NEW."to_status" = 'RESOLVED' AND current_setting('lien_thong.stats_bypass', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION feedback_history_resolution_trigger();
CREATE TRIGGER "feedback_item_resolved_update" AFTER UPDATE ON "feedback_history" FOR EACH ROW
  WHEN ((OLD."to_status" = 'RESOLVED' OR NEW."to_status" = 'RESOLVED')
    AND (OLD."item_id", OLD."at", OLD."to_status") IS DISTINCT FROM (NEW."item_id", NEW."at", NEW."to_status"))
  EXECUTE FUNCTION feedback_history_resolution_trigger();
CREATE TRIGGER "feedback_item_resolved_delete" AFTER DELETE ON "feedback_history" FOR EACH ROW
  WHEN (OLD."to_status" = 'RESOLVED') EXECUTE FUNCTION feedback_history_resolution_trigger();

-- The grid rows of the items received in [p_from, p_until) (local days), added to what is there.
CREATE FUNCTION feedback_stats_grid_fill(p_from DATE, p_until DATE) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "feedback_stats_grid" AS g ("span", "day", "y", "x", "items")
  SELECT s."span", s."day", c."y", c."x", sum(c."n")
    FROM (SELECT feedback_local_day("received_at") AS "day", feedback_grid_cell("lat") AS "y", feedback_grid_cell("lng") AS "x", count(*) AS "n"
            FROM "feedback_item"
           WHERE "received_at" >= (p_from::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AND "received_at" < (p_until::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
           GROUP BY 1, 2, 3) c
    CROSS JOIN LATERAL (VALUES ('D', c."day"), ('M', feedback_month_of(c."day"))) AS s("span", "day")
   GROUP BY 1, 2, 3, 4
  ON CONFLICT ("span", "day", "y", "x") DO UPDATE SET "items" = g."items" + EXCLUDED."items"
$$;

-- Move the watermark forward to `until` (never past today: intake must stay off the rollup), adding
-- the days in between from the items. Exclusive lock: waits for changes in flight to commit.
CREATE OR REPLACE FUNCTION feedback_stats_roll_forward(p_until DATE) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_previous DATE;
  v_target DATE := least(p_until, feedback_local_day(now()));
BEGIN
  PERFORM pg_advisory_xact_lock(feedback_stats_lock_key());
  SELECT "rolled_until" INTO v_previous FROM "feedback_stats_watermark" FOR UPDATE;
  IF v_target <= v_previous THEN RETURN; END IF;
  INSERT INTO "feedback_stats_daily" AS s ("day", "dimension", "key", "items", "resolved", "on_time", "handling_seconds", "stars", "ratings")
  SELECT c."day", c."dimension", c."key", sum(c."items"), sum(c."resolved"), sum(c."on_time"), sum(c."handling_seconds"), sum(c."stars"), sum(c."ratings")
    FROM (
      SELECT feedback_local_day(i."received_at") AS "day", d."dimension", d."key", 1 AS "items",
             CASE WHEN d."dimension" = 'U' AND i."resolved_at" IS NOT NULL THEN 1 ELSE 0 END AS "resolved",
             CASE WHEN d."dimension" = 'U' AND i."resolved_at" <= i."due_at" THEN 1 ELSE 0 END AS "on_time",
             CASE WHEN d."dimension" = 'U' THEN coalesce(extract(epoch FROM (i."resolved_at" - i."received_at")), 0) ELSE 0 END AS "handling_seconds",
             CASE WHEN d."dimension" = 'U' THEN coalesce(rt."stars", 0) ELSE 0 END AS "stars",
             CASE WHEN d."dimension" = 'U' AND rt."stars" IS NOT NULL THEN 1 ELSE 0 END AS "ratings"
        FROM "feedback_item" i
        LEFT JOIN "feedback_rating" rt ON rt."item_id" = i."id"
        CROSS JOIN LATERAL (VALUES ('S', i."status"::text), ('C', i."category_code"), ('U', coalesce(i."unit_code", '')), ('W', i."ward_code")) AS d("dimension", "key")
       WHERE i."received_at" >= (v_previous::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AND i."received_at" < (v_target::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
    ) c
   GROUP BY c."day", c."dimension", c."key"
  ON CONFLICT ("dimension", "day", "key") DO UPDATE SET
    "items" = s."items" + EXCLUDED."items", "resolved" = s."resolved" + EXCLUDED."resolved", "on_time" = s."on_time" + EXCLUDED."on_time",
    "handling_seconds" = s."handling_seconds" + EXCLUDED."handling_seconds", "stars" = s."stars" + EXCLUDED."stars", "ratings" = s."ratings" + EXCLUDED."ratings";
  PERFORM feedback_stats_grid_fill(v_previous, v_target);
  UPDATE "feedback_stats_watermark" SET "rolled_until" = v_target;
END $$;

-- Move the watermark back to `day` (NULL: forget everything), dropping the rolled-up days from it on;
-- the month of `day` keeps the sum of its days before it.
CREATE OR REPLACE FUNCTION feedback_stats_rewind(p_day DATE) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(feedback_stats_lock_key());
  IF p_day IS NULL THEN
    DELETE FROM "feedback_stats_daily";
    DELETE FROM "feedback_stats_grid";
    UPDATE "feedback_stats_watermark" SET "rolled_until" = DATE '1970-01-01';
  ELSE
    DELETE FROM "feedback_stats_daily" WHERE "day" >= p_day;
    DELETE FROM "feedback_stats_grid" WHERE ("span" = 'D' AND "day" >= p_day) OR ("span" = 'M' AND "day" >= feedback_month_of(p_day));
    INSERT INTO "feedback_stats_grid" ("span", "day", "y", "x", "items")
    SELECT 'M', feedback_month_of(p_day), "y", "x", sum("items") FROM "feedback_stats_grid"
     WHERE "span" = 'D' AND "day" >= feedback_month_of(p_day) AND "day" < p_day GROUP BY "y", "x";
    UPDATE "feedback_stats_watermark" SET "rolled_until" = least("rolled_until", p_day);
  END IF;
END $$;

DROP FUNCTION feedback_first_resolution(UUID);

-- The grid of the days already rolled up (nothing on a new database), and fresh planner statistics.
SELECT feedback_stats_grid_fill(DATE '1970-01-01', (SELECT "rolled_until" FROM "feedback_stats_watermark"));
ANALYZE "feedback_item";
ANALYZE "feedback_stats_daily";
ANALYZE "feedback_stats_grid";
