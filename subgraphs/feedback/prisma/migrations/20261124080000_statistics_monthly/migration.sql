-- Statistics over millions of items, third step (issue #5, Scale). After 20261124060000_statistics_grid,
-- on 2,000,000 items: a year's unit ranking read 27,940 day rows of the rollup (a bitmap heap scan over
-- rows the roll-forward had scattered, 23 ms of its 57 ms), and a month's spent 17 ms of its 22 ms
-- probing the ratings of the items of its two partial days (1,666 probes). So:
-- 1. "feedback_stats_monthly": feedback_stats_daily's rows summed per local month ("day" is its first
--    day), always the sum of its day rows; a year reads 12 months of rows and the days at its ends.
-- 2. The roll-forward writes rollup rows in key order, so a period's rows sit on few pages. (Covering
--    primary keys, INCLUDE the figures, were tried: reads barely gained, and every trigger update became
--    a non-HOT update adding an index entry, 12 ms a resolution after a few hundred on one month.)
-- 3. "rating_stars" on the item: its rating's stars, kept by a trigger on feedback_rating (as
--    resolved_at is by one on the history), in the covering index; the item's own trigger then keeps
--    the rollup for ratings too.

-- AlterTable: the rating's stars, filled in for the items already there.
ALTER TABLE "feedback_item" ADD COLUMN "rating_stars" INTEGER;
UPDATE "feedback_item" i SET "rating_stars" = r."stars" FROM "feedback_rating" r WHERE r."item_id" = i."id";

-- CreateIndex: everything the statistics read from an item (replaces 20261124060000's, same name).
DROP INDEX "feedback_item_received_at_idx";
CREATE INDEX "feedback_item_received_at_idx" ON "feedback_item"("received_at")
  INCLUDE ("lat", "lng", "status", "category_code", "ward_code", "unit_code", "due_at", "resolved_at", "rating_stars");

-- CreateTable: per local month and dimension, as feedback_stats_daily.
CREATE TABLE "feedback_stats_monthly" (
    "day" DATE NOT NULL,
    "dimension" CHAR(1) NOT NULL,
    "key" TEXT NOT NULL,
    "items" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,
    "on_time" INTEGER NOT NULL DEFAULT 0,
    "handling_seconds" NUMERIC NOT NULL DEFAULT 0,
    "stars" INTEGER NOT NULL DEFAULT 0,
    "ratings" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "feedback_stats_monthly_pkey" PRIMARY KEY ("dimension", "day", "key"),
    CONSTRAINT "feedback_stats_monthly_dimension_check" CHECK ("dimension" IN ('S', 'C', 'U', 'W')),
    CONSTRAINT "feedback_stats_monthly_first_day_check" CHECK (extract(day FROM "day") = 1)
);

-- One item's contribution to the rows of its day (sign 1), or its removal (sign -1).
DROP FUNCTION feedback_stats_apply("feedback_item", INTEGER, INTEGER);
CREATE FUNCTION feedback_stats_rows(p_item "feedback_item", p_sign INTEGER)
  RETURNS TABLE ("day" DATE, "dimension" CHAR(1), "key" TEXT, "items" INTEGER, "resolved" INTEGER, "on_time" INTEGER, "handling_seconds" NUMERIC, "stars" INTEGER, "ratings" INTEGER)
  LANGUAGE sql STABLE AS $$
  SELECT feedback_local_day(p_item."received_at"), d."dimension", d."key", p_sign,
         CASE WHEN d."dimension" = 'U' AND p_item."resolved_at" IS NOT NULL THEN p_sign ELSE 0 END,
         CASE WHEN d."dimension" = 'U' AND p_item."resolved_at" <= p_item."due_at" THEN p_sign ELSE 0 END,
         CASE WHEN d."dimension" = 'U' THEN coalesce(p_sign * extract(epoch FROM (p_item."resolved_at" - p_item."received_at")), 0) ELSE 0 END,
         CASE WHEN d."dimension" = 'U' THEN coalesce(p_sign * p_item."rating_stars", 0) ELSE 0 END,
         CASE WHEN d."dimension" = 'U' AND p_item."rating_stars" IS NOT NULL THEN p_sign ELSE 0 END
    FROM (VALUES ('S', p_item."status"::text), ('C', p_item."category_code"), ('U', coalesce(p_item."unit_code", '')), ('W', p_item."ward_code")) AS d("dimension", "key")
$$;

-- An item was added, changed or is about to be deleted: its old figures out, its new ones in, as one
-- net change per row, so only the rows that change are written (a status change: two rows a table),
-- in key order, so concurrent changes lock shared rows in the same order (no deadlock between them).
CREATE OR REPLACE FUNCTION feedback_stats_item_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_until DATE := feedback_stats_watermark_shared();
  v_old_in BOOLEAN := TG_OP <> 'INSERT' AND feedback_local_day(OLD."received_at") < v_until;
  v_new_in BOOLEAN := TG_OP <> 'DELETE' AND feedback_local_day(NEW."received_at") < v_until;
BEGIN
  IF NOT (v_old_in OR v_new_in) THEN RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END; END IF;
  WITH "change" AS (
    SELECT r."day", r."dimension", r."key", sum(r."items") AS "items", sum(r."resolved") AS "resolved", sum(r."on_time") AS "on_time",
           sum(r."handling_seconds") AS "handling_seconds", sum(r."stars") AS "stars", sum(r."ratings") AS "ratings"
      FROM (SELECT * FROM feedback_stats_rows(OLD, -1) WHERE v_old_in UNION ALL SELECT * FROM feedback_stats_rows(NEW, 1) WHERE v_new_in) r
     GROUP BY 1, 2, 3
  ), "days" AS (
    INSERT INTO "feedback_stats_daily" AS s ("day", "dimension", "key", "items", "resolved", "on_time", "handling_seconds", "stars", "ratings")
    SELECT * FROM "change" WHERE ("items", "resolved", "on_time", "handling_seconds", "stars", "ratings") IS DISTINCT FROM (0, 0, 0, 0, 0, 0)
     ORDER BY "dimension", "day", "key"
    ON CONFLICT ("dimension", "day", "key") DO UPDATE SET
      "items" = s."items" + EXCLUDED."items", "resolved" = s."resolved" + EXCLUDED."resolved", "on_time" = s."on_time" + EXCLUDED."on_time",
      "handling_seconds" = s."handling_seconds" + EXCLUDED."handling_seconds", "stars" = s."stars" + EXCLUDED."stars", "ratings" = s."ratings" + EXCLUDED."ratings"
  )
  INSERT INTO "feedback_stats_monthly" AS s ("day", "dimension", "key", "items", "resolved", "on_time", "handling_seconds", "stars", "ratings")
  SELECT feedback_month_of(c."day"), c."dimension", c."key", sum(c."items"), sum(c."resolved"), sum(c."on_time"), sum(c."handling_seconds"), sum(c."stars"), sum(c."ratings")
    FROM "change" c GROUP BY 1, 2, 3
  HAVING (sum(c."items"), sum(c."resolved"), sum(c."on_time"), sum(c."handling_seconds"), sum(c."stars"), sum(c."ratings")) IS DISTINCT FROM (0, 0, 0, 0, 0, 0)
   ORDER BY 2, 1, 3
  ON CONFLICT ("dimension", "day", "key") DO UPDATE SET
    "items" = s."items" + EXCLUDED."items", "resolved" = s."resolved" + EXCLUDED."resolved", "on_time" = s."on_time" + EXCLUDED."on_time",
    "handling_seconds" = s."handling_seconds" + EXCLUDED."handling_seconds", "stars" = s."stars" + EXCLUDED."stars", "ratings" = s."ratings" + EXCLUDED."ratings";
  IF TG_OP <> 'UPDATE' OR (OLD."received_at", OLD."lat", OLD."lng") IS DISTINCT FROM (NEW."received_at", NEW."lat", NEW."lng") THEN
    IF v_old_in THEN PERFORM feedback_stats_grid_apply(OLD."received_at", OLD."lat", OLD."lng", -1); END IF;
    IF v_new_in THEN PERFORM feedback_stats_grid_apply(NEW."received_at", NEW."lat", NEW."lng", 1); END IF;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

DROP TRIGGER "feedback_stats_item_update" ON "feedback_item";
CREATE TRIGGER "feedback_stats_item_update" AFTER UPDATE ON "feedback_item" FOR EACH ROW
  WHEN ((OLD."status", OLD."unit_code", OLD."category_code", OLD."ward_code", OLD."received_at", OLD."due_at", OLD."resolved_at", OLD."rating_stars", OLD."lat", OLD."lng")
    IS DISTINCT FROM (NEW."status", NEW."unit_code", NEW."category_code", NEW."ward_code", NEW."received_at", NEW."due_at", NEW."resolved_at", NEW."rating_stars", NEW."lat", NEW."lng"))
  EXECUTE FUNCTION feedback_stats_item_trigger();

-- A rating added, changed or removed: its stars onto the item (one rating per item).
CREATE FUNCTION feedback_item_rating_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD."item_id" <> NEW."item_id") THEN
    UPDATE "feedback_item" SET "rating_stars" = NULL WHERE "id" = OLD."item_id" AND "rating_stars" IS NOT NULL;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE "feedback_item" SET "rating_stars" = NEW."stars" WHERE "id" = NEW."item_id" AND "rating_stars" IS DISTINCT FROM NEW."stars";
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER "feedback_stats_rating_insert" ON "feedback_rating";
DROP TRIGGER "feedback_stats_rating_change" ON "feedback_rating";
DROP FUNCTION feedback_stats_rating_trigger();
DROP FUNCTION feedback_stats_rating_change(UUID, INTEGER, INTEGER);
DROP FUNCTION feedback_item_stars(UUID);
-- The bulk seed (lien_thong.stats_bypass) writes rating_stars itself.
CREATE TRIGGER "feedback_item_rating_insert" AFTER INSERT ON "feedback_rating" FOR EACH ROW
  WHEN (current_setting('lien_thong.stats_bypass', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION feedback_item_rating_trigger();
CREATE TRIGGER "feedback_item_rating_change" AFTER UPDATE OR DELETE ON "feedback_rating" FOR EACH ROW EXECUTE FUNCTION feedback_item_rating_trigger();

-- The grid rows of the items received in [p_from, p_until) (local days), added to what is there, in key order.
CREATE OR REPLACE FUNCTION feedback_stats_grid_fill(p_from DATE, p_until DATE) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "feedback_stats_grid" AS g ("span", "day", "y", "x", "items")
  SELECT s."span", s."day", c."y", c."x", sum(c."n")
    FROM (SELECT feedback_local_day("received_at") AS "day", feedback_grid_cell("lat") AS "y", feedback_grid_cell("lng") AS "x", count(*) AS "n"
            FROM "feedback_item"
           WHERE "received_at" >= (p_from::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AND "received_at" < (p_until::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
           GROUP BY 1, 2, 3) c
    CROSS JOIN LATERAL (VALUES ('D', c."day"), ('M', feedback_month_of(c."day"))) AS s("span", "day")
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT ("span", "day", "y", "x") DO UPDATE SET "items" = g."items" + EXCLUDED."items"
$$;

-- Move the watermark forward to `until` (never past today: intake must stay off the rollup), adding
-- the days in between from the items, and their sums to the months. Exclusive lock: waits for changes
-- in flight to commit.
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
             CASE WHEN d."dimension" = 'U' THEN coalesce(i."rating_stars", 0) ELSE 0 END AS "stars",
             CASE WHEN d."dimension" = 'U' AND i."rating_stars" IS NOT NULL THEN 1 ELSE 0 END AS "ratings"
        FROM "feedback_item" i
        CROSS JOIN LATERAL (VALUES ('S', i."status"::text), ('C', i."category_code"), ('U', coalesce(i."unit_code", '')), ('W', i."ward_code")) AS d("dimension", "key")
       WHERE i."received_at" >= (v_previous::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AND i."received_at" < (v_target::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
    ) c
   GROUP BY c."day", c."dimension", c."key"
   ORDER BY c."dimension", c."day", c."key"
  ON CONFLICT ("dimension", "day", "key") DO UPDATE SET
    "items" = s."items" + EXCLUDED."items", "resolved" = s."resolved" + EXCLUDED."resolved", "on_time" = s."on_time" + EXCLUDED."on_time",
    "handling_seconds" = s."handling_seconds" + EXCLUDED."handling_seconds", "stars" = s."stars" + EXCLUDED."stars", "ratings" = s."ratings" + EXCLUDED."ratings";
  INSERT INTO "feedback_stats_monthly" AS s ("day", "dimension", "key", "items", "resolved", "on_time", "handling_seconds", "stars", "ratings")
  SELECT feedback_month_of("day"), "dimension", "key", sum("items"), sum("resolved"), sum("on_time"), sum("handling_seconds"), sum("stars"), sum("ratings")
    FROM "feedback_stats_daily" WHERE "day" >= v_previous AND "day" < v_target
   GROUP BY 1, 2, 3
   ORDER BY 2, 1, 3
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
    DELETE FROM "feedback_stats_monthly";
    DELETE FROM "feedback_stats_grid";
    UPDATE "feedback_stats_watermark" SET "rolled_until" = DATE '1970-01-01';
  ELSE
    DELETE FROM "feedback_stats_daily" WHERE "day" >= p_day;
    DELETE FROM "feedback_stats_monthly" WHERE "day" >= feedback_month_of(p_day);
    INSERT INTO "feedback_stats_monthly" ("day", "dimension", "key", "items", "resolved", "on_time", "handling_seconds", "stars", "ratings")
    SELECT feedback_month_of(p_day), "dimension", "key", sum("items"), sum("resolved"), sum("on_time"), sum("handling_seconds"), sum("stars"), sum("ratings")
      FROM "feedback_stats_daily" WHERE "day" >= feedback_month_of(p_day) AND "day" < p_day GROUP BY "dimension", "key";
    DELETE FROM "feedback_stats_grid" WHERE ("span" = 'D' AND "day" >= p_day) OR ("span" = 'M' AND "day" >= feedback_month_of(p_day));
    INSERT INTO "feedback_stats_grid" ("span", "day", "y", "x", "items")
    SELECT 'M', feedback_month_of(p_day), "y", "x", sum("items") FROM "feedback_stats_grid"
     WHERE "span" = 'D' AND "day" >= feedback_month_of(p_day) AND "day" < p_day GROUP BY "y", "x";
    UPDATE "feedback_stats_watermark" SET "rolled_until" = least("rolled_until", p_day);
  END IF;
END $$;

-- The months of the days already rolled up, and fresh planner statistics.
ANALYZE "feedback_item";
INSERT INTO "feedback_stats_monthly" ("day", "dimension", "key", "items", "resolved", "on_time", "handling_seconds", "stars", "ratings")
SELECT feedback_month_of("day"), "dimension", "key", sum("items"), sum("resolved"), sum("on_time"), sum("handling_seconds"), sum("stars"), sum("ratings")
  FROM "feedback_stats_daily" GROUP BY 1, 2, 3 ORDER BY 2, 1, 3;
ANALYZE "feedback_stats_monthly";
